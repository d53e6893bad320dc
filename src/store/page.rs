//! Pages: records packed by the thousand into one IndexedDB value (`indexed`), because
//! IndexedDB's cost is per value — 50,000 single values took 2.2 s to read on a desktop,
//! 50 pages 0.15 s.
//!
//! A page is UTF-8 bytes (so reading it into wasm is a copy, not a conversion from
//! JavaScript's UTF-16): the SHA-256 of the rest in hex, a line break, then a line
//! `id<TAB>text` per record. Its digest seals it: a page is written only over records
//! that passed the whole check (packing, import), so the records of a page whose
//! digest still matches are loaded without re-deriving each one's hash
//! (`record::decode_sealed`); a page changed behind the app's back no longer matches,
//! and each of its records is checked in full.

use super::Entry;
use crate::domain::event::{hex, sha256_hex};

/// Records a page holds: single records are packed once this many are waiting.
pub const PAGE_SIZE: usize = 1_000;

/// Hex digits of the digest that opens a page.
const DIGEST_LEN: usize = 64;

/// Records packed into one stored value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    /// Its key: the first and last id, how many records, and its digest, so two
    /// different pages never share one, and the same page always has the same.
    pub key: String,
    /// The digest line, then a line `id<TAB>text` per record.
    pub bytes: Vec<u8>,
}

/// A record as IndexedDB holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredRecord {
    /// The key it is stored under (its id, for a sound record).
    pub id: String,
    /// The stored text.
    pub text: String,
    /// It came from a page whose digest matched: it was checked in full when packed.
    pub sealed: bool,
}

impl Page {
    /// A page of `entries`, each of which must [`Page::fits`] and have passed the whole
    /// check (`record::decode` or `decode_stored`): the page seals them.
    pub fn new(entries: &[Entry]) -> Page {
        Page::of(entries.iter().map(|e| (e.id.as_str(), e.json.as_str())))
    }

    /// [`Page::new`] of records given as (id, text), in order, each of which must fit
    /// ([`Page::fits_record`]) and have passed the whole check (the page seals them),
    /// without copying them into entries first (an import pages a county's records
    /// straight from what it decoded).
    pub fn of<'a>(records: impl Iterator<Item = (&'a str, &'a str)>) -> Page {
        let (mut first, mut last, mut count) = ("", "", 0usize);
        let mut body = String::new();
        for (id, json) in records {
            if count == 0 {
                first = id;
            } else {
                body.push('\n');
            }
            body.push_str(id);
            body.push('\t');
            body.push_str(json);
            last = id;
            count += 1;
        }
        let digest = sha256_hex(&body);
        Page {
            key: format!("{first} {last} {count} {digest}"),
            bytes: format!("{digest}\n{body}").into_bytes(),
        }
    }

    /// Whether a record can go in a page: its id and text hold no line break or tab
    /// (a record's canonical JSON never does).
    pub fn fits(entry: &Entry) -> bool {
        Page::fits_record(&entry.id, &entry.json)
    }

    /// [`Page::fits`] of a record given as its id and text.
    pub fn fits_record(id: &str, json: &str) -> bool {
        let plain = |text: &str| !text.bytes().any(|b| b == b'\n' || b == b'\t');
        plain(json) && plain(id)
    }

    /// Pages of [`PAGE_SIZE`] records (the last may hold fewer) of `entries`.
    pub fn all_of(entries: &[Entry]) -> Vec<Page> {
        entries.chunks(PAGE_SIZE).map(Page::new).collect()
    }

    /// Where the part of a page its digest covers starts.
    pub fn body_start() -> usize {
        DIGEST_LEN + 1
    }

    /// The part of `bytes` its digest covers.
    pub fn body(bytes: &[u8]) -> &[u8] {
        bytes.get(Page::body_start()..).unwrap_or_default()
    }

    /// Whether `digest` (of [`Page::body`], as the browser computed it; `None` when it
    /// could not) is the one the page opens with. Computed here when not given.
    pub fn sealed(bytes: &[u8], digest: Option<&[u8]>) -> bool {
        let body = Page::body(bytes);
        let stated = bytes.get(..DIGEST_LEN).unwrap_or_default();
        let separated = bytes.get(DIGEST_LEN) == Some(&b'\n');
        let actual = match digest {
            Some(d) => hex(d),
            None => {
                use sha2::Digest;
                hex(&sha2::Sha256::digest(body))
            }
        };
        separated && stated == actual.as_bytes()
    }

    /// The records of the page stored under `key`, added to `out`. A line that names no
    /// id comes under the key `page <key> line <n>`, which is no id; bytes that are no
    /// UTF-8 text come as one such line.
    pub fn unpack(key: &str, bytes: Vec<u8>, sealed: bool, out: &mut Vec<StoredRecord>) {
        let (text, sealed) = match String::from_utf8(bytes) {
            Ok(text) => (text, sealed),
            Err(e) => (String::from_utf8_lossy(e.as_bytes()).into_owned(), false),
        };
        let body = text.get(DIGEST_LEN + 1..).unwrap_or(&text);
        for (n, line) in body.split('\n').enumerate() {
            let (id, text) = match line.split_once('\t') {
                Some((id, text)) => (id.to_string(), text.to_string()),
                None => (format!("page {key} line {}", n + 1), line.to_string()),
            };
            out.push(StoredRecord { id, text, sealed });
        }
    }
}
