//! One CouchDB document per event: `_id` = event id, the event's fields at top level.

use serde_json::{Map, Value};

use super::state::RemoteQuarantined;
use crate::domain::record::{self, Decoded};
use crate::domain::Event;
use crate::store::Held;

/// A record on its way to the server: its document and what the replicator needs to
/// read the server's answer.
#[derive(Clone, Debug, PartialEq)]
pub struct Outgoing {
    /// Event id (the document's `_id`).
    pub id: String,
    /// Its hash (compared with what the server holds on a conflict).
    pub hash: String,
    /// The document.
    pub doc: Value,
    /// Bytes of the document's JSON (for batching by bytes).
    pub bytes: usize,
}

impl Outgoing {
    /// The document for a record held by the ledger, understood or not: its stored
    /// JSON verbatim plus `_id`.
    pub fn of(held: Held<'_>) -> Outgoing {
        let doc = doc_of_json(held.id(), &held.json());
        Outgoing {
            id: held.id().to_string(),
            hash: held.hash().to_string(),
            bytes: doc.to_string().len(),
            doc,
        }
    }
}

/// The new document for a stored record (no `_rev`: events are only ever created).
pub fn doc_of_json(id: &str, json: &str) -> Value {
    let mut doc = Map::new();
    doc.insert("_id".into(), Value::String(id.to_string()));
    if let Ok(Value::Object(mut map)) = serde_json::from_str::<Value>(json) {
        doc.append(&mut map);
    }
    Value::Object(doc)
}

/// The new document for an event.
pub fn to_doc(event: &Event) -> Value {
    doc_of_json(&event.id, &event.json())
}

/// Size in bytes of the document's JSON (for batching by bytes).
pub fn doc_bytes(event: &Event) -> usize {
    to_doc(event).to_string().len()
}

/// Decode a document from the server into a verified record (understood, or
/// foreign: kept and forwarded). A document that is not a sound record, whose hash
/// does not verify, or whose `_id` is not its id is returned as a quarantine entry.
pub fn from_doc(doc: &Value) -> Result<Decoded, RemoteQuarantined> {
    let doc_id = doc.get("_id").and_then(Value::as_str).unwrap_or_default();
    let q = |reason: String| RemoteQuarantined {
        id: doc_id.to_string(),
        raw: doc.to_string(),
        reason,
    };
    let Value::Object(map) = doc else {
        return Err(q("not a JSON object".into()));
    };
    if map.get("_deleted") == Some(&Value::Bool(true)) {
        return Err(q("deleted on the server".into()));
    }
    let mut fields = Map::new();
    fields.extend(
        map.iter()
            .filter(|(k, _)| !k.starts_with('_'))
            .map(|(k, v)| (k.clone(), v.clone())),
    );
    let decoded = record::decode_value(Value::Object(fields)).map_err(|r| q(r.reason))?;
    if decoded.id() != doc_id {
        return Err(q(format!(
            "document _id is not its event id {}",
            decoded.id()
        )));
    }
    Ok(decoded)
}

/// The understood event of a decoded record (tests and the in-memory server).
pub fn known(decoded: Decoded) -> Option<Event> {
    match decoded {
        Decoded::Known(e) => Some(e),
        Decoded::Foreign(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::event::{EventBody, Role, Stamp};
    use crate::domain::workflows::MasterEvent;

    fn event() -> Event {
        Event::seal(
            EventBody::Master(MasterEvent::TownshipRecorded {
                township: "t-1".into(),
                name: "乌力吉木仁苏木".into(),
                supersedes: None,
            }),
            Stamp {
                id: "0000000000010000000000000001".into(),
                author: "张卫东".into(),
                role: Role::Admin,
                device: "phone-a".into(),
                recorded_at: 1,
                parents: vec![],
            },
        )
    }

    #[test]
    fn a_doc_round_trips_with_couchdb_fields_stripped() {
        let e = event();
        let mut doc = to_doc(&e);
        assert_eq!(doc["_id"], e.id.as_str());
        assert!(doc.get("_rev").is_none());
        assert_eq!(doc["hash"], e.hash.as_str());
        assert_eq!(doc["kind"], "township_recorded");
        doc["_rev"] = "1-abc".into();
        assert_eq!(known(from_doc(&doc).unwrap()).as_ref(), Some(&e));
        assert!(doc_bytes(&e) > 100);
    }

    #[test]
    fn bad_docs_are_quarantined_with_a_reason() {
        let e = event();
        let mut tampered = to_doc(&e);
        tampered["author"] = "someone else".into();
        assert!(from_doc(&tampered).unwrap_err().reason.contains("hash"));
        let mut moved = to_doc(&e);
        moved["_id"] = "other".into();
        let q = from_doc(&moved).unwrap_err();
        assert_eq!(q.id, "other");
        assert!(q.reason.contains("_id"));
        let junk = serde_json::json!({"_id": "x", "hello": 1});
        assert!(from_doc(&junk)
            .unwrap_err()
            .reason
            .starts_with("not an event"));
        let mut deleted = to_doc(&e);
        deleted["_deleted"] = true.into();
        assert!(from_doc(&deleted).is_err());
        assert!(from_doc(&Value::Null).is_err());
    }
}
