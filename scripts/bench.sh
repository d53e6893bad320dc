#!/usr/bin/env bash
# Bundle size report (make bench): builds the release bundle with trunk, then prints
# raw / gzip -9 / brotli -q 11 sizes of index.html, the js, the wasm, the css and the
# first-load total (html + js + wasm + css), plus the 150 KB brotli budget line.
# Prints only: exits 0 even when over budget. Expects trunk, wasm-bindgen and wasm-opt
# on PATH (the Makefile's `bench` target arranges that).
set -euo pipefail
cd "$(dirname "$0")/.."

BUDGET_KB=150
DIST=dist

if ! command -v brotli >/dev/null 2>&1; then
    echo "bench: installing brotli (Debian package)..." >&2
    sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends brotli >&2
fi

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
    TRUNK_SKIP_VERSION_CHECK=true trunk build --release --offline >&2
fi

pick() { # pick GLOB: the single file of dist/ matching GLOB
    local m=()
    mapfile -t m < <(find "$DIST" -maxdepth 1 -type f -name "$1" | sort)
    if [ "${#m[@]}" -ne 1 ]; then
        echo "bench: expected one $DIST/$1, found ${#m[@]}" >&2
        exit 1
    fi
    printf '%s' "${m[0]}"
}

html=$DIST/index.html
js=$(pick 'jishi-*.js')
wasm=$(pick 'jishi-*_bg.wasm')
css=$(pick 'main-*.css')

raw() { stat -c %s "$1"; }
gz() { gzip -9 -c "$1" | wc -c; }
br() { brotli -q 11 -c "$1" | wc -c; }
kb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1024 }'; }

printf '%-34s %10s %10s %10s %10s %10s %10s\n' file raw "raw KB" gzip "gzip KB" brotli "br KB"
tr=0 tg=0 tb=0
for f in "$html" "$js" "$wasm" "$css"; do
    r=$(raw "$f") g=$(gz "$f") b=$(br "$f")
    tr=$((tr + r)) tg=$((tg + g)) tb=$((tb + b))
    printf '%-34s %10d %10s %10d %10s %10d %10s\n' "${f#"$DIST"/}" "$r" "$(kb "$r")" "$g" "$(kb "$g")" "$b" "$(kb "$b")"
done
printf '%-34s %10d %10s %10d %10s %10d %10s\n' "first load (html+js+wasm+css)" "$tr" "$(kb "$tr")" "$tg" "$(kb "$tg")" "$tb" "$(kb "$tb")"

if [ "$tb" -le $((BUDGET_KB * 1024)) ]; then verdict=OK; else verdict=OVER; fi
echo "budget ${BUDGET_KB} KB brotli: $verdict ($(kb "$tb") KB)"

# Where the wasm goes, by part of the app. The linked module keeps its function names
# (release `strip = false`, v0 mangling in .cargo/config.toml); optimize it as Trunk does,
# keeping the names (-g), and sum function sizes by part. Inlining blurs the edges: a
# workflow's decide and evolve inlined into the top-level ones count as "domain, shared".
linked=${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/jishi.wasm
named_dir=target/bench-names
echo
if [ -n "${RUSTFLAGS:-}" ]; then
    echo "where the wasm goes: RUSTFLAGS is set, which replaces .cargo/config.toml's v0 mangling; shares may be coarse" >&2
fi
if [ ! -f "$linked" ]; then
    echo "where the wasm goes: skipped ($linked not found)"
elif ! command -v python3 >/dev/null || ! command -v wasm-bindgen >/dev/null || ! command -v wasm-opt >/dev/null; then
    echo "where the wasm goes: skipped (needs python3, wasm-bindgen and wasm-opt on PATH: run make bench)"
else
    mkdir -p "$named_dir"
    read -r -a wasm_features < <(sed -n 's/.*data-wasm-opt-params="\([^"]*\)".*/\1/p' index.html)
    if wasm-bindgen --target web --no-typescript --out-dir "$named_dir" "$linked" &&
        wasm-opt -Oz -g "${wasm_features[@]}" -o "$named_dir/named.wasm" "$named_dir/jishi_bg.wasm"; then
        echo "where the wasm goes (brotli KB estimated from each part's share of the code):"
        python3 scripts/wasm-shares.py "$named_dir/named.wasm" "$(br "$wasm")" || true
    else
        echo "where the wasm goes: skipped (wasm-bindgen or wasm-opt failed)"
    fi
fi

# The cost of one more form as data: the same pipeline (cargo, wasm-bindgen, wasm-opt -Oz)
# with and without `--features bench-extra-form` (domain::bench_form: six fields drawn by
# the one renderer, read into a struct, sending an existing command). Only the jishi crate
# is rebuilt for the variant, and the shipped one is relinked afterwards (nothing to
# compile), so the linked wasm is the app's again.
echo
if [ "${BENCH_SKIP_EXTRA:-0}" = 1 ] || [ ! -f "$linked" ]; then
    echo "one more form as data: skipped (BENCH_SKIP_EXTRA=1 or no linked wasm)"
elif ! command -v wasm-bindgen >/dev/null || ! command -v wasm-opt >/dev/null; then
    echo "one more form as data: skipped (needs wasm-bindgen and wasm-opt on PATH: run make bench)"
else
    extra_dir=target/bench-extra
    mkdir -p "$extra_dir"
    read -r -a wasm_features < <(sed -n 's/.*data-wasm-opt-params="\([^"]*\)".*/\1/p' index.html)
    optimized() { # optimized LINKED OUT: wasm-bindgen then wasm-opt -Oz, as the release build
        wasm-bindgen --target web --no-typescript --out-name jishi --out-dir "$extra_dir/bg" "$1" &&
            wasm-opt -Oz "${wasm_features[@]}" -o "$2" "$extra_dir/bg/jishi_bg.wasm"
    }
    build() { cargo build --release --offline --target wasm32-unknown-unknown --bin jishi "$@" >&2; }
    cp "$linked" "$extra_dir/base-linked.wasm"
    if optimized "$extra_dir/base-linked.wasm" "$extra_dir/base.wasm" &&
        build --features bench-extra-form && optimized "$linked" "$extra_dir/extra.wasm"; then
        base=$(br "$extra_dir/base.wasm") extra=$(br "$extra_dir/extra.wasm")
        printf 'one more form as data (6 fields, an existing command): %+d bytes brotli (%s KB -> %s KB)\n' \
            "$((extra - base))" "$(kb "$base")" "$(kb "$extra")"
    else
        echo "one more form as data: skipped (the variant build failed)"
    fi
    build || echo "bench: relinking the app without the bench form failed; run make build" >&2
fi
