//! The app sorts through `domain::sorting` only: each direct `slice::sort*` call compiles
//! its own copy of the standard sort into the wasm (3–4 KB each; 175 KB for ~40 sites).

use std::fs;
use std::path::Path;

const DIRECT: [&str; 6] = [
    ".sort()",
    ".sort_by(",
    ".sort_by_key(",
    ".sort_by_cached_key(",
    ".sort_unstable(",
    ".sort_unstable_by",
];

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).expect("src is readable").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_app_sorts_only_through_domain_sorting() {
    let mut files = Vec::new();
    rust_files(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("src").as_path(),
        &mut files,
    );
    assert!(files.len() > 50, "found only {} source files", files.len());
    let mut direct = Vec::new();
    for file in files.iter().filter(|f| !f.ends_with("domain/sorting.rs")) {
        let text = fs::read_to_string(file).expect("source is text");
        // Unit tests (at the end of a file, after `#[cfg(test)]`) are not in the app.
        let app = text.split("#[cfg(test)]").next().unwrap_or_default();
        for (n, line) in app.lines().enumerate() {
            if DIRECT.iter().any(|d| line.contains(d)) {
                direct.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        direct.is_empty(),
        "sort with domain::sorting instead:\n{}",
        direct.join("\n")
    );
}
