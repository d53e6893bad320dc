//! Browser entry point: mounts the Leptos app into `<body>`.

#[cfg(target_arch = "wasm32")]
fn main() {
    jishi::ui::crash::install();
    wasm_bindgen_futures::spawn_local(jishi::ui::start());
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("jishi is a browser app: build it with `make serve` (scripts/build.sh, wasm32).");
}
