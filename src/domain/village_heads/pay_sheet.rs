//! The county's village-cadre pay sheet for a year (嘎查村干部报酬表, seed 002): per
//! township, every sitting head's base pay (by population band) and performance pay
//! (by the year's W1 grade), and every former head's 退后关爱 subsidy; totals per
//! township and for the county, in whole yuan — what goes into the county's budget.
//! Printed on A4 and exported as CSV that Excel and WPS open (UTF-8 with BOM).
//!
//! A village's heads are everyone the tenures say held one of its posts during the year,
//! paid pro rata by days (half a yuan rounded up) when not the whole year; a person
//! holding both posts has one line, paid once. A post with no tenure recorded takes the
//! name the villages page gives (W1's heads) in the year under way or later, and is
//! "未登记" for a past year; a post whose tenures leave the year empty is "空缺". A
//! village's W1 result is found wherever it was graded that year (it may have moved
//! township since). Former heads are placed by the village they last held a post in;
//! those of no known township come last, under "未归属乡镇".
//!
//! A village not graded yet has its base pay from the policy of the year and its
//! performance pay "待评定" (not in the totals); a care list not confirmed yet is counted
//! as the records give it, marked "名单未确认". These, a grading or list that conflicts
//! or changed, a head not recorded, or someone paid twice make the sheet provisional,
//! and it says why.
//!
//! 事业单位基础工资 (W2, `career_pay::renewal`) is paid to each holder of a
//! certificate for the months of the year their pay runs on the policy's day of; it goes
//! on their sitting line, or a line of its own when they no longer sit. A year not
//! renewed yet, or an end or certificate recorded two ways, makes the sheet provisional.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::care::entries;
use super::event::{CareEntry, HeadPost};
use crate::domain::csv::Cell;
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
    /// The person (`village_heads`; "" for none, `page:<name>` for a villages-page name).
    pub person: String,
    /// 基础工资 (sitting heads).
    pub base: Option<u32>,
    /// 绩效工资 (sitting heads of a graded village).
    pub performance: Option<u32>,
    /// 事业单位基础工资 (holders of a 选聘 certificate, W2).
    pub career: Option<u32>,
    /// 生活补贴 (former heads).
    pub subsidy: Option<u32>,
    /// What the amounts rest on ("优秀", "待评定", "名单未确认").
    pub note: String,
}

impl PayLine {
    /// The line's total, whole yuan.
    pub fn total(&self) -> u64 {
        [self.base, self.performance, self.career, self.subsidy]
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
    /// 事业单位基础工资.
    pub career: u64,
    /// 生活补贴.
    pub subsidy: u64,
}

impl PayTotals {
    /// Everything.
    pub fn total(&self) -> u64 {
        self.base
            .saturating_add(self.performance)
            .saturating_add(self.career)
            .saturating_add(self.subsidy)
    }

    fn add(&mut self, line: &PayLine) {
        let add =
            |sum: &mut u64, v: Option<u32>| *sum = sum.saturating_add(u64::from(v.unwrap_or(0)));
        add(&mut self.base, line.base);
        add(&mut self.performance, line.performance);
        add(&mut self.career, line.career);
        add(&mut self.subsidy, line.subsidy);
    }

    fn plus(mut self, other: PayTotals) -> PayTotals {
        self.base = self.base.saturating_add(other.base);
        self.performance = self.performance.saturating_add(other.performance);
        self.career = self.career.saturating_add(other.career);
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

/// The pay sheet of `year` as of `today` (`None` for a year the calendar cannot hold).
pub fn pay_sheet(state: &State, year: i32, today: NaiveDate, zh: bool) -> Option<PaySheet> {
    let year_span = (
        NaiveDate::from_ymd_opt(year, 1, 1)?,
        NaiveDate::from_ymd_opt(year.checked_add(1)?, 1, 1)?,
    );
    let policy = state.policies.at(NaiveDate::from_ymd_opt(year, 12, 31)?);
    let people = state.village_heads.people();
    let (care, confirmed) = care_entries(state, year);
    let mut notes = Notes::default();
    let mut placed: BTreeMap<String, Vec<PayLine>> = BTreeMap::new();
    for village in villages_in_order(state) {
        let result = result_of(state, &village.id, year, &mut notes);
        let base = result.map_or_else(|| policy.base_pay(village.population), |r| r.base_pay);
        let sheet_year = (year, year_span, today);
        let lines = village_lines(state, village, (result, base), sheet_year, &mut notes, zh);
        placed
            .entry(village.township.clone())
            .or_default()
            .extend(lines);
    }
    notes.twice |= notes.sitting.values().any(|n| *n > 1);
    let career = add_career_pay(state, year, &policy.career_pay, &mut placed, zh);
    let mut former: BTreeMap<String, Vec<PayLine>> = BTreeMap::new();
    for e in &care {
        let (township, mut line) = former_line(state, &people, e, confirmed, zh);
        if notes.sitting.contains_key(&e.person) {
            notes.twice = true;
            line.note += &t(zh, "；同年在任，请核对", "; also sitting this year: check");
        }
        former.entry(township).or_default().push(line);
    }
    let townships = group(state, placed, former, zh);
    let totals = townships
        .iter()
        .fold(PayTotals::default(), |sum, t| sum.plus(t.totals));
    let mut provisional = notes.words(state, year, (care.is_empty(), confirmed), zh);
    provisional.extend(career);
    Some(PaySheet {
        year,
        townships,
        totals,
        provisional,
    })
}

/// Put each holder's 事业 pay of the year on their line at their village (a line of its
/// own when they hold no post there in the year); what may still change it, in words.
fn add_career_pay(
    state: &State,
    year: i32,
    policy: &crate::domain::career_pay::policy::CareerPayPolicy,
    placed: &mut BTreeMap<String, Vec<PayLine>>,
    zh: bool,
) -> Vec<String> {
    let (paid, mut notes) = crate::domain::career_pay::renewal::year_pay(state, year, policy, zh);
    let mut not_sitting = false;
    for p in paid {
        let village = state.master.villages.get(&p.village);
        let village_name = village.map_or_else(|| p.village.clone(), |v| v.name.clone());
        // Their sitting line in the year: at the certificate's village, else anywhere
        // (a holder moved to another village still sits).
        let at_home = |l: &PayLine| l.person == p.person && l.village == village_name;
        let home = placed.values().flatten().any(at_home);
        let sitting = placed
            .values_mut()
            .flatten()
            .find(|l| l.person == p.person && (!home || at_home(l)) && l.base.is_some());
        match sitting {
            Some(line) => {
                let paid = line.career.unwrap_or(0).saturating_add(p.yuan);
                line.career = Some(paid);
                line.note = format!("{}{}{}", line.note, t(zh, "；", "; "), p.note);
            }
            None => {
                not_sitting |= !p.ended;
                let lines = placed.entry(p.township.clone()).or_default();
                lines.push(PayLine {
                    village: village_name,
                    post: t(zh, "选聘人员（当年不在任）", "Selected head (not sitting)"),
                    name: p.name,
                    person: p.person,
                    base: None,
                    performance: None,
                    career: Some(p.yuan),
                    subsidy: None,
                    note: p.note,
                })
            }
        }
    }
    if not_sitting {
        notes.push(t(
            zh,
            "有享受事业待遇的人员当年不在任，请核对是否终止待遇",
            "Someone paid public-institution pay holds no post this year: check whether it should end",
        ));
    }
    notes
}

/// What makes a sheet provisional, found while it is drawn.
#[derive(Default)]
struct Notes {
    /// Who holds a post in the year (person ids; a villages-page name as `page:<name>`),
    /// with how many villages' lines they have.
    sitting: BTreeMap<String, u32>,
    ungraded: bool,
    grading_conflict: bool,
    unrecorded: bool,
    twice: bool,
}

impl Notes {
    fn words(
        &self,
        state: &State,
        year: i32,
        (no_care, confirmed): (bool, bool),
        zh: bool,
    ) -> Vec<String> {
        let heads = &state.village_heads;
        let care_unsettled =
            heads.list_conflicted(year) || !super::care::changes_since(state, year, zh).is_empty();
        let said = [
            (!no_care && !confirmed, ("退后关爱名单尚未确认", "The care list is not confirmed yet")),
            (confirmed && care_unsettled, ("退后关爱名单确认后有变化或冲突，需重新确认", "The care list changed or conflicts since it was confirmed")),
            (self.ungraded, ("有村尚未评定，绩效工资待定（未计入合计）", "Some villages are not graded yet: their performance pay is pending (not in the totals)")),
            (self.grading_conflict, ("有乡镇的评定结果在两部手机上不一致，待核对", "A township's grading differs between two phones: to review")),
            (self.unrecorded, ("有村的两委正职当年任职未登记", "Some villages' heads of that year are not recorded")),
            (self.twice, ("有人同年既在任又领取生活补贴，请核对", "Someone is both sitting and paid the care subsidy this year: check")),
        ];
        said.iter()
            .filter(|(on, _)| *on)
            .map(|(_, (z, e))| t(zh, z, e))
            .collect()
    }
}

/// Every village: township by township (by name), each township's by name; then those
/// of no known township.
fn villages_in_order(state: &State) -> Vec<&Village> {
    let master = &state.master;
    let townships = master.townships_sorted();
    let mut out: Vec<&Village> = townships
        .iter()
        .flat_map(|t| master.villages_of(&t.id))
        .collect();
    let homeless = master
        .villages
        .values()
        .filter(|v| !master.townships.contains_key(&v.township));
    out.extend(homeless);
    out
}

/// The village's W1 result for the year, wherever it was graded (a village may have
/// moved township since).
fn result_of<'a>(
    state: &'a State,
    village: &str,
    year: i32,
    notes: &mut Notes,
) -> Option<&'a VillageResult> {
    let counted = &state.village_pay.counted;
    for township in state.master.townships.keys() {
        let result = counted
            .grading(township, year)
            .and_then(|g| g.results.iter().find(|r| r.village == village));
        if let Some(r) = result {
            notes.grading_conflict |= counted.gradings(township, year).len() > 1;
            return Some(r);
        }
    }
    notes.ungraded = true;
    None
}

/// Townships by name, each with its sitting heads' lines and then its former heads';
/// lines of no known township last, under "未归属乡镇".
fn group(
    state: &State,
    mut placed: BTreeMap<String, Vec<PayLine>>,
    mut former: BTreeMap<String, Vec<PayLine>>,
    zh: bool,
) -> Vec<TownshipPay> {
    let mut out = Vec::new();
    let mut take = |name: String, mut lines: Vec<PayLine>, extra: Vec<PayLine>| {
        lines.extend(extra);
        if lines.is_empty() {
            return;
        }
        let mut totals = PayTotals::default();
        lines.iter().for_each(|l| totals.add(l));
        out.push(TownshipPay {
            name,
            lines,
            totals,
        });
    };
    for township in state.master.townships_sorted() {
        let lines = placed.remove(&township.id).unwrap_or_default();
        take(
            township.name.clone(),
            lines,
            former.remove(&township.id).unwrap_or_default(),
        );
    }
    let rest: Vec<PayLine> = placed
        .into_values()
        .chain(former.into_values())
        .flatten()
        .collect();
    take(t(zh, "未归属乡镇", "No known township"), rest, Vec::new());
    out
}

/// The year's care entries: the confirmed list, or the list as the records give it
/// (`false`: not confirmed).
fn care_entries(state: &State, year: i32) -> (Vec<CareEntry>, bool) {
    match state.village_heads.confirmed(year) {
        Some(c) => (c.value.entries.clone(), true),
        None => (entries(state, year, &[]), false),
    }
}

/// One person's service at one village in a year: their posts, and days in office.
struct Service {
    name: String,
    posts: Vec<HeadPost>,
    spans: Vec<(NaiveDate, NaiveDate)>,
}

/// The village's lines for a year: each person who held a post in it during the year
/// (paid pro rata by days when not the whole year; one line for both posts), a post
/// with tenures but nobody in it "空缺"; a post with no tenure at all takes the villages
/// page's name in the year under way or after, and is "未登记" for a past year.
fn village_lines(
    state: &State,
    village: &Village,
    (result, base): (Option<&VillageResult>, u32),
    (year, span, today): (i32, (NaiveDate, NaiveDate), NaiveDate),
    notes: &mut Notes,
    zh: bool,
) -> Vec<PayLine> {
    let mut served: BTreeMap<String, Service> = BTreeMap::new();
    let mut lines = Vec::new();
    for post in [HeadPost::Secretary, HeadPost::Director] {
        let blank = |note: String| PayLine {
            village: village.name.clone(),
            post: post.label(zh).to_string(),
            name: String::new(),
            person: String::new(),
            base: None,
            performance: None,
            career: None,
            subsidy: None,
            note,
        };
        match post_holders(state, village, post, span, &mut served) {
            Holders::Some => {}
            Holders::Vacant => lines.push(blank(t(zh, "空缺", "Vacant"))),
            Holders::Unrecorded(named) if !named.is_empty() && year >= today.year() => {
                add_page_name(&mut served, post, named, span)
            }
            Holders::Unrecorded(_) => {
                notes.unrecorded = true;
                lines.push(blank(t(zh, "未登记", "Not recorded")));
            }
        }
    }
    let in_year = (span.1 - span.0).num_days().max(1);
    for (key, s) in served {
        *notes.sitting.entry(key.clone()).or_default() += 1;
        let mut line = service_line(village, s, (result, base), in_year, zh);
        line.person = key;
        lines.push(line);
    }
    lines
}

/// Who held a post during the year, by the tenures.
enum Holders<'a> {
    /// Someone (added to the services).
    Some,
    /// The post has tenures, none in the year.
    Vacant,
    /// The post has no tenure: the villages page's name ("" for none).
    Unrecorded(&'a str),
}

/// Add everyone the tenures say held `post` of `village` within `span` to `served`.
fn post_holders<'a>(
    state: &State,
    village: &'a Village,
    post: HeadPost,
    (first, next): (NaiveDate, NaiveDate),
    served: &mut BTreeMap<String, Service>,
) -> Holders<'a> {
    let tenures = state.village_heads.current_tenures().map(|(_, t)| t);
    let tenures: Vec<_> = tenures
        .filter(|t| t.village == village.id && t.post == post)
        .collect();
    let mut anyone = false;
    for t in &tenures {
        let (from, until) = (t.start.max(first), t.end.map_or(next, |e| e.min(next)));
        if from < until {
            anyone = true;
            let s = served.entry(t.person.clone()).or_insert_with(|| Service {
                name: t.name.clone(),
                posts: Vec::new(),
                spans: Vec::new(),
            });
            if !s.posts.contains(&post) {
                s.posts.push(post);
            }
            s.spans.push((from, until));
        }
    }
    match (tenures.is_empty(), anyone) {
        (true, _) => Holders::Unrecorded(match post {
            HeadPost::Secretary => village.secretary.trim(),
            HeadPost::Director => village.director.trim(),
        }),
        (false, true) => Holders::Some,
        (false, false) => Holders::Vacant,
    }
}

/// The villages page's `named` holds `post` all year: the person of a tenure here of that
/// name, if any, else a person of their own.
fn add_page_name(
    served: &mut BTreeMap<String, Service>,
    post: HeadPost,
    named: &str,
    (first, next): (NaiveDate, NaiveDate),
) {
    let base_name = super::checks::base_name;
    let same = |s: &Service| base_name(&s.name) == base_name(named);
    let found = served.iter().find(|(_, s)| same(s)).map(|(k, _)| k.clone());
    let key = found.unwrap_or_else(|| format!("page:{}", base_name(named)));
    let s = served.entry(key).or_insert_with(|| Service {
        name: named.to_string(),
        posts: Vec::new(),
        spans: Vec::new(),
    });
    s.posts.push(post);
    s.spans.push((first, next));
}

/// One person's line at a village: pay for the days they served (the whole year: all of it).
fn service_line(
    village: &Village,
    s: Service,
    (result, base): (Option<&VillageResult>, u32),
    in_year: i64,
    zh: bool,
) -> PayLine {
    let periods: Vec<(NaiveDate, Option<NaiveDate>)> =
        s.spans.iter().map(|&(a, b)| (a, Some(b))).collect();
    let days = super::service::served(&periods, NaiveDate::MAX).days;
    let share = |amount: u32| pro_rata(amount, i64::from(days), in_year);
    let grade = result.map_or_else(
        || t(zh, "待评定", "Not graded yet"),
        |r| r.head_grade.label(zh).to_string(),
    );
    let note = match (i64::from(days) >= in_year, zh) {
        (true, _) => grade,
        (false, true) => format!("{grade}；任职{days}天，按天折算"),
        (false, false) => format!("{grade}; {days} days in office, pro rata"),
    };
    let post = match s.posts.as_slice() {
        [one] => one.label(zh).to_string(),
        _ => t(zh, "书记兼主任", "Secretary and director"),
    };
    PayLine {
        village: village.name.clone(),
        post,
        name: s.name,
        person: String::new(),
        base: Some(share(base)),
        performance: result.map(|r| share(r.performance_pay)),
        career: None,
        subsidy: None,
        note,
    }
}

/// `amount` for `days` of a year of `in_year` days, in whole yuan, half a yuan rounded up.
pub fn pro_rata(amount: u32, days: i64, in_year: i64) -> u32 {
    let (days, in_year) = (days.clamp(0, in_year.max(1)), in_year.max(1));
    let scaled = i128::from(amount) * i128::from(days) * 2 + i128::from(in_year);
    u32::try_from(scaled / (2 * i128::from(in_year))).unwrap_or(u32::MAX)
}

/// A former head's line and their township (of the village they last held a post in;
/// "" when unknown).
fn former_line(
    state: &State,
    people: &BTreeMap<String, super::state::Person>,
    e: &CareEntry,
    confirmed: bool,
    zh: bool,
) -> (String, PayLine) {
    let last = people.get(&e.person).and_then(|p| {
        p.tenures
            .iter()
            .max_by_key(|(_, t)| (t.end, t.start))
            .map(|(_, t)| t.village.clone())
    });
    let village = last.as_ref().and_then(|v| state.master.villages.get(v));
    let note = match confirmed {
        true => t(zh, "退后关爱", "Care after office"),
        false => t(
            zh,
            "退后关爱（名单未确认）",
            "Care after office (list not confirmed)",
        ),
    };
    let line = PayLine {
        village: village.map(|v| v.name.clone()).unwrap_or_default(),
        post: t(zh, "离任村干部", "Former head"),
        name: e.name.clone(),
        person: e.person.clone(),
        base: None,
        performance: None,
        career: None,
        subsidy: Some(e.yuan),
        note,
    };
    (
        village.map(|v| v.township.clone()).unwrap_or_default(),
        line,
    )
}

/// The column heads of the sheet and its CSV.
pub fn columns(zh: bool) -> Vec<String> {
    let zh_heads = [
        "村（嘎查）",
        "职务",
        "姓名",
        "基础工资（元）",
        "绩效工资（元）",
        "事业单位基础工资（元）",
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
        "Public-institution base pay (yuan)",
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
        amount(line.career),
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
        totals.career.to_string(),
        totals.subsidy.to_string(),
        totals.total().to_string(),
        String::new(),
    ]
}

/// The sheet as CSV for Excel and WPS (`domain::csv`: UTF-8 with a byte-order mark, CRLF
/// line ends, text guarded from being read as a formula): the column heads first, then
/// each person's line and each township's sums ("合计") as on screen, the township first
/// in each row; the county's sums last, its note saying why the sheet is provisional
/// (when it is). Amounts are bare whole yuan; no amount is an empty field.
pub fn csv(sheet: &PaySheet, zh: bool) -> String {
    let heads = [vec![t(zh, "乡镇（苏木）", "Township")], columns(zh)].concat();
    let mut rows = Vec::new();
    for township in &sheet.townships {
        let name = Cell::Text(township.name.clone());
        for line in &township.lines {
            rows.push([vec![name.clone()], typed_cells(line)].concat());
        }
        let sums = typed_totals(t(zh, "合计", "Total"), &township.totals, String::new());
        rows.push([vec![name], sums].concat());
    }
    let why = match sheet.provisional.is_empty() {
        true => String::new(),
        false => format!(
            "{}{}",
            t(zh, "暂定：", "Provisional: "),
            sheet.provisional.join(&t(zh, "；", "; "))
        ),
    };
    let county = Cell::Text(t(zh, "全旗县", "County"));
    let sums = typed_totals(t(zh, "合计", "Total"), &sheet.totals, why);
    rows.push([vec![county], sums].concat());
    crate::domain::csv::typed(&heads, &rows)
}

/// An amount as a CSV cell: bare whole yuan, or an empty field for none.
fn amount_cell(yuan: Option<u64>) -> Cell {
    yuan.map_or(Cell::Text(String::new()), |y| Cell::Number(y.to_string()))
}

/// A line's typed cells, as [`cells`] shows them.
fn typed_cells(line: &PayLine) -> Vec<Cell> {
    let amount = |v: Option<u32>| amount_cell(v.map(u64::from));
    vec![
        Cell::Text(line.village.clone()),
        Cell::Text(line.post.clone()),
        Cell::Text(line.name.clone()),
        amount(line.base),
        amount(line.performance),
        amount(line.career),
        amount(line.subsidy),
        amount_cell(Some(line.total())),
        Cell::Text(line.note.clone()),
    ]
}

/// A sums row's typed cells, as [`total_cells`] shows them, with `note` last.
fn typed_totals(label: String, totals: &PayTotals, note: String) -> Vec<Cell> {
    let blank = || Cell::Text(String::new());
    let sums = [
        totals.base,
        totals.performance,
        totals.career,
        totals.subsidy,
    ];
    let sums = sums.into_iter().chain([totals.total()]);
    [Cell::Text(label), blank(), blank()]
        .into_iter()
        .chain(sums.map(|v| amount_cell(Some(v))))
        .chain([Cell::Text(note)])
        .collect()
}

/// The sheet's title ("2026年嘎查村干部报酬表").
pub fn title(year: i32, zh: bool) -> String {
    match zh {
        true => format!("{year}年嘎查村干部报酬表"),
        false => format!("Village heads' pay, {year}"),
    }
}
