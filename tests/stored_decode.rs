//! Loading a stored record the fast way (`record::decode_stored`: one typed parse and
//! the hash of the text as stored) gives exactly what the full decode gives, for every
//! record of the golden corpus and for each way a stored text can be damaged.

use jishi::domain::record::{decode, decode_sealed, decode_stored, Decoded};

fn corpus() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut texts = Vec::new();
    for f in [
        "village_pay.json",
        "cadre_selection.json",
        "case_ended.json",
    ] {
        let file = std::fs::read_to_string(dir.join(f)).unwrap();
        texts.extend(
            file.lines()
                .filter(|l| l.starts_with("{\"") && !l.starts_with("{\"format"))
                .map(|l| l.trim_end_matches(',').to_string()),
        );
    }
    assert!(texts.len() > 150, "{}", texts.len());
    texts
}

fn same(text: &str) {
    let fast = decode_stored(text);
    let full = decode(text);
    let sealed = decode_sealed(text.to_string()).map_err(|(raw, why)| {
        assert_eq!(raw, text, "the text comes back with why");
        why
    });
    match (&sealed, &full) {
        (Ok(Decoded::Known(a)), Ok(Decoded::Known(b))) => assert_eq!(a, b, "{text}"),
        (Ok(_), Err(_)) => {
            // Only a record whose content no longer matches its hash: sealed pages
            // take the hash as checked when they were written.
            assert!(full.as_ref().is_err_and(|r| r.hash_mismatch), "{text}");
        }
        _ => assert_eq!(sealed, full, "{text}"),
    }
    match (&fast, &full) {
        (Ok(Decoded::Known(a)), Ok(Decoded::Known(b))) => {
            assert_eq!(a, b, "{text}");
            assert_eq!(a.hash, b.hash);
        }
        _ => assert_eq!(fast, full, "{text}"),
    }
}

#[test]
fn every_golden_record_loads_the_same_and_keeps_its_text() {
    for text in corpus() {
        same(&text);
        match decode_stored(&text) {
            // Records of this version are stored canonical and kept as stored (those
            // of the first versions, in another key order, are re-serialized).
            Ok(Decoded::Known(e)) if text.starts_with("{\"author\"") => assert_eq!(e.json(), text),
            Ok(Decoded::Known(_)) => {}
            other => panic!("not loaded: {other:?}"),
        }
    }
}

#[test]
fn a_damaged_record_is_refused_for_the_same_reason() {
    for text in corpus().iter().step_by(7) {
        let hash_at = text.rfind(",\"hash\":\"").unwrap();
        let damaged = [
            // A name changed after it was recorded.
            text.replacen("2026", "2025", 1),
            // The hash changed.
            format!("{}0{}", &text[..hash_at + 9], &text[hash_at + 10..]),
            // The hash removed.
            format!("{}{}", &text[..hash_at], &text[hash_at + 74..]),
            // Cut short, or not JSON at all.
            text.chars().take(text.chars().count() / 2).collect(),
            "{not json".to_string(),
            // The same content in another key order and spacing (still its hash).
            serde_json::to_string_pretty(&serde_json::from_str::<serde_json::Value>(text).unwrap())
                .unwrap(),
            // An id outside the safe alphabet, re-hashed as an attacker would.
            text.replacen("\"id\":\"", "\"id\":\"<img>", 1),
        ];
        for d in &damaged {
            same(d);
        }
    }
}

/// A stored text re-hashed over its own spacing (someone with the phone's storage, not
/// this app): it loads through the fast path, and the Data page's check, which hashes
/// the canonical form, names it.
#[test]
fn a_record_re_hashed_over_non_canonical_text_loads_and_the_integrity_check_names_it() {
    use jishi::domain::event::{sha256_hex, Problem};
    use jishi::store::{Ledger, MemoryStore};
    let text = corpus()
        .into_iter()
        .find(|t| t.starts_with("{\"author\""))
        .unwrap();
    let hash_at = text.rfind(",\"hash\":\"").unwrap();
    let bare = format!("{}{}", &text[..hash_at], &text[hash_at + 74..]);
    let spaced = bare.replacen("\"author\":", "\"author\": ", 1);
    let rehashed = format!(
        "{},\"hash\":\"{}\"{}",
        &spaced[..hash_at + 1],
        sha256_hex(&spaced),
        &spaced[hash_at + 1..]
    );
    let id = match decode_stored(&rehashed) {
        Ok(Decoded::Known(e)) => e.id,
        other => panic!("{other:?}"),
    };
    assert!(decode(&rehashed).is_err(), "the full decode refuses it");
    let mut store = MemoryStore::default();
    store.entries.insert(MemoryStore::key(&id), rehashed);
    let ledger = Ledger::open(store, "phone");
    assert_eq!(ledger.verify(), vec![Problem::HashMismatch { id }]);
}

/// The Data page re-derives hashes a few hundred records a turn: checked that way, a
/// log names the same problems as one check of everything, and the count of records
/// checked only grows, up to every record held.
#[test]
fn hashes_checked_a_turn_at_a_time_name_what_one_check_names() {
    use jishi::domain::event::{sha256_hex, Problem};
    use jishi::store::{Ledger, MemoryStore};
    let mut store = MemoryStore::default();
    let mut respaced = Vec::new();
    for text in &corpus() {
        let id = match decode_stored(text) {
            Ok(Decoded::Known(e)) => e.id,
            other => panic!("{other:?}"),
        };
        if store.entries.contains_key(&MemoryStore::key(&id)) {
            continue; // the corpus's files share some records
        }
        // Every 25th record re-hashed over its own spacing: loads, fails the check.
        let text = if store.entries.len() % 25 == 7 {
            let hash_at = text.rfind(",\"hash\":\"").unwrap();
            let bare = format!("{}{}", &text[..hash_at], &text[hash_at + 74..]);
            let spaced = bare.replacen("\":", "\": ", 1);
            respaced.push(Problem::HashMismatch { id: id.clone() });
            format!(
                "{},\"hash\":\"{}\"{}",
                &spaced[..hash_at + 1],
                sha256_hex(&spaced),
                &spaced[hash_at + 1..]
            )
        } else {
            text.clone()
        };
        store.entries.insert(MemoryStore::key(&id), text);
    }
    assert!(respaced.len() >= 4, "{}", respaced.len());
    let whole = Ledger::open(store.clone(), "phone").verify();
    let ledger = Ledger::open(store, "phone");
    let held = ledger.events().len();
    assert!(held > 100, "{held}");
    let mut seen = Vec::new();
    loop {
        let (checked, total) = ledger.check_hashes(7);
        assert_eq!(total, held);
        seen.push(checked);
        if checked == total {
            break;
        }
    }
    assert!(seen.windows(2).all(|w| w[0] < w[1]), "{seen:?}");
    assert_eq!(seen[0], 7);
    assert_eq!(ledger.check_hashes(7), (held, held), "nothing left");
    let mut found = ledger.verify();
    found.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
    let mut expected = whole.clone();
    expected.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
    assert_eq!(found, expected);
    for problem in &respaced {
        assert!(whole.contains(problem), "{problem:?} named");
    }
}

#[test]
fn a_sealed_record_whose_content_changed_loads_and_the_integrity_check_names_it() {
    let text = corpus()
        .into_iter()
        .find(|t| t.contains("乌力吉木仁苏木"))
        .expect("a record naming the township");
    let changed = text.replacen("乌力吉木仁苏木", "鲁北镇", 1);
    assert!(decode_stored(&changed).is_err_and(|r| r.hash_mismatch));
    match decode_sealed(changed) {
        Ok(Decoded::Known(e)) => assert!(!e.hash_ok(), "the Data page's check names it"),
        other => panic!("a sealed page's record is taken as checked: {other:?}"),
    }
}

/// The start checks each record's subject against its content without writing the
/// subject out (`EventBody::subject_is`): it says yes to exactly the subject
/// `EventBody::subject` writes, and no to any other text, however close.
#[test]
fn a_subject_is_checked_exactly_as_it_is_written() {
    for text in corpus() {
        let Ok(Decoded::Known(e)) = decode(&text) else {
            continue;
        };
        let subject = e.body.subject();
        assert!(e.body.subject_is(&subject), "{subject}");
        assert_eq!(subject, e.subject, "stored as written");
        let mut near = vec![
            String::new(),
            format!("{subject}/"),
            format!("{subject}0"),
            format!("/{subject}"),
            subject.to_uppercase(),
            subject.replacen('/', "//", 1),
            subject.replace("/20", "/020"),
            subject.replace("/20", "/+20"),
        ];
        near.extend((0..subject.len()).filter_map(|n| subject.get(..n).map(str::to_string)));
        for other in near.into_iter().filter(|o| *o != subject) {
            assert!(!e.body.subject_is(&other), "{other:?} is not {subject:?}");
        }
    }
}
