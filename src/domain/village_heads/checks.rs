//! What the heads' records and the villages' master data say differently, for a person
//! to look at (never settled by the app): a village whose 基础信息 names another
//! secretary or director than the tenure records do, and a post held by two people at
//! once.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::event::HeadPost;
use crate::domain::State;

/// Each disagreement on `on`, in words, by village.
pub fn disagreements(state: &State, on: NaiveDate, zh: bool) -> Vec<String> {
    let mut sitting: BTreeMap<(&str, HeadPost), Vec<&str>> = BTreeMap::new();
    let mut recorded: BTreeMap<(&str, HeadPost), ()> = BTreeMap::new();
    for (_, t) in state.village_heads.current_tenures() {
        recorded.insert((t.village.as_str(), t.post), ());
        if t.start <= on && t.end.is_none_or(|end| end > on) {
            sitting
                .entry((t.village.as_str(), t.post))
                .or_default()
                .push(&t.name);
        }
    }
    let mut out = Vec::new();
    for v in state.master.villages.values() {
        for (post, named) in [
            (HeadPost::Secretary, &v.secretary),
            (HeadPost::Director, &v.director),
        ] {
            let key = (v.id.as_str(), post);
            let now = sitting.get(&key).map(Vec::as_slice).unwrap_or_default();
            let place = format!("{} {}", v.name, post.label(zh));
            if now.len() > 1 {
                out.push(match zh {
                    true => format!("{place}：同时有{}人在任（{}）", now.len(), now.join("、")),
                    false => format!(
                        "{place}: {} people hold it at once ({})",
                        now.len(),
                        now.join(", ")
                    ),
                });
            } else if recorded.contains_key(&key)
                && !named.is_empty()
                && !now.iter().any(|n| base_name(n) == base_name(named))
            {
                let holder = now
                    .first()
                    .copied()
                    .unwrap_or(if zh { "无人" } else { "nobody" });
                out.push(match zh {
                    true => format!("{place}：基础信息为{named}，任职记录中在任的为{holder}"),
                    false => format!(
                        "{place}: the villages page names {named}; the tenures name {holder}"
                    ),
                });
            }
        }
    }
    out
}

/// A name without the note that tells two people of one name apart ("张伟（东风村）"
/// → "张伟").
pub(super) fn base_name(name: &str) -> &str {
    let name = name.trim();
    let cut = name
        .find(['（', '('])
        .filter(|i| *i > 0 && name.ends_with(['）', ')']));
    cut.map_or(name, |i| name[..i].trim_end())
}

#[cfg(test)]
mod tests {
    use super::base_name;

    #[test]
    fn a_note_after_a_name_is_not_part_of_it() {
        assert_eq!(base_name("张伟（东风村）"), "张伟");
        assert_eq!(base_name("Zhang Wei (Dongfeng)"), "Zhang Wei");
        assert_eq!(base_name("（东风村）"), "（东风村）");
        assert_eq!(base_name("包金山"), "包金山");
    }
}
