//! Who is due to rotate and whose secondment nears its limit, worked out on a day from
//! the cadres' position history (W4's profiles) and this workflow's records (seed 001
//! 株洲): full years in the same post — counted from the current post's start, or from a
//! rotation recorded later — reach the policy's 5 on the anniversary day (a 29 February
//! start's anniversary in a common year is 1 March, as full years count); a key post
//! (人、财、物、项目审批) must rotate, any other should; men of 58 and women of 53 on the
//! day of the list are exempt; a cadre whose gender is not recorded and who is old enough
//! for either exemption is listed as 资料不全, never guessed. A secondment reaches its limit on the day its 2 calendar months end
//! (a month-end start ends on the shorter month's last day).

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate};

use super::policy::RotationPolicy;
use super::state::{Ending, KeyPost, Rotation, Secondment};
use crate::domain::cadre_selection::cadre::{add_months, current_position, full_years};
use crate::domain::cadre_selection::{CadreProfile, Position};
use crate::domain::State;

/// Where a cadre stands on the list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RotationStatus {
    /// Falls due within the notice days (即将到期).
    Coming,
    /// Due: the years are reached (到期应轮岗).
    Due,
    /// Due for longer than the policy's overdue days (逾期未轮岗).
    Overdue,
    /// Exempt by age (免于轮岗): the age reached and the age the policy sets.
    Exempt {
        /// Full years of age on the day.
        age: u32,
        /// The policy's age for the cadre's gender.
        limit: u32,
    },
    /// The profile lacks what the rule needs (资料不全), in Chinese and English.
    Incomplete(String, String),
}

impl RotationStatus {
    /// The section's name.
    pub fn label(&self, zh: bool) -> &'static str {
        match (self, zh) {
            (RotationStatus::Coming, true) => "即将到期",
            (RotationStatus::Due, true) => "到期应轮岗",
            (RotationStatus::Overdue, true) => "逾期未轮岗",
            (RotationStatus::Exempt { .. }, true) => "免于轮岗",
            (RotationStatus::Incomplete(..), true) => "资料不全",
            (RotationStatus::Coming, false) => "Falling due",
            (RotationStatus::Due, false) => "Due",
            (RotationStatus::Overdue, false) => "Overdue",
            (RotationStatus::Exempt { .. }, false) => "Exempt",
            (RotationStatus::Incomplete(..), false) => "Profile incomplete",
        }
    }

    /// Why, in words (the exemption's rule, what the profile lacks; else empty).
    pub fn why(&self, gender: &str, zh: bool) -> String {
        match (self, zh) {
            (RotationStatus::Exempt { age, limit }, true) => {
                format!("{gender}性，{age}周岁（年满{limit}周岁可不轮岗）")
            }
            (RotationStatus::Exempt { age, limit }, false) => {
                let g = if gender == "女" { "woman" } else { "man" };
                format!("{g} aged {age} (exempt from {limit})")
            }
            (RotationStatus::Incomplete(zh_why, _), true) => zh_why.clone(),
            (RotationStatus::Incomplete(_, en_why), false) => en_why.clone(),
            _ => String::new(),
        }
    }
}

/// One cadre on the rotation list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RotationAlert<'a> {
    /// The cadre's id.
    pub cadre: &'a str,
    /// The profile.
    pub profile: &'a CadreProfile,
    /// The current post.
    pub position: &'a Position,
    /// In the post since (its start, or a later rotation recorded).
    pub since: NaiveDate,
    /// The day rotation falls due.
    pub due: NaiveDate,
    /// The key-post marking the post matches, if any (必须轮岗).
    pub key: Option<&'a KeyPost>,
    /// Where the cadre stands.
    pub status: RotationStatus,
}

/// The day `years` full years after `since` (a 29 February's anniversary in a common
/// year is 1 March; `NaiveDate::MAX` past the calendar's end).
pub fn anniversary(since: NaiveDate, years: u32) -> NaiveDate {
    let year = i32::try_from(years)
        .ok()
        .and_then(|y| since.year().checked_add(y));
    let Some(year) = year else {
        return NaiveDate::MAX;
    };
    NaiveDate::from_ymd_opt(year, since.month(), since.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, 3, 1))
        .unwrap_or(NaiveDate::MAX)
}

/// The rotations recorded for `cadre` that stand, oldest first, with their record ids and
/// whether two phones recorded them differently: versions of one record that differ, or
/// two records of the cadre leaving the same post (one rotation recorded on two phones).
pub fn rotations_of<'a>(state: &'a State, cadre: &str) -> Vec<(&'a str, &'a Rotation, bool)> {
    let mut out: Vec<(&str, &Rotation, bool)> = state
        .rotation
        .rotations
        .standing()
        .into_iter()
        .filter(|(_, r, _)| r.cadre == cadre)
        .collect();
    crate::domain::sorting::sort_by(&mut out, |a, b| (a.1.on, a.0).cmp(&(b.1.on, b.0)));
    let rotations: Vec<&Rotation> = out.iter().map(|(_, r, _)| *r).collect();
    let profile = state.cadre_selection.cadre(cadre);
    for (i, line) in out.iter_mut().enumerate() {
        let twice = rotations
            .iter()
            .enumerate()
            .any(|(j, other)| j != i && same_stint(profile, line.1, other));
        line.2 = line.2 || twice;
    }
    out
}

/// Whether rotations `a` and `b` leave the same post in the same stint: the same unit and
/// title left, and the profile shows no return to that post between their days.
pub fn same_stint(profile: Option<&CadreProfile>, a: &Rotation, b: &Rotation) -> bool {
    fn left(r: &Rotation) -> (&str, &str) {
        (r.from_unit.trim(), r.from_title.trim())
    }
    if left(a) != left(b) {
        return false;
    }
    let (first, last) = (a.on.min(b.on), a.on.max(b.on));
    let returned = profile.is_some_and(|p| {
        p.positions.iter().any(|pos| {
            (pos.unit.trim(), pos.title.trim()) == left(a) && pos.start > first && pos.start <= last
        })
    });
    !returned
}

/// What the list reads once for every cadre: the policy in force, the key posts standing,
/// and each cadre's latest rotation recorded by the day.
pub struct RotationRecords<'a> {
    policy: RotationPolicy,
    keys: Vec<&'a KeyPost>,
    rotated: BTreeMap<&'a str, NaiveDate>,
}

impl<'a> RotationRecords<'a> {
    /// The records as they stand on `today`.
    pub fn on(state: &'a State, today: NaiveDate) -> RotationRecords<'a> {
        let keys = state.rotation.key_posts.standing();
        let mut rotated: BTreeMap<&str, NaiveDate> = BTreeMap::new();
        for (_, r, _) in state.rotation.rotations.standing() {
            if r.on <= today {
                let day = rotated.entry(r.cadre.as_str()).or_insert(r.on);
                *day = (*day).max(r.on);
            }
        }
        RotationRecords {
            policy: state.policies.at(today).rotation,
            keys: keys.into_iter().map(|(_, k, _)| k).collect(),
            rotated,
        }
    }

    /// The key-post marking `position` matches: by the W4 post id, else by unit and title.
    pub fn key_post(&self, position: &Position) -> Option<&'a KeyPost> {
        let same = |a: &str, b: &str| a.trim() == b.trim();
        self.keys.iter().copied().find(|k| {
            (!k.post.is_empty() && k.post == position.post)
                || (same(&k.unit, &position.unit) && same(&k.title, &position.title))
        })
    }
}

/// The last day a rotation falling due on `due` may be made before it is overdue
/// (逾期未轮岗 from the day after): `due` plus the policy's overdue days.
pub fn last_day(due: NaiveDate, policy: &RotationPolicy) -> NaiveDate {
    due.checked_add_days(Days::new(u64::from(policy.overdue_after_days)))
        .unwrap_or(NaiveDate::MAX)
}

/// Where `cadre` stands on `today`, if they hold a post.
pub fn alert_of<'a>(
    records: &RotationRecords<'a>,
    cadre: &'a str,
    profile: &'a CadreProfile,
    today: NaiveDate,
) -> Option<RotationAlert<'a>> {
    let policy = &records.policy;
    let position = current_position(profile, today)?;
    let rotated = records.rotated.get(cadre).copied();
    let since = rotated.map_or(position.start, |r| r.max(position.start));
    let due = anniversary(since, policy.years_in_post);
    let notice = Days::new(u64::from(policy.rotation_notice_days));
    let listed_from = due.checked_sub_days(notice).unwrap_or(due);
    let overdue_from = last_day(due, policy);
    let mut status = match today {
        t if t < due => RotationStatus::Coming,
        t if t > overdue_from => RotationStatus::Overdue,
        _ => RotationStatus::Due,
    };
    let age = full_years(profile.birth, today);
    let limit = match profile.gender.trim() {
        "男" => Some(policy.exempt_age_men),
        "女" => Some(policy.exempt_age_women),
        _ => None,
    };
    let youngest_exempt = policy.exempt_age_men.min(policy.exempt_age_women);
    match limit {
        // Below both ages the gender changes nothing: the years decide.
        None if age < youngest_exempt && profile.birth <= today => {}
        None => {
            status = RotationStatus::Incomplete(
                "性别未填写，无法判断年龄免于轮岗".into(),
                "Gender not recorded: the age exemption cannot be judged".into(),
            )
        }
        Some(_) if profile.birth > today => {
            status = RotationStatus::Incomplete(
                "出生日期晚于今天，请更正干部信息".into(),
                "Birth date after today: correct the profile".into(),
            )
        }
        Some(limit) if age >= limit => status = RotationStatus::Exempt { age, limit },
        Some(_) => {}
    }
    if today < listed_from {
        return None;
    }
    Some(RotationAlert {
        cadre,
        profile,
        position,
        since,
        due,
        key: records.key_post(position),
        status,
    })
}

/// The county's rotation list on `today`: each cadre within the notice days of falling
/// due, due, overdue, exempt or with an incomplete profile, by due day then name.
pub fn rotation_list(state: &State, today: NaiveDate) -> Vec<RotationAlert<'_>> {
    let records = RotationRecords::on(state, today);
    let mut out: Vec<RotationAlert> = state
        .cadre_selection
        .cadre_list()
        .filter_map(|(id, p)| alert_of(&records, id, p, today))
        .collect();
    crate::domain::sorting::sort_by(&mut out, |a, b| {
        (a.due, &a.profile.name, a.cadre).cmp(&(b.due, &b.profile.name, b.cadre))
    });
    out
}

/// Where a secondment stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecondmentStatus {
    /// Under way, the limit still beyond the notice days.
    Running,
    /// The limit within the notice days (即将满期).
    Coming,
    /// The limit is today (今日满期).
    AtLimit,
    /// Past the limit and not ended (超期).
    Over,
    /// Ended: whether after the limit.
    Ended {
        /// Whether it ended after the limit.
        late: bool,
    },
}

impl SecondmentStatus {
    /// In words.
    pub fn label(self, zh: bool) -> &'static str {
        match (self, zh) {
            (SecondmentStatus::Running, true) => "借用中",
            (SecondmentStatus::Coming, true) => "即将满期",
            (SecondmentStatus::AtLimit, true) => "今日满期",
            (SecondmentStatus::Over, true) => "超期未结束",
            (SecondmentStatus::Ended { late: false }, true) => "已结束",
            (SecondmentStatus::Ended { late: true }, true) => "已结束（曾超期）",
            (SecondmentStatus::Running, false) => "Under way",
            (SecondmentStatus::Coming, false) => "Limit near",
            (SecondmentStatus::AtLimit, false) => "Limit today",
            (SecondmentStatus::Over, false) => "Over the limit",
            (SecondmentStatus::Ended { late: false }, false) => "Ended",
            (SecondmentStatus::Ended { late: true }, false) => "Ended (after the limit)",
        }
    }

    /// Whether it asks for action (coming, at the limit or over).
    pub fn alerts(self) -> bool {
        matches!(
            self,
            SecondmentStatus::Coming | SecondmentStatus::AtLimit | SecondmentStatus::Over
        )
    }
}

/// A secondment and where it stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SecondmentLine<'a> {
    /// The record's id.
    pub id: &'a str,
    /// The secondment.
    pub secondment: &'a Secondment,
    /// The day the limit is reached.
    pub limit: NaiveDate,
    /// Its end, if recorded (two differing: the earlier).
    pub ended: Option<NaiveDate>,
    /// Where it stands.
    pub status: SecondmentStatus,
    /// Whether it or its end was recorded two ways on two phones (or, on two phones, an
    /// end before a corrected start).
    pub differs: bool,
}

/// The ends of secondment `id` that stand, with their record ids.
pub fn endings_of<'a>(state: &'a State, id: &str) -> Vec<(&'a str, &'a Ending, bool)> {
    let all = state.rotation.endings.standing().into_iter();
    all.filter(|(_, e, _)| e.secondment == id).collect()
}

/// Every secondment recorded and where it stands on `today`, by limit then name.
pub fn secondments(state: &State, today: NaiveDate) -> Vec<SecondmentLine<'_>> {
    let policy = &state.policies.at(today).rotation;
    let notice = Days::new(u64::from(policy.secondment_notice_days));
    let mut ends_of: BTreeMap<&str, Vec<(&Ending, bool)>> = BTreeMap::new();
    for (_, e, two) in state.rotation.endings.standing() {
        ends_of
            .entry(e.secondment.as_str())
            .or_default()
            .push((e, two));
    }
    let mut out: Vec<SecondmentLine> = state
        .rotation
        .secondments
        .standing()
        .into_iter()
        .map(|(id, s, two)| {
            let limit = add_months(s.start, policy.secondment_months);
            let ends = ends_of.get(id).map(Vec::as_slice).unwrap_or_default();
            let ended = ends.iter().map(|(e, _)| e.on).min();
            let differs = two
                || ends.iter().any(|(_, t)| *t)
                || ends.iter().any(|(e, _)| Some(e.on) != ended)
                || ended.is_some_and(|on| on < s.start);
            let coming = limit.checked_sub_days(notice).unwrap_or(limit);
            let status = match ended {
                Some(on) if on <= today => SecondmentStatus::Ended { late: on > limit },
                _ if today > limit => SecondmentStatus::Over,
                _ if today == limit => SecondmentStatus::AtLimit,
                _ if today >= coming => SecondmentStatus::Coming,
                _ => SecondmentStatus::Running,
            };
            SecondmentLine {
                id,
                secondment: s,
                limit,
                ended,
                status,
                differs,
            }
        })
        .collect();
    crate::domain::sorting::sort_by(&mut out, |a, b| {
        (a.limit, &a.secondment.name, a.id).cmp(&(b.limit, &b.secondment.name, b.id))
    });
    out
}
