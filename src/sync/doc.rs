//! One CouchDB document per event: `_id` = event id, the event's fields at top level.

use serde_json::{Map, Value};

use super::state::RemoteQuarantined;
use crate::domain::Event;

/// The new document for an event (no `_rev`: events are only ever created).
pub fn to_doc(event: &Event) -> Value {
    // Through the app's one JSON serializer and `Value`'s own parser: a second,
    // `Value`-targeted copy of every event's serde code would cost wasm size.
    let text = serde_json::to_string(event).expect("events always serialize");
    let mut value: Value = serde_json::from_str(&text).expect("own JSON parses");
    if let Value::Object(map) = &mut value {
        let mut doc = Map::with_capacity(map.len() + 1);
        doc.insert("_id".into(), Value::String(event.id.clone()));
        doc.append(map);
        return Value::Object(doc);
    }
    unreachable!("an event serializes as an object")
}

/// Size in bytes of the document's JSON (for batching by bytes).
pub fn doc_bytes(event: &Event) -> usize {
    to_doc(event).to_string().len()
}

/// Decode a document from the server into a verified event. A document that is
/// not an event, whose hash does not verify, or whose `_id` is not its id is
/// returned as a quarantine entry instead.
pub fn from_doc(doc: &Value) -> Result<Event, RemoteQuarantined> {
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
    let fields: Map<String, Value> = map
        .iter()
        .filter(|(k, _)| !k.starts_with('_'))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    // Decoded from text, like everywhere else in the app (one deserializer copy).
    let event: Event = serde_json::from_str(&Value::Object(fields).to_string())
        .map_err(|e| q(format!("not an event: {e}")))?;
    if !event.hash_ok() {
        return Err(q(
            "content does not match its hash (changed after it was recorded)".into(),
        ));
    }
    if event.id != doc_id {
        return Err(q(format!("document _id is not its event id {}", event.id)));
    }
    Ok(event)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::event::{EventBody, Role, Stamp};

    fn event() -> Event {
        Event::seal(
            EventBody::TownshipRecorded {
                township: "t-1".into(),
                name: "乌力吉木仁苏木".into(),
            },
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
        assert_eq!(from_doc(&doc).unwrap(), e);
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
