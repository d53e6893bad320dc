//! Browser entry point: mounts the Leptos app into `<body>`.

/// The heap allocator: small blocks by size class (`jishi::heap`) over talc for the
/// rest. talc replaced Rust's default dlmalloc, whose allocations were a quarter of the
/// time to open a 50,000-record phone (measured with `make bench-scale`); the size
/// classes took 8% more off that time and 7% off the memory.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static HEAP: jishi::heap::Heap<talc::wasm::WasmDynamicTalc> =
    jishi::heap::Heap::new(talc::wasm::new_wasm_dynamic_allocator());

#[cfg(target_arch = "wasm32")]
fn main() {
    jishi::ui::crash::install();
    wasm_bindgen_futures::spawn_local(jishi::ui::start());
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("jishi is a browser app: build it with `make serve` (scripts/build.sh, wasm32).");
}
