//! Pages of records (`store::page`): what is packed reads back the same, and a page
//! changed in any way is no longer sealed, so its records are checked one by one.

use jishi::store::page::{Page, StoredRecord, PAGE_SIZE};
use jishi::store::Entry;

fn entry(n: usize) -> Entry {
    Entry {
        id: format!("{n:028x}"),
        json: format!("{{\"id\":\"{n:028x}\",\"name\":\"乌力吉木仁苏木 {n}\"}}"),
    }
}

fn unpacked(page: &Page, digest: Option<&[u8]>) -> Vec<StoredRecord> {
    let mut out = Vec::new();
    let sealed = Page::sealed(&page.bytes, digest);
    Page::unpack(&page.key, page.bytes.clone(), sealed, &mut out);
    out
}

#[test]
fn a_page_reads_back_every_record_sealed() {
    let entries: Vec<Entry> = (1..=3).map(entry).collect();
    let page = Page::new(&entries);
    let digest = String::from_utf8(page.bytes[..64].to_vec()).unwrap();
    let key = format!("{} {} 3 {digest}", entries[0].id, entries[2].id);
    assert_eq!(page.key, key, "the key names the page's digest");
    let back = unpacked(&page, None);
    let expected: Vec<StoredRecord> = entries
        .iter()
        .map(|e| StoredRecord {
            id: e.id.clone(),
            text: e.json.clone(),
            sealed: true,
        })
        .collect();
    assert_eq!(back, expected);
}

#[test]
fn the_browsers_digest_is_taken_when_given_and_must_match() {
    use sha2::Digest;
    let page = Page::new(&[entry(1)]);
    let right = sha2::Sha256::digest(Page::body(&page.bytes)).to_vec();
    assert!(Page::sealed(&page.bytes, Some(&right)));
    assert!(!Page::sealed(&page.bytes, Some(&[0; 32])));
}

#[test]
fn any_change_unseals_the_page() {
    let page = Page::new(&[entry(1), entry(2)]);
    let text = String::from_utf8(page.bytes.clone()).unwrap();
    let other_digit = if text.starts_with('0') { "1" } else { "0" };
    let changes = [
        text.replacen("乌力吉木仁苏木 2", "鲁北镇 2", 1),
        format!("{other_digit}{}", &text[1..]), // the digest itself
        format!("{text}\n"),
        text[65..].to_string(), // no digest line
        String::new(),
    ];
    for changed in changes {
        let mut out = Vec::new();
        let bytes = changed.clone().into_bytes();
        let sealed = Page::sealed(&bytes, None);
        assert!(!sealed, "{changed}");
        Page::unpack(&page.key, bytes, sealed, &mut out);
        assert!(out.iter().all(|r| !r.sealed));
    }
}

#[test]
fn bytes_that_are_no_text_and_lines_without_an_id_come_under_no_id() {
    let page = Page::new(&[entry(1)]);
    let mut bytes = page.bytes.clone();
    bytes.extend_from_slice(b"\nno tab\n\xff\xfe");
    let mut out = Vec::new();
    Page::unpack("k", bytes, true, &mut out);
    assert!(
        out.iter().all(|r| !r.sealed),
        "not UTF-8: not sealed whatever was said"
    );
    assert_eq!(out[0].id, entry(1).id);
    assert_eq!(out[1].id, "page k line 2");
    assert_eq!(out[1].text, "no tab");
    assert_eq!(out[2].id, "page k line 3");
}

#[test]
fn records_with_a_line_break_or_tab_never_go_in_a_page_and_pages_hold_a_thousand() {
    let mut odd = entry(1);
    odd.json.push('\n');
    assert!(!Page::fits(&odd));
    let mut tab = entry(2);
    tab.id.push('\t');
    assert!(!Page::fits(&tab));
    assert!(Page::fits(&entry(3)));
    let many: Vec<Entry> = (0..PAGE_SIZE * 2 + 1).map(entry).collect();
    let pages = Page::all_of(&many);
    assert_eq!(pages.len(), 3);
    let back: usize = pages.iter().map(|p| unpacked(p, None).len()).sum();
    assert_eq!(back, many.len());
}

#[test]
fn a_page_is_its_digest_line_then_a_line_per_record_whether_made_from_entries_or_pairs() {
    let entries: Vec<Entry> = (1..=2).map(entry).collect();
    let body = format!(
        "{}\t{}\n{}\t{}",
        entries[0].id, entries[0].json, entries[1].id, entries[1].json
    );
    let digest = jishi::domain::event::sha256_hex(&body);
    let page = Page::new(&entries);
    assert_eq!(page.bytes, format!("{digest}\n{body}").into_bytes());
    let pairs = entries.iter().map(|e| (e.id.as_str(), e.json.as_str()));
    assert_eq!(
        Page::of(pairs),
        page,
        "an import's pages are the Mover's pages"
    );
    assert_eq!(
        Page::of(std::iter::empty()).key,
        format!("  0 {}", jishi::domain::event::sha256_hex(""))
    );
}
