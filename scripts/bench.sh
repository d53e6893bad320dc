#!/usr/bin/env bash
# Bundle size report (make bench): builds the release bundle (scripts/build.sh), then prints
# raw / gzip -9 / brotli -q 11 sizes of
#   - the first screen: index.html, css, js, the loader and the first-load wasm, against
#     the 150 KB brotli budget;
#   - each area loaded on demand (src/ui/chunks.rs), the chunks they share, and the whole
#     app, against the 300 KB brotli target (the service worker fetches all of it on a
#     first visit, after the first screen, so every page works offline);
#   - where the first-load wasm goes, by part of the app (each workflow's share);
#   - the cost of one more form as data.
# Prints only: exits 0 even when over budget. Expects wasm-split-cli, wasm-bindgen and
# wasm-opt on PATH (the Makefile's `bench` target arranges that).
#   BENCH_SKIP_BUILD=1   measure dist/ as it is    BENCH_SKIP_EXTRA=1   skip the form and workflow variants
set -euo pipefail
cd "$(dirname "$0")/.."

BUDGET_KB=150
TARGET_KB=300
DIST=dist
WORK=${CARGO_TARGET_DIR:-target}/jishi-build/dist # scripts/build.sh's work folder for dist/

if ! command -v brotli >/dev/null 2>&1; then
    echo "bench: installing brotli (Debian package)..." >&2
    sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends brotli >&2
fi

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
    scripts/build.sh >&2
fi

raw() { stat -c %s "$1"; }
gz() { gzip -9 -c "$1" | wc -c; }
br() { brotli -q 11 -c "$1" | wc -c; }
kb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1024 }'; }
app_of() { find "$1" -maxdepth 1 -type d -name 'app-*' | head -1; }
# The area a split chunk serves: split_village_pay_page_<hash>.wasm -> village_pay_page.
area() { basename "$1" .wasm | sed -E 's/^split_//; s/_[0-9]+$//'; }

app=$(app_of "$DIST")
[ -n "$app" ] || { echo "bench: no $DIST/app-*/ (run make build)" >&2; exit 1; }

row() { # row LABEL BYTES-RAW GZIP BROTLI
    printf '%-40s %10d %9s %9d %9s %9d %9s\n' "$1" "$2" "$(kb "$2")" "$3" "$(kb "$3")" "$4" "$(kb "$4")"
}
sum_row() { # sum_row LABEL FILE...: one row for the files together; sets SUM_BR
    local label=$1 r=0 g=0 b=0
    shift
    for f in "$@"; do r=$((r + $(raw "$f"))) g=$((g + $(gz "$f"))) b=$((b + $(br "$f"))); done
    row "$label" "$r" "$g" "$b"
    SUM_BR=$b
}

printf '%-40s %10s %9s %9s %9s %9s %9s\n' file raw "raw KB" gzip "gzip KB" brotli "br KB"
first=("$DIST/index.html" "$app/main.css" "$app/jishi.js" "$app/__wasm_split.js" "$app/jishi_bg.wasm")
for f in "${first[@]}"; do sum_row "${f#"$DIST"/}" "$f"; done
sum_row "first screen (html+css+js+loader+wasm)" "${first[@]}"
first_br=$SUM_BR
echo
echo "loaded on demand (src/ui/chunks.rs):"
mapfile -t areas < <(find "$app" -name 'split_*.wasm' | sort)
for f in "${areas[@]}"; do sum_row "  $(area "$f")" "$f"; done
mapfile -t shared < <(find "$app" -name 'chunk_*.wasm' | sort)
sum_row "  shared by areas (${#shared[@]} chunks)" "${shared[@]}"
mapfile -t all < <(find "$DIST" -type f ! -name sw.js | sort)
sum_row "whole app (every file the worker caches)" "${all[@]}" "$DIST/sw.js"
whole_br=$SUM_BR

verdict() { if [ "$1" -le $(($2 * 1024)) ]; then echo OK; else echo OVER; fi; }
echo "budget ${BUDGET_KB} KB brotli, first screen: $(verdict "$first_br" $BUDGET_KB) ($(kb "$first_br") KB)"
echo "target ${TARGET_KB} KB brotli, whole app: $(verdict "$whole_br" $TARGET_KB) ($(kb "$whole_br") KB)"

# Where the first-load wasm goes, by part of the app. wasm-split keeps function names
# (release `strip = false`, v0 mangling in .cargo/config.toml); optimize the first-load
# module as the build does, keeping the names (-g), and sum function sizes by part.
# Inlining blurs the edges: a workflow's decide and evolve inlined into the top-level ones
# count as "domain, shared".
read -r -a wasm_features <scripts/wasm-features || [ "${#wasm_features[@]}" -gt 0 ]
named_dir=target/bench-names
echo
if [ ! -f "$WORK/split/jishi.wasm" ]; then
    echo "where the first-load wasm goes: skipped ($WORK/split/jishi.wasm not found; run make build)"
elif ! command -v python3 >/dev/null; then
    echo "where the first-load wasm goes: skipped (needs python3)"
else
    rm -rf "$named_dir" && mkdir -p "$named_dir"
    if wasm-bindgen --target web --no-typescript --keep-lld-exports --out-dir "$named_dir" "$WORK/split/jishi.wasm" &&
        wasm-opt -Oz -g "${wasm_features[@]}" -o "$named_dir/named.wasm" "$named_dir/jishi_bg.wasm"; then
        echo "where the first-load wasm goes (brotli KB estimated from each part's share of the code):"
        python3 scripts/wasm-shares.py "$named_dir/named.wasm" "$(br "$app/jishi_bg.wasm")" || true
    else
        echo "where the first-load wasm goes: skipped (wasm-bindgen or wasm-opt failed)"
    fi
fi

# The cost of one more form as data: the same build with `--features bench-extra-form`
# (domain::bench_form: six fields on the 基础信息 page, drawn by the one renderer, read
# into a struct, sending an existing command), into target/bench-extra/.
echo
if [ "${BENCH_SKIP_EXTRA:-0}" = 1 ]; then
    echo "one more form as data and one more workflow: skipped (BENCH_SKIP_EXTRA=1)"
else
    extra=target/bench-extra
    if JISHI_OUT=$extra scripts/build.sh --features bench-extra-form >&2; then
        extra_app=$(app_of "$extra")
        base_first=$(br "$app/jishi_bg.wasm") extra_first=$(br "$extra_app/jishi_bg.wasm")
        base_all=0 extra_all=0
        for f in "$app"/*.wasm; do base_all=$((base_all + $(br "$f"))); done
        for f in "$extra_app"/*.wasm; do extra_all=$((extra_all + $(br "$f"))); done
        printf 'one more form as data (6 fields, an existing command): first load %+d bytes brotli, whole app %+d bytes\n' \
            "$((extra_first - base_first))" "$((extra_all - base_all))"
    else
        echo "one more form as data: skipped (the variant build failed)"
    fi
    # What one more workflow costs in itself: `--features bench-extra-workflow`
    # (domain::bench_workflow, one line more in the registry: an event kind, a command,
    # its state, a page with a list and a form in a chunk of its own, a to-do, a nav entry;
    # a floor — a real workflow's rules, screens and policy section add their own code),
    # into target/bench-workflow/. Every file counts, as in the totals above.
    flow=target/bench-workflow
    if JISHI_OUT=$flow scripts/build.sh --features bench-extra-workflow >&2; then
        flow_app=$(app_of "$flow")
        sum_br() { local b=0; for f in "$@"; do b=$((b + $(br "$f"))); done; echo "$b"; }
        first_of() { echo "$1/index.html" "$2/main.css" "$2/jishi.js" "$2/__wasm_split.js" "$2/jishi_bg.wasm"; }
        # shellcheck disable=SC2046
        base_first=$(sum_br $(first_of "$DIST" "$app")) flow_first=$(sum_br $(first_of "$flow" "$flow_app"))
        mapfile -t base_files < <(find "$DIST" -type f | sort)
        mapfile -t flow_files < <(find "$flow" -type f | sort)
        base_all=$(sum_br "${base_files[@]}") flow_all=$(sum_br "${flow_files[@]}")
        printf 'one more workflow (its registry wiring; target: whole app +15 KB brotli at most): first load %+d bytes brotli, whole app %+d bytes, %+d files\n' \
            "$((flow_first - base_first))" "$((flow_all - base_all))" "$((${#flow_files[@]} - ${#base_files[@]}))"
    else
        echo "one more workflow: skipped (the variant build failed)"
    fi
fi
