//! The first load reads back the home page's copy and sync's quarantine and alarms with
//! `domain::json_reader`, not serde_json: it must read exactly what serde_json wrote, and
//! refuse everything serde_json refuses (a copy read wrongly would show another home
//! page; an alarm read wrongly would hide a tampered record). Damaged text is read by
//! both and compared; the few forms serde_json accepts but never writes (a struct as an
//! array, a lone surrogate in a member passed over) are refused here, and named below.

use jishi::domain::home::HomeCopy;
use jishi::domain::json_reader::Json;
use jishi::sync::state::{RemoteQuarantined, TamperAlarm};
use serde::Deserialize;

mod common;
use common::rng::Rng;

/// Text with what is hard to get right in JSON: quotes, backslashes, every control
/// character, slashes, characters beyond the BMP, Chinese, and lookalike escapes.
fn text(rng: &mut Rng) -> String {
    const HARD: &[&str] = &[
        "\"",
        "\\",
        "/",
        "\\u",
        "\\n",
        "\u{0}",
        "\u{1f}",
        "\u{7f}",
        "\n",
        "\t",
        "\r",
        "\u{8}",
        "\u{c}",
        "\u{2028}",
        "😀",
        "东风村",
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "Ok",
        "Err",
        "true",
        "-0",
        "1e5",
        " ",
        "a",
    ];
    (0..rng.below(8))
        .map(|_| HARD[rng.below(HARD.len())])
        .collect()
}

fn links(rng: &mut Rng, urgent: bool) -> Result<Vec<(String, String, bool)>, String> {
    match rng.below(4) {
        0 => Err(text(rng)),
        _ => Ok((0..rng.below(5))
            .map(|_| (text(rng), text(rng), urgent && rng.below(2) == 0))
            .collect()),
    }
}

fn copy(rng: &mut Rng) -> HomeCopy {
    HomeCopy {
        key: text(rng),
        townships: links(rng, false).map(|all| all.into_iter().map(|(t, p, _)| (t, p)).collect()),
        heading: text(rng),
        todos: links(rng, true),
    }
}

/// `text` damaged once: a character dropped, one of JSON's own inserted, cut short, or a
/// stretch repeated.
fn damage(rng: &mut Rng, text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let at = rng.below(chars.len() + 1);
    let mut out = chars.clone();
    match rng.below(4) {
        0 if at < chars.len() => {
            out.remove(at);
        }
        1 => out.insert(
            at,
            ['"', '\\', ',', ':', '[', ']', '{', '}', ' ', 'u', '0'][rng.below(11)],
        ),
        2 => out.truncate(at),
        _ => {
            let end = (at + rng.below(12)).min(chars.len());
            let stretch: Vec<char> = chars[at..end].to_vec();
            out.splice(at..at, stretch);
        }
    }
    out.into_iter().collect()
}

/// HomeCopy's shape as serde reads it, for comparison.
#[derive(Deserialize, PartialEq, Debug)]
struct SerdeCopy {
    key: String,
    townships: Result<Vec<(String, String)>, String>,
    heading: String,
    todos: Result<Vec<(String, String, bool)>, String>,
}

#[derive(Deserialize, PartialEq, Debug)]
struct SerdeQuarantined {
    id: String,
    raw: String,
    reason: String,
}

#[derive(Deserialize, PartialEq, Debug)]
struct SerdeAlarm {
    id: String,
    local_hash: String,
    remote: String,
}

fn as_serde(copy: HomeCopy) -> SerdeCopy {
    SerdeCopy {
        key: copy.key,
        townships: copy.townships,
        heading: copy.heading,
        todos: copy.todos,
    }
}

#[test]
fn a_home_copy_reads_back_exactly_as_written_and_damage_is_refused_as_serde_refuses_it() {
    let mut rng = Rng(0x5eed_0001);
    let mut refused = 0;
    for _ in 0..3000 {
        let copy = copy(&mut rng);
        let text = serde_json::to_string(&copy).unwrap();
        assert_eq!(HomeCopy::read(&text), Some(copy), "{text}");
        let damaged = damage(&mut rng, &text);
        let ours = HomeCopy::read(&damaged).map(as_serde);
        let serde = serde_json::from_str::<SerdeCopy>(&damaged).ok();
        assert_eq!(ours, serde, "{damaged}");
        refused += usize::from(serde.is_none());
    }
    // The damage mostly breaks the text: the comparison covered refusals.
    assert!(refused > 1500, "{refused}");
}

#[test]
fn quarantine_and_alarms_read_back_exactly_and_damage_is_refused_as_serde_refuses_it() {
    let mut rng = Rng(0x5eed_0002);
    for _ in 0..2000 {
        let quarantine: Vec<RemoteQuarantined> = (0..rng.below(4))
            .map(|_| RemoteQuarantined {
                id: text(&mut rng),
                raw: text(&mut rng),
                reason: text(&mut rng),
            })
            .collect();
        let alarms: Vec<TamperAlarm> = (0..rng.below(4))
            .map(|_| TamperAlarm {
                id: text(&mut rng),
                local_hash: text(&mut rng),
                remote: text(&mut rng),
            })
            .collect();
        let q = serde_json::to_string(&quarantine).unwrap();
        let a = serde_json::to_string(&alarms).unwrap();
        assert_eq!(RemoteQuarantined::read_all(&q), Some(quarantine));
        assert_eq!(TamperAlarm::read_all(&a), Some(alarms));

        let q = damage(&mut rng, &q);
        let ours = RemoteQuarantined::read_all(&q).map(|all| {
            all.into_iter()
                .map(|q| SerdeQuarantined {
                    id: q.id,
                    raw: q.raw,
                    reason: q.reason,
                })
                .collect::<Vec<_>>()
        });
        assert_eq!(
            ours,
            serde_json::from_str::<Vec<SerdeQuarantined>>(&q).ok(),
            "{q}"
        );
        let a = damage(&mut rng, &a);
        let ours = TamperAlarm::read_all(&a).map(|all| {
            all.into_iter()
                .map(|a| SerdeAlarm {
                    id: a.id,
                    local_hash: a.local_hash,
                    remote: a.remote,
                })
                .collect::<Vec<_>>()
        });
        assert_eq!(
            ours,
            serde_json::from_str::<Vec<SerdeAlarm>>(&a).ok(),
            "{a}"
        );
    }
}

#[test]
fn escapes_are_read_as_json_defines_them() {
    let read = |t: &str| Json::parse(t).and_then(|j| j.text().map(str::to_string));
    assert_eq!(read(r#""\u4e1c\u98ce\u6751""#).as_deref(), Some("东风村"));
    assert_eq!(read(r#""\ud83d\ude00""#).as_deref(), Some("😀"));
    assert_eq!(
        read(r#""\/\b\f\n\r\t\"\\""#).as_deref(),
        Some("/\u{8}\u{c}\n\r\t\"\\")
    );
    // A surrogate half alone, an unknown escape, a raw control character, a short escape.
    for bad in [
        r#""\ud83d""#,
        r#""\ude00""#,
        r#""\ud83d\u0041""#,
        r#""\x41""#,
        "\"\u{1}\"",
        r#""\u12""#,
    ] {
        assert_eq!(read(bad), None, "{bad}");
        assert!(serde_json::from_str::<String>(bad).is_err(), "{bad}");
    }
}

#[test]
fn numbers_follow_the_json_grammar() {
    for good in ["0", "-0", "12", "-1.5", "1e5", "1E+5", "2.5e-3"] {
        assert_eq!(Json::parse(good), Some(Json::Number(good.into())), "{good}");
    }
    for bad in ["01", "-", "1.", ".5", "1e", "+1", "--1", "1.e3"] {
        assert_eq!(Json::parse(bad), None, "{bad}");
        assert!(
            serde_json::from_str::<serde_json::Value>(bad).is_err(),
            "{bad}"
        );
    }
}

#[test]
fn no_text_makes_it_panic_or_recurse_without_bound() {
    let deep = "[".repeat(100_000) + &"]".repeat(100_000);
    assert_eq!(Json::parse(&deep), None);
    let deep = "{\"a\":".repeat(100_000);
    assert_eq!(Json::parse(&deep), None);
    let mut rng = Rng(0x5eed_0003);
    for _ in 0..20_000 {
        let text: String = (0..rng.below(24))
            .map(|_| {
                [
                    '[', ']', '{', '}', '"', '\\', 'u', 'd', '8', ':', ',', 't', 'n', '-', '0',
                    'e', ' ', '东',
                ][rng.below(18)]
            })
            .collect();
        let ours = Json::parse(&text).is_some();
        // Whatever serde_json reads as one value, this reads too, and nothing else.
        assert_eq!(
            ours,
            serde_json::from_str::<serde_json::Value>(&text).is_ok(),
            "{text}"
        );
    }
}

#[test]
fn forms_serde_json_accepts_but_never_writes_are_refused() {
    // serde_json never writes a struct as an array, nor a lone surrogate.
    let as_array = r#"["k",{"Ok":[]},"h",{"Err":"none"}]"#;
    assert!(serde_json::from_str::<SerdeCopy>(as_array).is_ok());
    assert_eq!(HomeCopy::read(as_array), None);
    let lone = r#"[{"id":"a","raw":"b","reason":"c","extra":"\ud800"}]"#;
    assert!(serde_json::from_str::<Vec<SerdeQuarantined>>(lone).is_ok());
    assert_eq!(RemoteQuarantined::read_all(lone), None);
}
