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
    let mut out = format!(
        "{{\"format\":\"{FORMAT}\",\"version\":{VERSION},\"exported_at\":{now_ms},\"device\":{},\"events\":[",
        serde_json::Value::String(device.to_string())
    );
    for (i, json) in records.iter().enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        out.push_str(json.as_ref());
    }
    out.push_str("\n]}\n");
    out
}

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
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        V::new(
            "backup.not_json",
            format!("文件不是有效的 JSON：{e}"),
            format!("The file is not valid JSON: {e}"),
        )
    })?;
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
    let list = value
        .get("events")
        .and_then(|e| e.as_array())
        .ok_or_else(|| {
            V::new(
                "backup.no_events",
                "备份文件缺少记录列表",
                "The backup has no event list",
            )
        })?;
    let mut new_records = Vec::new();
    let mut skipped = 0;
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for (i, raw) in list.iter().enumerate() {
        let n = i + 1;
        let e = match record::decode_value(raw.clone()) {
            Ok(d) => d,
            Err(r) if r.hash_mismatch => {
                return Err(V::new(
                    "backup.hash",
                    format!("第 {n} 条记录（{}）内容与哈希不符，可能被篡改", r.id),
                    format!(
                        "Event {n} ({}) does not match its hash: it may have been altered",
                        r.id
                    ),
                ))
            }
            Err(r) => {
                return Err(V::new(
                    "backup.bad_event",
                    format!("第 {n} 条记录格式错误或数值超出范围：{}", r.reason),
                    format!("Event {n} is malformed or out of range: {}", r.reason),
                ))
            }
        };
        let (id, hash) = (e.id().to_string(), e.hash().to_string());
        match existing(&id) {
            Some(h) if h == hash => skipped += 1,
            Some(_) => {
                return Err(V::new(
                    "backup.clash",
                    format!("第 {n} 条记录（{id}）与本机同编号记录内容不同"),
                    format!(
                        "Event {n} ({id}) differs from the event with the same id on this device"
                    ),
                ))
            }
            None => match seen.get(&id) {
                None => {
                    seen.insert(id, hash);
                    new_records.push(e);
                }
                Some(h) if *h == hash => skipped += 1,
                // Two different events under one id inside the file: neither may win silently.
                Some(_) => {
                    return Err(V::new(
                        "backup.clash",
                        format!("第 {n} 条记录（{id}）与文件中同编号的另一条记录内容不同"),
                        format!(
                        "Event {n} ({id}) differs from another event with the same id in the file"
                    ),
                    ))
                }
            },
        }
    }
    Ok(ImportPlan {
        new_records,
        skipped,
    })
}
