#!/bin/sh
# Stamps the staged service worker: scripts/stamp-sw.sh DIR (scripts/build.sh runs it).
#   BUILD  := first 12 hex of sha256 over every staged file except sw.js
#             (index.html names the hashed js/wasm/css; the unhashed manifest and
#             icons are covered too, so changing any of them makes a new cache)
#   ASSETS := JSON list of every staged file except sw.js, as "./<path>", plus "./"
#             (the chunks in chunks.bundle excepted: BUNDLE lists them)
#   BUNDLE := {"url": "./app-<hash>/chunks.bundle", "parts": [["./app-<hash>/<chunk>", bytes], ...]}
# Needs only sh, find, sort, sed, awk, grep, sha256sum.
set -eu

dir="${1:?usage: stamp-sw.sh DIR (the staged dist folder)}"
sw="$dir/sw.js"

if [ ! -f "$sw" ]; then
    echo "stamp-sw: no sw.js in $dir (scripts/build.sh copies public/ first)" >&2
    exit 1
fi
if [ ! -f "$dir/index.html" ]; then
    echo "stamp-sw: no index.html in $dir" >&2
    exit 1
fi

# The chunks loaded on demand, also as one file (app-<hash>/chunks.bundle, in this
# order): on a first visit the worker fetches it to fill its cache on a first visit, as one download that
# compresses better than the chunks file by file (public/sw.js). BUNDLE names each part
# and its length; the parts are not listed in ASSETS.
# The chunks the first screen loads itself are left out of it (the worker takes them from
# the HTTP cache, as every file with a hashed name): the areas named in START (the recorder,
# ui::recording::load; the folder, ui::ctx::Boot::open) and the chunks they share, as
# wasm-split's loader (__wasm_split.js) lists them.
START="folder recorder"
app=$(cd "$dir" && find . -maxdepth 1 -type d -name 'app-*' | LC_ALL=C sort | head -1)
parts=""
if [ -n "$app" ] && [ -f "$dir/$app/__wasm_split.js" ]; then
    started=$(awk -v start=" $START " '
        /^export const __wasm_split_load_/ {
            name = $3; sub("__wasm_split_load_", "", name)
            inside = index(start, " " name " ") > 0
            if (inside) print "split_" name ".wasm"
        }
        inside && /^, \[/ {
            line = $0
            while (match(line, /__chunk_[0-9]+/)) {
                print "chunk_" substr(line, RSTART + 8, RLENGTH - 8) ".wasm"
                line = substr(line, RSTART + RLENGTH)
            }
            inside = 0
        }' "$dir/$app/__wasm_split.js")
    for area in $START; do
        if ! printf '%s\n' "$started" | grep -q -x "split_$area.wasm"; then
            echo "stamp-sw: the loader has no area $area (START in scripts/stamp-sw.sh)" >&2
            exit 1
        fi
    done
    parts=$(cd "$dir" && find "$app" -name '*.wasm' ! -name jishi_bg.wasm | LC_ALL=C sort |
        grep -v -x -F $(for f in $started; do printf ' -e %s/%s' "$app" "$f"; done) || true)
fi
bundle=null
if [ -n "$parts" ]; then
    rm -f "$dir/$app/chunks.bundle"
    list=""
    for p in $parts; do
        cat "$dir/$p" >>"$dir/$app/chunks.bundle.tmp"
        list="$list${list:+, }[\"$p\", $(wc -c <"$dir/$p" | tr -d ' ')]"
    done
    mv "$dir/$app/chunks.bundle.tmp" "$dir/$app/chunks.bundle"
    bundle="{\"url\": \"$app/chunks.bundle\", \"parts\": [$list]}"
fi

files=$(cd "$dir" && find . -type f ! -path ./sw.js | LC_ALL=C sort)
listed=$(printf '%s\n' "$files" | grep -v -x -F -e "$app/chunks.bundle" $(for p in $parts; do printf ' -e %s' "$p"; done) || true)

build=$(cd "$dir" && printf '%s\n' "$files" | while IFS= read -r f; do sha256sum "$f"; done \
    | sha256sum | cut -c1-12)

# JSON array: "./" first, then each file (JSON-escape backslash and double quote).
assets='"./"'
for f in $(printf '%s\n' "$listed" | sed 's/ /%20/g'); do
    f=$(printf '%s' "$f" | sed 's/\\/\\\\/g; s/"/\\"/g')
    assets="$assets, \"$f\""
done
assets="[$assets]"

# Escape for the sed replacement (delimiter |).
esc() { printf '%s' "$1" | sed 's/[\\&|]/\\&/g'; }

tmp="$sw.tmp"
sed -e "s|/\*@JISHI_BUILD@\*/.*/\*@END@\*/|\"$(esc "$build")\"|" \
    -e "s|/\*@JISHI_ASSETS@\*/.*/\*@END@\*/|$(esc "$assets")|" \
    -e "s|/\*@JISHI_BUNDLE@\*/.*/\*@END@\*/|$(esc "$bundle")|" \
    "$sw" >"$tmp"

if grep -q '@JISHI_BUILD@\|@JISHI_ASSETS@\|@JISHI_BUNDLE@' "$tmp" || ! grep -q '^const BUNDLE = ' "$tmp" || ! grep -q "\"$build\"" "$tmp"; then
    rm -f "$tmp"
    echo "stamp-sw: placeholders not found/replaced in $sw" >&2
    exit 1
fi
mv "$tmp" "$sw"

count=$(printf '%s\n' "$listed" | grep -c . || true)
echo "stamp-sw: build $build, $count files precached, and $(printf '%s\n' "$parts" | grep -c . || true) chunks from chunks.bundle" >&2
