//! The import journal: ids of records that arrived from a backup file rather than
//! being recorded here or pulled from a server, so every server database this phone
//! syncs offers them too (`sync::state::SyncState::absorb_journal`). Lines every sync
//! state has read are dropped; positions keep counting, so a state knows where it is.
//!
//! Stored as one meta value: the position of its first id, then one id per line.

use super::{Meta, StoreError};

/// Meta key of the journal.
pub const KEY: &str = "sync:imported";

/// The position of the first id held, and the ids from there.
pub fn read(meta: &dyn Meta) -> (u64, Vec<String>) {
    let text = meta.get_meta(KEY).unwrap_or_default();
    let mut lines = text.lines();
    let base = lines.next().and_then(|l| l.parse().ok()).unwrap_or(0);
    (
        base,
        lines.filter(|l| !l.is_empty()).map(String::from).collect(),
    )
}

/// The position after the last id ever noted.
pub fn end(meta: &dyn Meta) -> u64 {
    let (base, ids) = read(meta);
    base.saturating_add(ids.len() as u64)
}

fn write(meta: &mut dyn Meta, base: u64, ids: &[String]) -> Result<(), StoreError> {
    let mut text = base.to_string();
    for id in ids {
        text.push('\n');
        text.push_str(id);
    }
    meta.set_meta(KEY, &text)
}

/// Note records that arrived from a backup file.
pub fn append(meta: &mut dyn Meta, new: &[String]) -> Result<(), StoreError> {
    let (base, mut ids) = read(meta);
    ids.extend(new.iter().cloned());
    write(meta, base, &ids)
}

/// Drop the ids before position `seen` (every sync state has read them).
pub fn drop_before(meta: &mut dyn Meta, seen: u64) -> Result<(), StoreError> {
    let (base, ids) = read(meta);
    if seen <= base {
        return Ok(());
    }
    let skip = usize::try_from(seen - base)
        .unwrap_or(usize::MAX)
        .min(ids.len());
    write(meta, base.saturating_add(skip as u64), &ids[skip..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::MemoryStore;

    #[test]
    fn positions_keep_counting_when_read_lines_are_dropped() {
        let mut m = MemoryStore::default();
        assert_eq!(end(&m), 0);
        append(&mut m, &["a".into(), "b".into()]).unwrap();
        append(&mut m, &["c".into()]).unwrap();
        assert_eq!(read(&m), (0, vec!["a".into(), "b".into(), "c".into()]));
        drop_before(&mut m, 2).unwrap();
        assert_eq!(read(&m), (2, vec!["c".into()]));
        assert_eq!(end(&m), 3);
        drop_before(&mut m, 1).unwrap();
        assert_eq!(end(&m), 3);
        drop_before(&mut m, 9).unwrap();
        assert_eq!(read(&m), (3, vec![]));
    }
}
