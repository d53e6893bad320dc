//! Backup files: every event as JSON. Import validates every event and verifies
//! every hash before anything is added; a bad file changes nothing.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::event::Event;
use super::record::{self, Decoded};
use super::RuleViolation as V;

/// Format tag of a backup file.
pub const FORMAT: &str = "jishi-backup";
/// Current backup version.
pub const VERSION: u32 = 1;

/// The file written by export.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Backup {
    /// Always [`FORMAT`].
    pub format: String,
    /// Always [`VERSION`].
    pub version: u32,
    /// When exported (UTC ms).
    pub exported_at: i64,
    /// Device that exported it.
    pub device: String,
    /// Every event, oldest first.
    pub events: Vec<Event>,
}

/// Write records into a backup file: a [`Backup`] object with one record per line
/// in the order given (the ledger gives them oldest first), each exactly as stored
/// (canonical JSON with its hash, fields this version doesn't know included).
pub fn export<T: AsRef<str>>(records: &[T], device: &str, now_ms: i64) -> String {
    let mut out = file_head(device, now_ms);
    for (i, json) in records.iter().enumerate() {
        push_record(&mut out, i, json.as_ref());
    }
    out.push_str(FILE_TAIL);
    out
}

/// A backup file up to its first record (a file written in parts: this, each record
/// with [`push_record`], then [`FILE_TAIL`]).
pub fn file_head(device: &str, now_ms: i64) -> String {
    format!(
        "{{\"format\":\"{FORMAT}\",\"version\":{VERSION},\"exported_at\":{now_ms},\"device\":{},\"events\":[",
        serde_json::Value::String(device.to_string())
    )
}

/// Append the file's record number `index` (from 0): on a line of its own, after a
/// comma unless it is the first.
pub fn push_record(out: &mut String, index: usize, json: &str) {
    out.push_str(if index == 0 { "\n" } else { ",\n" });
    out.push_str(json);
}

/// The end of a backup file, after its last record.
pub const FILE_TAIL: &str = "\n]}\n";

/// What an import would add.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportPlan {
    /// Records not yet present, to add (understood, or foreign: kept and forwarded).
    pub new_records: Vec<Decoded>,
    /// Events skipped because their id is already present with the same hash.
    pub skipped: usize,
}

/// Parse and check a backup file against the ids (and hashes) already held.
/// Any malformed event, hash mismatch, or id clash with different content
/// rejects the whole file.
pub fn plan_import(text: &str, existing: &dyn Fn(&str) -> Option<String>) -> Result<ImportPlan, V> {
    let mut check = ImportCheck::new(text)?;
    check.step(usize::MAX, existing)?;
    Ok(check.finish())
}

/// A backup file being checked a batch of records at a time, so a page can show how
/// far it got and stay responsive; nothing is added until every record passed.
pub struct ImportCheck {
    texts: Vec<String>,
    next: usize,
    planner: Planner,
}

impl ImportCheck {
    /// Read the file's records (not checked yet), once its format and version are ours.
    pub fn new(text: &str) -> Result<ImportCheck, V> {
        // A byte-order mark, as some editors write one, is no part of the file.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if text.trim().is_empty() {
            return Err(V::new(
                "backup.empty",
                "文件是空的，没有可导入的记录",
                "The file is empty: there is nothing to import",
            ));
        }
        let texts = match lines_of(text) {
            Some(lines) => lines,
            None => events_of(text)?.iter().map(|v| v.to_string()).collect(),
        };
        Ok(ImportCheck {
            texts,
            next: 0,
            planner: Planner::default(),
        })
    }

    /// How many records the file holds.
    pub fn total(&self) -> usize {
        self.texts.len()
    }

    /// How many records have been checked.
    pub fn checked(&self) -> usize {
        self.next
    }

    /// Check up to `count` more records; true once every record is checked.
    pub fn step(
        &mut self,
        count: usize,
        existing: &dyn Fn(&str) -> Option<String>,
    ) -> Result<bool, V> {
        let end = self.next.saturating_add(count).min(self.texts.len());
        for i in self.next..end {
            let n = i + 1;
            let text = std::mem::take(&mut self.texts[i]);
            // The whole decode: a file comes from outside, and must be refused or taken
            // whatever its layout (`decode_stored` is for this phone's own storage).
            let decoded = record::decode(&text).map_err(|r| bad_record(n, r))?;
            self.planner.add(n, decoded, existing)?;
        }
        self.next = end;
        Ok(self.next == self.texts.len())
    }

    /// What the import adds (call once every record is checked).
    pub fn finish(self) -> ImportPlan {
        ImportPlan {
            new_records: self.planner.new_records,
            skipped: self.planner.skipped,
        }
    }
}

/// The records of a file laid out as [`export`] writes it (a header line, then one
/// record per line), without parsing the whole file at once; `None` for any other
/// layout (read the long way, by [`events_of`]), as when two records share a line.
fn lines_of(text: &str) -> Option<Vec<String>> {
    let (header, rest) = text.split_once('\n')?;
    let body = rest
        .strip_suffix("\n]}\n")
        .or_else(|| rest.strip_suffix("\n]}"))?;
    // The header with an empty list must be a backup of our format and version.
    events_of(&format!("{header}]}}")).ok()?;
    let lines: Vec<&str> = body.split('\n').collect();
    let last = lines.len().saturating_sub(1);
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            // Records are separated by commas: every line but the last ends with one.
            let record = match i < last {
                true => line.strip_suffix(',')?,
                false => line,
            };
            one_object(record).then(|| record.to_string())
        })
        .collect()
}

/// Whether `line` is a single JSON object: it opens with `{` and that brace closes
/// at its last byte (brackets inside strings skipped). `{…},{…}` is not.
fn one_object(line: &str) -> bool {
    let bytes = line.as_bytes();
    if bytes.first() != Some(&b'{') {
        return false;
    }
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (i, &b) in bytes.iter().enumerate() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i + 1 == bytes.len();
                }
            }
            _ => {}
        }
    }
    false
}

/// The event list of a backup file, once its format and version are ours.
fn events_of(text: &str) -> Result<Vec<serde_json::Value>, V> {
    let mut value: serde_json::Value = serde_json::from_str(text).map_err(not_json)?;
    if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(V::new(
            "backup.format",
            "这不是纪实备份文件",
            "This is not a Jishi backup file",
        ));
    }
    if value.get("version").and_then(|v| v.as_u64()) != Some(u64::from(VERSION)) {
        return Err(V::new(
            "backup.version",
            "备份文件版本不受支持",
            "Unsupported backup version",
        ));
    }
    match value.get_mut("events").map(serde_json::Value::take) {
        Some(serde_json::Value::Array(list)) => Ok(list),
        _ => Err(V::new(
            "backup.no_events",
            "备份文件缺少记录列表",
            "The backup has no event list",
        )),
    }
}

/// A file that is not JSON, said in Chinese with where it goes wrong (the parser's own
/// words stay in the English message).
fn not_json(e: serde_json::Error) -> V {
    let (line, column) = (e.line(), e.column());
    let zh = match e.classify() {
        serde_json::error::Category::Eof => {
            format!("文件不完整：在第 {line} 行第 {column} 列提前结束（可能没有下载或复制完整）")
        }
        _ => format!("文件不是有效的 JSON：第 {line} 行第 {column} 列有格式错误"),
    };
    V::new(
        "backup.not_json",
        zh,
        format!("The file is not valid JSON: {e}"),
    )
}

/// Why the `n`th record of the file (from 1) was refused.
fn bad_record(n: usize, r: record::Refused) -> V {
    {
        if r.hash_mismatch {
            V::new(
                "backup.hash",
                format!("第 {n} 条记录（{}）内容与哈希不符，可能被篡改", r.id),
                format!(
                    "Event {n} ({}) does not match its hash: it may have been altered",
                    r.id
                ),
            )
        } else {
            V::new(
                "backup.bad_event",
                format!("第 {n} 条记录格式错误或数值超出范围：{}", r.reason),
                format!("Event {n} is malformed or out of range: {}", r.reason),
            )
        }
    }
}

/// An import being planned: the records to add, how many were already there, and the
/// hash of every id met in the file so far.
#[derive(Default)]
struct Planner {
    new_records: Vec<Decoded>,
    skipped: usize,
    seen: BTreeMap<String, String>,
}

impl Planner {
    /// Take the `n`th record: skipped when held (or met in the file) with the same
    /// hash, refused when either holds different content under its id, else added.
    fn add(
        &mut self,
        n: usize,
        e: Decoded,
        existing: &dyn Fn(&str) -> Option<String>,
    ) -> Result<(), V> {
        let (id, hash) = (e.id().to_string(), e.hash().to_string());
        match existing(&id) {
            Some(h) if h == hash => self.skipped += 1,
            Some(_) => return Err(clash_with_device(n, &id)),
            None => match self.seen.get(&id) {
                None => {
                    self.seen.insert(id, hash);
                    self.new_records.push(e);
                }
                Some(h) if *h == hash => self.skipped += 1,
                // Two different events under one id inside the file: neither may win silently.
                Some(_) => return Err(clash_in_file(n, &id)),
            },
        }
        Ok(())
    }
}

/// The `n`th record differs from the one this device holds under its id.
fn clash_with_device(n: usize, id: &str) -> V {
    V::new(
        "backup.clash",
        format!("第 {n} 条记录（{id}）与本机同编号记录内容不同"),
        format!("Event {n} ({id}) differs from the event with the same id on this device"),
    )
}

/// The `n`th record differs from an earlier one of the file under its id.
fn clash_in_file(n: usize, id: &str) -> V {
    V::new(
        "backup.clash",
        format!("第 {n} 条记录（{id}）与文件中同编号的另一条记录内容不同"),
        format!("Event {n} ({id}) differs from another event with the same id in the file"),
    )
}
