#!/usr/bin/env bash
# Idempotent installer for the build/test tools of 纪实 Jishi.
#
#   scripts/install-tools.sh          # build tools: wasm32 target, wasm-split-cli, wasm-bindgen-cli, npm deps
#   scripts/install-tools.sh test     # + Debian chromium and chromium-driver (browser/e2e tests)
#
# Binaries are cached under ${JISHI_TOOLS:-$HOME/.cache/jishi/tools}:
#   $TOOLS/wasm-split-0.2.4/bin/wasm-split-cli
#   $TOOLS/wasm-bindgen-<Cargo.lock version>/bin/{wasm-bindgen,wasm-bindgen-test-runner}
# npm packages (wasm-opt from `binaryen`, playwright-core, pouchdb-server) go to ./node_modules.
# The Makefile puts all of them on PATH. Prints one "ok <tool> <version> (cached|installed)" line each.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
TOOLS="${JISHI_TOOLS:-$HOME/.cache/jishi/tools}"
WASM_SPLIT_VERSION=0.2.4
WANT_TEST=0
for arg in "$@"; do
    case "$arg" in
    test) WANT_TEST=1 ;;
    *)
        echo "usage: $0 [test]" >&2
        exit 2
        ;;
    esac
done

mkdir -p "$TOOLS"
# One installer at a time per cache (two checkouts / make -j must not race cargo install).
if command -v flock >/dev/null 2>&1; then
    exec 9>"$TOOLS/.install.lock"
    flock 9
fi

say() { printf 'ok %s\n' "$*"; }
die() {
    printf 'install-tools: %s\n' "$*" >&2
    exit 1
}

# --- Debian packages ---------------------------------------------------------------------
APT_UPDATED=0
apt_install() {
    command -v apt-get >/dev/null 2>&1 || die "need apt-get to install: $*"
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    if [ "$APT_UPDATED" -eq 0 ]; then
        "${sudo[@]}" apt-get update -qq >&2
        APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "$@" >&2
}

# --- Rust target ---------------------------------------------------------------------------
command -v cargo >/dev/null 2>&1 || die "cargo not found (install Rust with rustup first)"
if rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    say "rust-target wasm32-unknown-unknown (cached)"
else
    rustup target add wasm32-unknown-unknown >&2
    say "rust-target wasm32-unknown-unknown (installed)"
fi

# --- wasm-split-cli (scripts/build.sh: splits the linked wasm at each `#[lazy]` point) ----
# The binary of the crate wasm_split_cli_support; 0.2.4 reads the split sections that
# Cargo.lock's wasm_split_macros 0.2.x writes (the same family cargo-leptos uses).
SPLIT_ROOT="$TOOLS/wasm-split-$WASM_SPLIT_VERSION"
SPLIT="$SPLIT_ROOT/bin/wasm-split-cli"
# cargo install records what it installed in .crates.toml.
if [ -x "$SPLIT" ] && grep -q "^\"wasm_split_cli_support $WASM_SPLIT_VERSION " "$SPLIT_ROOT/.crates.toml" 2>/dev/null; then
    say "wasm-split-cli $WASM_SPLIT_VERSION (cached)"
else
    echo "installing wasm-split-cli $WASM_SPLIT_VERSION (takes ~2 min on 2 cores)..." >&2
    cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary \
        --force --root "$SPLIT_ROOT" >&2
    "$SPLIT" --help >/dev/null || die "wasm-split-cli install failed"
    say "wasm-split-cli $WASM_SPLIT_VERSION (installed)"
fi

# --- wasm-bindgen-cli (must equal the wasm-bindgen in Cargo.lock) ------------------------
if [ ! -f Cargo.lock ]; then
    # Resolves and writes Cargo.lock without upgrading anything already locked.
    cargo metadata --format-version 1 >/dev/null
fi
WBG_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[ -n "$WBG_VERSION" ] || die "no wasm-bindgen in Cargo.lock"
WBG_ROOT="$TOOLS/wasm-bindgen-$WBG_VERSION"
if [ -x "$WBG_ROOT/bin/wasm-bindgen-test-runner" ] &&
    [ "$("$WBG_ROOT/bin/wasm-bindgen" --version 2>/dev/null | cut -d' ' -f2)" = "$WBG_VERSION" ]; then
    say "wasm-bindgen-cli $WBG_VERSION (cached)"
else
    echo "installing wasm-bindgen-cli $WBG_VERSION..." >&2
    # Not --locked: its lockfile pins a yanked webpki-roots.
    cargo install wasm-bindgen-cli --version "$WBG_VERSION" --force --root "$WBG_ROOT" >&2
    say "wasm-bindgen-cli $WBG_VERSION (installed)"
fi

# --- npm packages (wasm-opt, playwright-core, pouchdb-server) ----------------------------
command -v npm >/dev/null 2>&1 || die "node/npm not found (Node.js >= 20 is needed)"
STAMP=node_modules/.jishi-npm-stamp
want=$(cat package.json package-lock.json 2>/dev/null | sha256sum | cut -c1-64)
if [ -d node_modules ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ]; then
    state=cached
else
    if [ -f package-lock.json ]; then
        npm ci --no-audit --no-fund >&2
    else
        npm install --no-audit --no-fund >&2
        want=$(cat package.json package-lock.json | sha256sum | cut -c1-64)
    fi
    printf '%s\n' "$want" >"$STAMP"
    state=installed
fi
WASM_OPT_VERSION=$("$ROOT/node_modules/.bin/wasm-opt" --version | awk '{ print $3 }')
say "npm packages (node $(node --version), wasm-opt $WASM_OPT_VERSION, playwright-core $(node -p 'require("playwright-core/package.json").version')) ($state)"

# --- browser test extras -----------------------------------------------------------------
if [ "$WANT_TEST" -eq 1 ]; then
    if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
        state=cached
    else
        echo "installing chromium and chromium-driver from Debian..." >&2
        apt_install chromium chromium-driver
        state=installed
    fi
    say "chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{ print $2 }'), chromedriver ($state)"
    # A CJK font, so e2e screenshots show the Chinese UI instead of empty boxes.
    if [ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ]; then
        state=cached
    else
        apt_install fonts-wqy-microhei
        state=installed
    fi
    say "fonts-wqy-microhei ($state)"
fi
