#!/bin/sh
# Stamps the staged service worker: scripts/stamp-sw.sh DIR (scripts/build.sh runs it).
#   BUILD  := first 12 hex of sha256 over every staged file except sw.js
#             (index.html names the hashed js/wasm/css; the unhashed manifest and
#             icons are covered too, so changing any of them makes a new cache)
#   ASSETS := JSON list of every staged file except sw.js, as "./<path>", plus "./"
# Needs only sh, find, sort, sed, sha256sum.
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

files=$(cd "$dir" && find . -type f ! -path ./sw.js | LC_ALL=C sort)

build=$(cd "$dir" && printf '%s\n' "$files" | while IFS= read -r f; do sha256sum "$f"; done \
    | sha256sum | cut -c1-12)

# JSON array: "./" first, then each file (JSON-escape backslash and double quote).
assets='"./"'
for f in $(printf '%s\n' "$files" | sed 's/ /%20/g'); do
    f=$(printf '%s' "$f" | sed 's/\\/\\\\/g; s/"/\\"/g')
    assets="$assets, \"$f\""
done
assets="[$assets]"

# Escape for the sed replacement (delimiter |).
esc() { printf '%s' "$1" | sed 's/[\\&|]/\\&/g'; }

tmp="$sw.tmp"
sed -e "s|/\*@JISHI_BUILD@\*/.*/\*@END@\*/|\"$(esc "$build")\"|" \
    -e "s|/\*@JISHI_ASSETS@\*/.*/\*@END@\*/|$(esc "$assets")|" \
    "$sw" >"$tmp"

if grep -q '@JISHI_BUILD@\|@JISHI_ASSETS@' "$tmp" || ! grep -q "\"$build\"" "$tmp"; then
    rm -f "$tmp"
    echo "stamp-sw: placeholders not found/replaced in $sw" >&2
    exit 1
fi
mv "$tmp" "$sw"

count=$(printf '%s\n' "$files" | wc -l | tr -d ' ')
echo "stamp-sw: build $build, $count files precached" >&2
