//! Named moments of the app's start (`performance.mark`), read by `make bench-scale` to
//! say where the time to the first screen goes, and [`next_tick`], which lets the
//! browser draw between the parts of a long job. Browser only.

/// The moment the wasm started running.
pub const STARTED: &str = "jishi:started";
/// IndexedDB and localStorage have been read.
pub const READ: &str = "jishi:read";
/// IndexedDB's records were taken as the worker read them ahead (`store::read_ahead`).
pub const READ_AHEAD: &str = "jishi:read-ahead";
/// The first screen was drawn from its copy (`ui::first_screen`), before the log is open.
pub const FIRST_SCREEN: &str = "jishi:first-screen";
/// Every stored record has been decoded and checked.
pub const DECODED: &str = "jishi:decoded";
/// The log has been folded into state but for the parts folded later (`store::later`):
/// the app is drawn.
pub const FOLDED: &str = "jishi:folded";
/// The parts folded later are folded too: the whole log is.
pub const WHOLE: &str = "jishi:whole";

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

/// Let the browser draw and handle input before going on. A message to ourselves comes
/// back in the next task; a timer would wait at least 4 ms more each time (measured:
/// 24 ms a turn with the CPU 4× slower), which over a county's log of turns adds seconds.
pub async fn next_tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Ok(channel) = web_sys::MessageChannel::new() {
            channel.port1().set_onmessage(Some(&resolve));
            if channel
                .port2()
                .post_message(&wasm_bindgen::JsValue::NULL)
                .is_ok()
            {
                return;
            }
        }
        let timer = web_sys::window().map(|w| w.set_timeout_with_callback(&resolve));
        if !matches!(timer, Some(Ok(_))) {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
