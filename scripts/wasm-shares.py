#!/usr/bin/env python3
"""Where the wasm goes, by part of the app (make bench).

Reads a wasm module that kept its `name` section (scripts/bench.sh builds one with
names kept, otherwise as the release build), sums each function body's size by the
part of the app it belongs to (a workflow, sync, the shell, a library), and prints
each part's bytes and its share of the code. Brotli sizes are estimated by scaling
the release wasm's brotli size by the share (compression is roughly even across code).

Usage: wasm-shares.py NAMED.wasm RELEASE_WASM_BROTLI_BYTES
"""

import os
import re
import sys

REGISTRY = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "domain", "workflows.rs")


def workflows():
    """Each workflow of the registry (`for_each_workflow!` in src/domain/workflows.rs) as
    (label, pattern): its folder (its domain and pages, and its chunk `<folder>_page`)
    and the (W…) its doc line names, if it has one."""
    text = open(REGISTRY, encoding="utf-8").read()
    start = text.index("macro_rules! for_each_workflow")
    body = text[start : text.index("\n}\n", start)]
    found = []
    for m in re.finditer(r"(?P<doc>(?:[ \t]*///[^\n]*\n)*)[ \t]*\w+\(\w+\)\s*=>\s*(?P<folder>\w+),", body):
        short = re.findall(r"\(W[^)]*\)", m.group("doc"))[:1]
        found.append((" ".join([m.group("folder")] + short), rf"\b{m.group('folder')}(_page)?\b"))
    if not found:
        sys.exit("wasm-shares: no workflow found in for_each_workflow! (" + REGISTRY + ")")
    return found


# First matching rule wins; patterns are searched in the demangled symbol.
PARTS = workflows() + [
    ("sync", r"jishi::sync\b"),
    ("store", r"jishi::store\b"),
    ("domain, shared", r"jishi::domain\b|jishi::route\b"),
    ("ui shell and shared pages", r"jishi::ui\b|jishi::main\b|^jishi::"),
    ("leptos (tachys, reactive_graph, router)", r"\b(leptos\w*|tachys|reactive_graph|any_spawner|or_poisoned|throw_error)::"),
    ("serde, serde_json", r"\bserde(_json)?::"),
    ("chrono, holidays", r"\b(chrono|chinese_holiday)::"),
    ("sha2", r"\bsha2::|\bdigest::|\bblock_buffer::"),
    ("web-sys, js-sys, wasm-bindgen, gloo", r"\b(web_sys|js_sys|wasm_bindgen\w*|gloo\w*)::"),
    ("std, alloc, core", r"\b(std|alloc|core|hashbrown|dlmalloc)::"),
]


def leb(data, pos):
    result = shift = 0
    while True:
        b = data[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        shift += 7
        if b < 0x80:
            return result, pos


def demangle(name):
    """Rust legacy mangling (`_ZN5jishi6domain…17h…E`) to `jishi::domain::…`."""
    if not name.startswith("_ZN"):
        return name
    pos, parts = 3, []
    while pos < len(name) and name[pos].isdigit():
        m = re.match(r"\d+", name[pos:])
        n = int(m.group(0))
        pos += len(m.group(0))
        part = name[pos : pos + n]
        pos += n
        if re.fullmatch(r"h[0-9a-f]{16}", part):
            continue
        for a, b in (("$LT$", "<"), ("$GT$", ">"), ("$u20$", " "), ("$C$", ","), ("..", "::"), ("$RF$", "&")):
            part = part.replace(a, b)
        parts.append(part)
    return "::".join(parts)


def sections(data):
    pos = 8
    while pos < len(data):
        sid = data[pos]
        size, body = leb(data, pos + 1)
        yield sid, data[body : body + size]
        pos = body + size


def read(path):
    data = open(path, "rb").read()
    imported, bodies, names, data_bytes = 0, [], {}, 0
    for sid, body in sections(data):
        if sid == 2:  # imports: count imported functions
            count, p = leb(body, 0)
            for _ in range(count):
                for _ in range(2):
                    n, p = leb(body, p)
                    p += n
                kind = body[p]
                p += 1
                if kind == 0:
                    imported += 1
                    _, p = leb(body, p)
                elif kind == 1:
                    p += 1
                    flags, p = leb(body, p)
                    _, p = leb(body, p)
                    if flags & 1:
                        _, p = leb(body, p)
                elif kind == 2:
                    flags, p = leb(body, p)
                    _, p = leb(body, p)
                    if flags & 1:
                        _, p = leb(body, p)
                elif kind == 3:
                    p += 2
                else:
                    _, p = leb(body, p)
        elif sid == 10:  # code
            count, p = leb(body, 0)
            for _ in range(count):
                size, q = leb(body, p)
                bodies.append(size + (q - p))
                p = q + size
        elif sid == 11:
            data_bytes = len(body)
        elif sid == 0:
            n, p = leb(body, 0)
            if body[p : p + n] != b"name":
                continue
            p += n
            while p < len(body):
                sub, p = body[p], p + 1
                size, p = leb(body, p)
                end = p + size
                if sub == 1:
                    count, q = leb(body, p)
                    for _ in range(count):
                        idx, q = leb(body, q)
                        n, q = leb(body, q)
                        names[idx] = body[q : q + n].decode("utf-8", "replace")
                        q += n
                p = end
    return imported, bodies, names, data_bytes


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    imported, bodies, names, data_bytes = read(sys.argv[1])
    brotli = int(sys.argv[2])
    if not names:
        sys.exit("wasm-shares: no name section in " + sys.argv[1])
    totals = {label: 0 for label, _ in PARTS}
    other = 0
    for i, size in enumerate(bodies):
        # wasm-bindgen demangles; v0 names carry crate hashes (`jishi[355a…]::`).
        name = re.sub(r"\[[0-9a-f]+\]", "", demangle(names.get(imported + i, "")))
        label = next((lbl for lbl, pat in PARTS if re.search(pat, name)), None)
        if label:
            totals[label] += size
        else:
            other += size
    code = sum(bodies)
    rows = list(totals.items()) + [("other", other)]
    whole = code + data_bytes
    print(f"{'part of the app':42} {'code KB':>9} {'share':>7} {'~br KB':>8}")
    for label, size in rows + [("static data (strings, tables)", data_bytes)]:
        share = size / whole if whole else 0
        print(f"{label:42} {size / 1024:9.1f} {share * 100:6.1f}% {share * brotli / 1024:8.1f}")
    print(f"{'wasm (code + data)':42} {whole / 1024:9.1f} {100:6.1f}% {brotli / 1024:8.1f}")


if __name__ == "__main__":
    main()
