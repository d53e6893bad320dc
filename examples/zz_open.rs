use jishi::domain::record::{decode_sealed, Decoded};
use jishi::domain::state::State;
use std::time::Instant;
fn main() {
    let text = std::fs::read_to_string("target/bench-scale/county-50000.json").unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let texts: Vec<String> = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let d = jishi::domain::record::decode_value(e.clone()).unwrap();
            d.json().into_owned()
        })
        .collect();
    let what = std::env::args().nth(1).unwrap_or_default();
    for round in 0..10 {
        let t = Instant::now();
        let events: Vec<_> = texts
            .iter()
            .cloned()
            .map(|t| match decode_sealed(t) {
                Ok(Decoded::Known(e)) => e,
                _ => panic!(),
            })
            .collect();
        let decode = t.elapsed();
        let t = Instant::now();
        let mut n = 0;
        if what != "decode" {
            let s = State::fold(&events);
            n = s.folded;
        }
        let fold = t.elapsed();
        eprintln!("round {round}: decode {decode:?} fold {fold:?} {n}");
    }
}
