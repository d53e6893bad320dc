//! How cadre-selection facts read, in either language: a cadre's 三龄两历一身份 and
//! history, a stored gender, the nine personal matters, how a case ended, where a
//! signature line stands. Shared by the case page, the pool and the printed documents.

use crate::domain::screen::t;
use chrono::NaiveDate;

use super::{sanling, CadreProfile, Case, Ended, PersonalMatters, SignOff, SignatureState};
use super::{Sight, Submission, Version};
use crate::domain::time::format_beijing;

/// The nine personal matters (有关事项): (field, zh, en).
pub const MATTERS: [(&str, &str, &str); 9] = [
    ("marriage", "婚姻变化情况", "Marriage"),
    ("passports", "持有因私出入境证件情况", "Passports"),
    ("trips_abroad", "因私出国（境）情况", "Private trips abroad"),
    (
        "family_emigration",
        "配偶、子女移居国（境）外情况",
        "Family emigration",
    ),
    (
        "family_employment",
        "配偶、子女从业情况",
        "Family employment",
    ),
    ("pay", "本人工资及各类奖金、津贴、补贴", "Pay"),
    ("property", "房产情况", "Property"),
    ("investments", "投资情况", "Investments"),
    (
        "family_companies",
        "配偶、子女经商办企业情况",
        "Family companies",
    ),
];

impl PersonalMatters {
    /// The matter with this field name ("" for an unknown one).
    pub fn value(&self, key: &str) -> &str {
        match key {
            "marriage" => &self.marriage,
            "passports" => &self.passports,
            "trips_abroad" => &self.trips_abroad,
            "family_emigration" => &self.family_emigration,
            "family_employment" => &self.family_employment,
            "pay" => &self.pay,
            "property" => &self.property,
            "investments" => &self.investments,
            "family_companies" => &self.family_companies,
            _ => "",
        }
    }

    /// Each matter's label in the chosen language and its value, in order.
    pub fn listed(&self, zh: bool) -> Vec<(&'static str, String)> {
        MATTERS
            .iter()
            .map(|(k, z, e)| (if zh { *z } else { *e }, self.value(k).to_string()))
            .collect()
    }
}

/// The genders the cadre form offers, stored as "男" / "女": (stored value, zh, en).
pub const GENDERS: [(&str, &str, &str); 2] = [("男", "男", "Male"), ("女", "女", "Female")];

/// A stored gender in the chosen language (any other text as typed).
pub fn gender_label(stored: &str, zh: bool) -> String {
    GENDERS
        .iter()
        .find(|g| g.0 == stored)
        .map(|g| if zh { g.1 } else { g.2 })
        .unwrap_or(stored)
        .to_string()
}

/// One line of "三龄两历一身份" on `on`.
pub fn sanling_line(p: &CadreProfile, on: NaiveDate, zh: bool) -> String {
    let s = sanling(p, on);
    let party = match s.party_age {
        Some(a) if zh => format!("党龄 {a} 年"),
        Some(a) => format!("party {a} y"),
        None => t(zh, "党外", "non-party"),
    };
    if zh {
        format!(
            "年龄 {} 岁 · {party} · 工龄 {} 年 · {} · {}",
            s.age, s.work_age, s.education, s.identity
        )
    } else {
        format!(
            "age {} · {party} · work {} y · {} · {}",
            s.age, s.work_age, s.education, s.identity
        )
    }
}

/// Work history as text, oldest first.
pub fn history_text(p: &CadreProfile, on: NaiveDate, zh: bool) -> String {
    let jobs = sanling(p, on).history.into_iter().map(|h| {
        let end = h.end.map(|e| e.to_string()).unwrap_or_default();
        format!("{}–{end} {}{}", h.start, h.unit, h.title)
    });
    jobs.collect::<Vec<_>>().join(if zh { "；" } else { "; " })
}

/// "who · device · when" of a version.
pub fn recorded_by<T>(v: &Version<T>) -> String {
    let when = format_beijing(v.recorded_at);
    format!("{} · {} · {when}", v.author, v.device)
}

/// An ending's line: why, when, the reason, who.
pub fn ending_text(zh: bool, e: &Ended) -> String {
    format!(
        "{}{} · {} · {} · {}",
        t(
            zh,
            "本事项已终止（未任职）：",
            "Ended without appointment: "
        ),
        e.ending.label(zh),
        e.on,
        e.reason,
        e.author
    )
}

/// One line of a node's chain as shown on a phone with `sight`: who counts, or why a
/// signature does not.
pub fn line_text(zh: bool, case: &Case, node: Submission, line: SignOff, sight: Sight) -> String {
    let states = case.signature_states_seen(node, sight);
    let mine: Vec<_> = states.iter().filter(|(s, _)| s.sign == line).collect();
    if let Some((s, _)) = mine.iter().find(|(_, st)| *st == SignatureState::Valid) {
        return format!("{} · {}", s.signer, s.on);
    }
    let (open, close) = if zh { ("（", "）") } else { (" (", ")") };
    let shown: Vec<String> = mine
        .iter()
        .filter(|(_, st)| *st != SignatureState::Withdrawn)
        .map(|(s, st)| format!("{} · {}{open}{}{close}", s.signer, s.on, st.reason(zh)))
        .collect();
    if shown.is_empty() {
        t(zh, "待签", "pending")
    } else {
        shown.join(if zh { "；" } else { "; " })
    }
}

/// Where a node's submission stands, on a phone with `sight`.
pub fn submission_text(zh: bool, case: &Case, node: Submission, sight: Sight) -> String {
    match (case.submission_seen(node, sight), case.submitted(node)) {
        (Some(x), _) => format!("{}{}", t(zh, "已提交：", "Submitted: "), x.on),
        (None, Some(first)) => format!(
            "{}{first}{}",
            t(zh, "曾于 ", "Submitted on "),
            t(
                zh,
                " 提交，其后内容有更正，须重新签字并再次提交",
                "; the record changed since: sign and submit again"
            )
        ),
        (None, None) => t(zh, "尚未提交", "Not submitted"),
    }
}

/// The note where signatures or a submission stand on the step records alone: this
/// phone does not hold the disclosures they cover (`Case::annex_unchecked`).
pub fn annex_unchecked_note(zh: bool) -> String {
    t(
        zh,
        "本机不存有关事项公开记录（本角色不读取个人事项数据库）：签字与提交按各环节记录核对，所覆盖的有关事项（及终止）部分无法在本机核对。",
        "This phone does not hold the disclosures (its role does not read the personal-matters database): signatures and submissions are checked against the step records; the disclosures (and endings) they cover cannot be checked here.",
    )
}
