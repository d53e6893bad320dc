//! Named moments of the app's start (`performance.mark`), read by `make bench-scale` to
//! say where the time to the first screen goes. Browser only; costs nothing else.

/// The moment the wasm started running.
pub const STARTED: &str = "jishi:started";
/// IndexedDB and localStorage have been read.
pub const READ: &str = "jishi:read";
/// Every stored record has been decoded and checked.
pub const DECODED: &str = "jishi:decoded";
/// The log has been folded into state.
pub const FOLDED: &str = "jishi:folded";

/// Mark this moment under `name` (nothing if the browser has no `performance`).
pub fn mark(name: &str) {
    let global = js_sys::global();
    let Ok(performance) = js_sys::Reflect::get(&global, &"performance".into()) else {
        return;
    };
    if let Ok(mark) = js_sys::Reflect::get(&performance, &"mark".into()) {
        if let Ok(mark) = wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(mark) {
            let _ = mark.call1(&performance, &name.into());
        }
    }
}
