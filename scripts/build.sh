#!/usr/bin/env bash
# The release bundle in dist/ (make build, serve, test-e2e, bench). Trunk 0.21 can't run a
# step between the linker and wasm-bindgen, which splitting needs, so this does the five
# steps itself:
#   1. cargo: the linked wasm, relocations kept (--emit-relocs: wasm-split reads them);
#   2. wasm-split-cli: the first-load module, one chunk per `#[lazy]` split point
#      (src/ui/chunks.rs), chunks of code they share, and __wasm_split.js (the loader);
#   3. wasm-bindgen on the first-load module (--keep-lld-exports: the chunks link to it);
#   4. wasm-opt -Oz on every wasm;
#   5. dist/: the app's files in app-<content hash>/ (a name whose bytes never change, so
#      browsers and the service worker may keep them for good), index.html from the
#      template ./index.html ({{APP}} = that folder), public/ as is, sw.js stamped.
# dist/ is replaced whole at the end, never left half-built.
#   scripts/build.sh [cargo flags, e.g. --features bench-extra-form]
#   JISHI_OUT=dir scripts/build.sh ...   (another output folder than dist/, for benchmarks)
# Expects wasm-split-cli, wasm-bindgen and wasm-opt on PATH (the Makefile arranges that).
set -euo pipefail
cd "$(dirname "$0")/.."

# wasm-opt 132 must be told the features rustc enables by default (wasm-bindgen drops the
# target_features section); without them it rejects memory.copy etc.
read -r -a WASM_FEATURES <scripts/wasm-features || [ "${#WASM_FEATURES[@]}" -gt 0 ]
TARGET_DIR=${CARGO_TARGET_DIR:-target}
LINKED=$TARGET_DIR/wasm32-unknown-unknown/release/jishi.wasm
OUT=${JISHI_OUT:-dist}
# One work folder per output: a benchmark variant never overwrites dist/'s.
WORK=$TARGET_DIR/jishi-build/$(printf '%s' "$OUT" | tr -c 'A-Za-z0-9_.-' '_')
STAGE=$OUT.staging

for tool in wasm-split-cli wasm-bindgen wasm-opt; do
    command -v "$tool" >/dev/null || { echo "build: $tool not on PATH (run make build)" >&2; exit 1; }
done

# 1. The crates the wasm build needs, fetched if this machine lacks any (a no-op taking
# a quarter of a second when every one is here); the build itself then stays offline.
# Both targets: the build scripts and proc-macros run on this machine, and a fresh one
# lacks their crates (`make serve` before any native build failed on them).
cargo fetch --target wasm32-unknown-unknown --target host-tuple
# The build's name, from everything compiled into it: the first screen kept by one
# build is never shown by another (src/ui/first_screen.rs).
JISHI_BUILD=$( { find src Cargo.toml Cargo.lock -type f | LC_ALL=C sort | xargs cat; echo "$*"; } | sha256sum | cut -c1-16)
export JISHI_BUILD
# Only the final crate gets the link argument, so .cargo/config.toml's rustflags stay.
cargo rustc --release --offline --target wasm32-unknown-unknown --bin jishi --features split "$@" \
    -- -C link-arg=--emit-relocs

# 2–4.
rm -rf "$WORK" "$STAGE"
mkdir -p "$WORK/split" "$WORK/app" "$STAGE"
wasm-split-cli --target web --out-name jishi "$LINKED" "$WORK/split" >/dev/null
[ -f "$WORK/split/jishi.wasm" ] && [ -f "$WORK/split/__wasm_split.js" ] ||
    { echo "build: wasm-split-cli made no jishi.wasm/__wasm_split.js" >&2; exit 1; }
wasm-bindgen --target web --no-typescript --keep-lld-exports --out-dir "$WORK/app" \
    --out-name jishi "$WORK/split/jishi.wasm"
cp "$WORK/split/__wasm_split.js" "$WORK/app/"
# wasm-split's loader keeps a chunk's fetch while it is pending, so a request that never
# answers would hold every later load of that chunk for the rest of the visit (home's
# to-dos, the store's repairs). Each chunk is fetched with a deadline for its response to
# start, long enough for a slow link's queue of chunk fetches (5 minutes; tests may set
# globalThis.jishi_chunk_deadline_ms); a body that streams in slowly is never cut.
loader="$WORK/app/__wasm_split.js"
fetches=$(grep -o 'fetch(' "$loader" | wc -l)
sed -i 's/= fetch(new URL(\([^()]*\), import\.meta\.url));/= fetchChunk(new URL(\1, import.meta.url));/g' "$loader"
if [ "$fetches" -eq 0 ] || [ "$(grep -o 'fetchChunk(new URL(' "$loader" | wc -l)" != "$fetches" ]; then
    echo "build: not every fetch of the chunk loader was given a deadline" >&2
    exit 1
fi
cat >>"$loader" <<'JS'
/** A chunk's fetch, given up if its response has not started within the deadline (scripts/build.sh). */
function fetchChunk(url) {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), globalThis.jishi_chunk_deadline_ms ?? 300000);
    const response = fetch(url, { signal: abort.signal });
    response.then(() => clearTimeout(timer), () => clearTimeout(timer));
    return response;
}
JS
find "$WORK/split" -name '*.wasm' ! -name jishi.wasm -exec cp {} "$WORK/app/" \;
for f in "$WORK"/app/*.wasm; do
    # WASM_OPT_NAMES=1 keeps function names, for a CPU profile in the browser.
    wasm-opt -Oz ${WASM_OPT_NAMES:+-g} "${WASM_FEATURES[@]}" -o "$f.opt" "$f"
    mv "$f.opt" "$f"
done
cp style/main.css "$WORK/app/main.css"

# 5.
hash=$(cd "$WORK/app" && find . -type f | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -c1-16)
app="app-$hash"
mv "$WORK/app" "$STAGE/$app"
cp public/* "$STAGE/"
sed "s|{{APP}}|$app|g" index.html >"$STAGE/index.html"
if grep -q '{{' "$STAGE/index.html"; then
    echo "build: index.html has a placeholder left" >&2
    exit 1
fi
sh scripts/stamp-sw.sh "$STAGE"
rm -rf "$OUT.old"
[ ! -d "$OUT" ] || mv "$OUT" "$OUT.old"
mv "$STAGE" "$OUT"
rm -rf "$OUT.old"
echo "build: $OUT/ ($app, $(find "$OUT/$app" -name '*.wasm' | wc -l) wasm files)" >&2
