//! The county's village-cadre pay sheet for a year (嘎查村干部报酬表, seed 002): per
//! township, every sitting head's base pay (by population band) and performance pay
//! (by the year's W1 grade), and every former head's 退后关爱 subsidy; totals per
//! township and for the county, in whole yuan — what goes into the county's budget.
//! Printed on A4 and exported as CSV that Excel and WPS open (UTF-8 with BOM).
//!
//! The sitting heads of a village are, for each post, the person the tenures say held it
//! on the year's last day (or today, in the year under way); a post with no tenure
//! recorded yet takes the name the villages page gives (W1's heads). A person holding
//! both posts has one line. A village not graded yet has its base pay from the
//! policy of the year and its performance pay "待评定"; a care list not confirmed yet is
//! counted as the records give it, marked "名单未确认". Either makes the sheet
//! provisional, and it says so.
//!
//! 事业单位基础工资 (W2) is not on the sheet yet: it comes with that workflow.

use chrono::NaiveDate;

use super::care::entries;
use super::event::{CareEntry, HeadPost};
use crate::domain::master::Village;
use crate::domain::screen::t;
use crate::domain::village_pay::VillageResult;
use crate::domain::State;

/// One person's line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PayLine {
    /// Their village's name.
    pub village: String,
    /// Their post ("党组织书记", "书记兼主任", "离任村干部").
    pub post: String,
    /// Their name.
    pub name: String,
    /// 基础工资 (sitting heads).
    pub base: Option<u32>,
    /// 绩效工资 (sitting heads of a graded village).
    pub performance: Option<u32>,
    /// 生活补贴 (former heads).
    pub subsidy: Option<u32>,
    /// What the amounts rest on ("优秀", "待评定", "名单未确认").
    pub note: String,
}

impl PayLine {
    /// The line's total, whole yuan.
    pub fn total(&self) -> u64 {
        [self.base, self.performance, self.subsidy]
            .into_iter()
            .flatten()
            .map(u64::from)
            .sum()
    }
}

/// Sums of lines, whole yuan.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PayTotals {
    /// 基础工资.
    pub base: u64,
    /// 绩效工资.
    pub performance: u64,
    /// 生活补贴.
    pub subsidy: u64,
}

impl PayTotals {
    /// Everything.
    pub fn total(&self) -> u64 {
        self.base
            .saturating_add(self.performance)
            .saturating_add(self.subsidy)
    }

    fn add(&mut self, line: &PayLine) {
        let add =
            |sum: &mut u64, v: Option<u32>| *sum = sum.saturating_add(u64::from(v.unwrap_or(0)));
        add(&mut self.base, line.base);
        add(&mut self.performance, line.performance);
        add(&mut self.subsidy, line.subsidy);
    }

    fn plus(mut self, other: PayTotals) -> PayTotals {
        self.base = self.base.saturating_add(other.base);
        self.performance = self.performance.saturating_add(other.performance);
        self.subsidy = self.subsidy.saturating_add(other.subsidy);
        self
    }
}

/// One township's part of the sheet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TownshipPay {
    /// Its name.
    pub name: String,
    /// Sitting heads, village by village, then former heads.
    pub lines: Vec<PayLine>,
    /// Its sums.
    pub totals: PayTotals,
}

/// The pay sheet of a year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaySheet {
    /// The year.
    pub year: i32,
    /// Each township, by name.
    pub townships: Vec<TownshipPay>,
    /// The county's sums.
    pub totals: PayTotals,
    /// Why some amounts may still change (empty: none).
    pub provisional: Vec<String>,
}

/// The pay sheet of `year` (`None` for a year the calendar cannot hold).
pub fn pay_sheet(state: &State, year: i32, today: NaiveDate, zh: bool) -> Option<PaySheet> {
    let last_day = NaiveDate::from_ymd_opt(year, 12, 31)?;
    let policy = state.policies.at(last_day);
    let on = last_day.min(today);
    let mut provisional = Vec::new();
    let (care, confirmed) = care_entries(state, year);
    if !confirmed && !care.is_empty() {
        provisional.push(t(
            zh,
            "退后关爱名单尚未确认",
            "The care list is not confirmed yet",
        ));
    }
    let mut townships = Vec::new();
    let mut ungraded = false;
    for township in state.master.townships_sorted() {
        let grading = state.village_pay.counted.grading(&township.id, year);
        let results = grading.map(|g| g.results.as_slice()).unwrap_or_default();
        let mut lines = Vec::new();
        for village in state.master.villages_of(&township.id) {
            let result = results.iter().find(|r| r.village == village.id);
            ungraded |= result.is_none();
            let base = result.map_or_else(|| policy.base_pay(village.population), |r| r.base_pay);
            let heads = holders(state, village, on);
            lines.extend(head_lines(village, heads, result, base, zh));
        }
        let former = care
            .iter()
            .filter(|e| last_township(state, &e.person).as_deref() == Some(&township.id));
        lines.extend(former.map(|e| former_line(state, e, confirmed, zh)));
        let mut totals = PayTotals::default();
        lines.iter().for_each(|l| totals.add(l));
        townships.push(TownshipPay {
            name: township.name.clone(),
            lines,
            totals,
        });
    }
    if ungraded {
        provisional.push(t(
            zh,
            "有村尚未评定，绩效工资待定",
            "Some villages are not graded yet: their performance pay is pending",
        ));
    }
    let totals = townships
        .iter()
        .fold(PayTotals::default(), |sum, t| sum.plus(t.totals));
    Some(PaySheet {
        year,
        townships,
        totals,
        provisional,
    })
}

/// The year's care entries: the confirmed list, or the list as the records give it
/// (`false`: not confirmed).
fn care_entries(state: &State, year: i32) -> (Vec<CareEntry>, bool) {
    match state.village_heads.confirmed(year) {
        Some(c) => (c.value.entries.clone(), true),
        None => (entries(state, year, &[]), false),
    }
}

/// The township of the village a person last held a post in.
fn last_township(state: &State, person: &str) -> Option<String> {
    let p = state.village_heads.person(person)?;
    let (_, last) = p.tenures.iter().max_by_key(|(_, t)| (t.end, t.start))?;
    Some(state.master.township_of(&last.village))
}

/// Who held a post on a day.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Holder {
    /// This person.
    Named(String),
    /// Nobody, by the tenures.
    Vacant,
    /// Not recorded anywhere.
    Unknown,
}

/// Who held each post of `village` on `on`: by the tenures where the post has any, else
/// by the villages page.
fn holders(state: &State, village: &Village, on: NaiveDate) -> [(HeadPost, Holder); 2] {
    let by_page = [
        (HeadPost::Secretary, &village.secretary),
        (HeadPost::Director, &village.director),
    ];
    by_page.map(|(post, named)| {
        let tenures = state.village_heads.current_tenures().map(|(_, t)| t);
        let of_post: Vec<_> = tenures
            .filter(|t| t.village == village.id && t.post == post)
            .collect();
        let holder = if of_post.is_empty() {
            Some(named.trim().to_string())
                .filter(|n| !n.is_empty())
                .map_or(Holder::Unknown, Holder::Named)
        } else {
            let sitting = of_post
                .iter()
                .find(|t| t.start <= on && t.end.is_none_or(|end| end > on));
            sitting.map_or(Holder::Vacant, |t| Holder::Named(t.name.clone()))
        };
        (post, holder)
    })
}

fn head_lines(
    village: &Village,
    holders: [(HeadPost, Holder); 2],
    result: Option<&VillageResult>,
    base: u32,
    zh: bool,
) -> Vec<PayLine> {
    let note = result.map_or_else(
        || t(zh, "待评定", "Not graded yet"),
        |r| r.head_grade.label(zh).to_string(),
    );
    let line = |post: String, name: &str| PayLine {
        village: village.name.clone(),
        post,
        name: name.to_string(),
        base: Some(base),
        performance: result.map(|r| r.performance_pay),
        subsidy: None,
        note: note.clone(),
    };
    let vacant = |post: HeadPost| PayLine {
        village: village.name.clone(),
        post: post.label(zh).to_string(),
        name: String::new(),
        base: None,
        performance: None,
        subsidy: None,
        note: t(zh, "空缺", "Vacant"),
    };
    if let [(_, Holder::Named(s)), (_, Holder::Named(d))] = &holders {
        if s == d {
            return vec![line(t(zh, "书记兼主任", "Secretary and director"), s)];
        }
    }
    holders
        .into_iter()
        .filter_map(|(post, holder)| match holder {
            Holder::Named(name) => Some(line(post.label(zh).to_string(), &name)),
            Holder::Vacant => Some(vacant(post)),
            Holder::Unknown => None,
        })
        .collect()
}

fn former_line(state: &State, e: &CareEntry, confirmed: bool, zh: bool) -> PayLine {
    let village = state
        .village_heads
        .person(&e.person)
        .and_then(|p| {
            p.tenures
                .iter()
                .max_by_key(|(_, t)| (t.end, t.start))
                .map(|(_, t)| t.village.clone())
        })
        .and_then(|v| state.master.villages.get(&v).map(|v| v.name.clone()))
        .unwrap_or_default();
    let note = match confirmed {
        true => t(zh, "退后关爱", "Care after office"),
        false => t(
            zh,
            "退后关爱（名单未确认）",
            "Care after office (list not confirmed)",
        ),
    };
    PayLine {
        village,
        post: t(zh, "离任村干部", "Former head"),
        name: e.name.clone(),
        base: None,
        performance: None,
        subsidy: Some(e.yuan),
        note,
    }
}

/// The column heads of the sheet and its CSV.
pub fn columns(zh: bool) -> Vec<String> {
    let zh_heads = [
        "村（嘎查）",
        "职务",
        "姓名",
        "基础工资（元）",
        "绩效工资（元）",
        "生活补贴（元）",
        "合计（元）",
        "备注",
    ];
    let en_heads = [
        "Village",
        "Post",
        "Name",
        "Base pay (yuan)",
        "Performance pay (yuan)",
        "Care subsidy (yuan)",
        "Total (yuan)",
        "Note",
    ];
    let heads = if zh { zh_heads } else { en_heads };
    heads.iter().map(|h| h.to_string()).collect()
}

/// A line's cells, as the sheet and the CSV show them ("" for no amount).
pub fn cells(line: &PayLine) -> Vec<String> {
    let amount = |v: Option<u32>| v.map(|v| v.to_string()).unwrap_or_default();
    vec![
        line.village.clone(),
        line.post.clone(),
        line.name.clone(),
        amount(line.base),
        amount(line.performance),
        amount(line.subsidy),
        line.total().to_string(),
        line.note.clone(),
    ]
}

/// A sums row's cells: its label, then the sums.
pub fn total_cells(label: String, totals: &PayTotals) -> Vec<String> {
    vec![
        label,
        String::new(),
        String::new(),
        totals.base.to_string(),
        totals.performance.to_string(),
        totals.subsidy.to_string(),
        totals.total().to_string(),
        String::new(),
    ]
}

/// The sheet as CSV for Excel and WPS: UTF-8 with a byte-order mark, CRLF line ends,
/// the township first in each row; every text field quoted as needed and kept from
/// being read as a formula (a name starting `=`, `+`, `-` or `@` gets a leading `'`).
pub fn csv(sheet: &PaySheet, zh: bool) -> String {
    let mut out = String::from("\u{feff}");
    let mut row = |cells: Vec<String>| {
        let fields: Vec<String> = cells.iter().map(|c| csv_field(c)).collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    };
    row([vec![t(zh, "乡镇（苏木）", "Township")], columns(zh)].concat());
    for township in &sheet.townships {
        for line in &township.lines {
            row([vec![township.name.clone()], cells(line)].concat());
        }
        let label = format!("{}{}", township.name, t(zh, "合计", " total"));
        row([
            vec![township.name.clone()],
            total_cells(label, &township.totals),
        ]
        .concat());
    }
    let county = t(zh, "全旗县合计", "County total");
    row([vec![county.clone()], total_cells(county, &sheet.totals)].concat());
    out
}

fn csv_field(text: &str) -> String {
    let guarded = match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_is_quoted_and_never_read_as_a_formula() {
        assert_eq!(csv_field("包金山"), "包金山");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("-1"), "'-1");
        assert_eq!(csv_field("line\nbreak"), "\"line\nbreak\"");
    }
}
