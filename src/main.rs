//! Browser entry point: mounts the Leptos app into `<body>`.

#[cfg(target_arch = "wasm32")]
fn main() {
    jishi::ui::crash::install();
    leptos::mount::mount_to_body(jishi::ui::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("jishi is a browser app: build it with `make serve` (scripts/build.sh, wasm32).");
}
