//! Browser entry point: mounts the Leptos app into `<body>`.

/// The heap allocator: talc instead of Rust's default dlmalloc, whose allocations were a
/// quarter of the time to open a 50,000-record phone (measured with `make bench-scale`).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static HEAP: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(target_arch = "wasm32")]
fn main() {
    jishi::ui::crash::install();
    wasm_bindgen_futures::spawn_local(jishi::ui::start());
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("jishi is a browser app: build it with `make serve` (scripts/build.sh, wasm32).");
}
