//! The policy form as data: every field the county administrator edits, pre-filled from
//! the policy in force ([`policy_form`]), and the parsing of what was typed back into a
//! `Policy` ([`parse_policy_form`]), with every invalid field's message at once.
//!
//! Parsing starts from the policy the form was filled from and overwrites only what the
//! form shows, so anything it does not show is kept, and a value typed back unchanged
//! gives back exactly the same number (85.50 stays 85.50, share grading stays shares).

use chrono::NaiveDate;

use super::calendar::parse_schedule;
use super::policy::{PayBand, Policy, PolicyHistory};
use super::policy_fields::{
    band_field, out_of_range, problems, Input, Part, FIELDS, MAX_BAND_POPULATION, MAX_PAY_BANDS,
    OPINION_BODY_SEPARATORS, PAY_YUAN,
};
use super::RuleViolation as V;

/// One field of the form, with the text it starts with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormField {
    /// Form field name; rule messages name it in `RuleViolation::field`.
    pub name: String,
    /// Label in Chinese.
    pub zh: &'static str,
    /// Label in English.
    pub en: &'static str,
    /// How it is typed.
    pub input: Input,
    /// The text it starts with.
    pub value: String,
    /// Shown only while the choice field `.0` has the value `.1`.
    pub when: Option<(&'static str, &'static str)>,
}

/// A titled group of fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormSection {
    /// Stable key (`bands`, `village_pay`, `cadre_selection`, `calendar`).
    pub key: &'static str,
    /// Title in Chinese.
    pub zh: &'static str,
    /// Title in English.
    pub en: &'static str,
    /// The fields, in order.
    pub fields: Vec<FormField>,
}

fn field(name: impl Into<String>, zh: &'static str, en: &'static str, input: Input) -> FormField {
    FormField {
        name: name.into(),
        zh,
        en,
        input,
        value: String::new(),
        when: None,
    }
}

fn with_value(mut f: FormField, value: String) -> FormField {
    f.value = value;
    f
}

const BAND_MIN: (&str, &str) = ("人口 ≥", "Population ≥");
const BAND_YUAN: (&str, &str) = ("基础工资（元/年）", "Base pay (yuan a year)");

/// What the policy form edits for a change taking effect on a chosen date: the policy
/// in force on that date (so a change scheduled before it is kept, not undone), and the
/// dates of changes scheduled after it, which replace this one from their own dates.
#[derive(Clone, Debug, PartialEq)]
pub struct FormBase {
    /// The effective date chosen.
    pub effective_from: NaiveDate,
    /// The policy in force on that date: the form starts from it and saves it with only
    /// the edited numbers changed.
    pub policy: Policy,
    /// Changes already scheduled to take effect after `effective_from`, earliest first.
    pub later: Vec<NaiveDate>,
}

/// The base of the policy form for a change effective on `effective_from`.
pub fn form_base(history: &PolicyHistory, effective_from: NaiveDate) -> FormBase {
    let mut later: Vec<NaiveDate> = history
        .changes()
        .map(|(from, _)| from)
        .filter(|from| *from > effective_from)
        .collect();
    later.dedup();
    FormBase {
        effective_from,
        policy: history.at(effective_from),
        later,
    }
}

impl FormBase {
    /// What the form shows, in words: which date's policy it holds, and any later
    /// change that will replace this one.
    pub fn note(&self, zh: bool) -> String {
        let from = self.effective_from;
        let shown = if zh {
            format!("下表是 {from} 起适用的政策；保存后只改动你改过的项，自 {from} 起生效。")
        } else {
            format!("The form shows the policy in force on {from}; saving changes only what you edited, from {from}.")
        };
        if self.later.is_empty() {
            return shown;
        }
        let dates: Vec<String> = self.later.iter().map(ToString::to_string).collect();
        if zh {
            format!(
                "{shown}另有 {} 起的政策变更已安排，届时以那次变更为准（本次修改不会带到那以后）。",
                dates.join("、")
            )
        } else {
            format!(
                "{shown} Changes are already scheduled from {}; from then on they apply instead (this edit does not carry over).",
                dates.join(", ")
            )
        }
    }

    /// Refuse a save whose effective date is not the one the form was filled for (the
    /// form must first be filled again from that date's policy).
    pub fn check_date(&self, effective_from: NaiveDate) -> Result<(), V> {
        if effective_from == self.effective_from {
            return Ok(());
        }
        Err(V::new(
            "policy.base_date",
            format!("生效日期已改为 {effective_from}，表单已按该日适用的政策重新填写，请核对后再保存"),
            format!("The effective date is now {effective_from}; the form was filled again from the policy in force then: check it and save again"),
        )
        .on("effective_from"))
    }
}

/// How many band rows the form has for `policy`: its bands plus an empty row to add one.
fn band_rows(policy: &Policy) -> usize {
    let n = policy.base_pay_bands.len();
    if n < MAX_PAY_BANDS {
        n + 1
    } else {
        n
    }
}

/// The policy's numbers to read, for a user who may not change them: the form's
/// sections without what only editing needs (the empty band row and its hint, the
/// holiday schedule's inputs).
pub fn policy_numbers(policy: &Policy) -> Vec<FormSection> {
    let mut sections = policy_form(policy);
    sections.retain(|s| s.key != "calendar");
    for section in sections.iter_mut().filter(|s| s.key == "bands") {
        section.zh = "基础工资档次（按村人口）";
        section.en = "Base-pay bands by village population";
        section.fields.retain(|f| !f.value.is_empty());
    }
    sections
}

/// The form for changing `policy`: its bands (plus an empty row to add one), every
/// number and choice of W1 and W4, the opinion bodies, and a year's holiday schedule.
pub fn policy_form(policy: &Policy) -> Vec<FormSection> {
    let mut bands = Vec::new();
    for i in 0..band_rows(policy) {
        let band = policy.base_pay_bands.get(i);
        let text = |v: fn(&PayBand) -> u32| band.map(|b| v(b).to_string()).unwrap_or_default();
        let min = field(band_field("min", i), BAND_MIN.0, BAND_MIN.1, Input::Whole);
        let yuan = field(
            band_field("yuan", i),
            BAND_YUAN.0,
            BAND_YUAN.1,
            Input::Whole,
        );
        bands.push(with_value(min, text(|b| b.min_population)));
        bands.push(with_value(yuan, text(|b| b.yuan)));
    }
    let fallback = Policy::default();
    let scalars = |part: Part| {
        FIELDS
            .iter()
            .filter(move |f| f.part == part)
            .map(|f| FormField {
                name: f.name.into(),
                zh: f.zh,
                en: f.en,
                input: f.input,
                value: (f.get)(policy)
                    .or_else(|| (f.get)(&fallback))
                    .map(|v| show(f.input, v))
                    .unwrap_or_default(),
                when: f.when,
            })
            .collect::<Vec<_>>()
    };
    let mut cadre = scalars(Part::CadreSelection);
    cadre.push(with_value(
        field(
            "opinion_bodies",
            "征求意见单位（每行一个）",
            "Bodies whose opinion is sought (one per line)",
            Input::Lines,
        ),
        policy.cadre_selection.opinion_bodies.join("\n"),
    ));
    let mut demotion = scalars(Part::Demotion);
    let standards = [
        ("demotion_qualitative", "定性标准（每行一条，“领域：标准”）", "Qualitative standards (one per line, \"area: standard\")", &policy.demotion_chain.qualitative),
        ("demotion_quantitative", "由人提出的定量标准（每行一条；由年度考核计算的两条为内置）", "Quantitative standards raised by a person (one per line; the two computed from the assessment are built in)", &policy.demotion_chain.quantitative),
    ];
    for (name, zh, en, list) in standards {
        demotion.push(with_value(
            field(name, zh, en, Input::Lines),
            list.join("\n"),
        ));
    }
    let mut performance = scalars(Part::Performance);
    performance.push(with_value(
        field(
            "performance_indicator_sets",
            "月测评指标体系（每行一个：“名称：指标、指标、…”）",
            "Monthly evaluation indicator sets (one a line: \"name: indicator, indicator, …\")",
            Input::Lines,
        ),
        policy.performance_record.indicator_sets.join("\n"),
    ));
    let mut career = scalars(Part::CareerPay);
    career.push(with_value(
        field(
            "career_termination_conditions",
            "终止事业待遇的情形（每行一个）",
            "Conditions that end the pay (one per line)",
            Input::Lines,
        ),
        policy.career_pay.termination_conditions.join("\n"),
    ));
    vec![
        FormSection {
            key: "bands",
            zh: "基础工资档次（按村人口；清空一档的两个数即删除该档，填写空行即新增一档）",
            en: "Base-pay bands by village population (clear both numbers to remove a band; fill the empty row to add one)",
            fields: bands,
        },
        FormSection {
            key: "village_pay",
            zh: "村干部绩效考评",
            en: "Village performance pay",
            fields: scalars(Part::VillagePay),
        },
        FormSection {
            key: "cadre_selection",
            zh: "干部选拔任用纪实",
            en: "Cadre selection record",
            fields: cadre,
        },
        FormSection {
            key: "career_pay",
            zh: "选聘嘎查村正职享受事业待遇",
            en: "Selecting heads for public-institution pay",
            fields: career,
        },
        FormSection {
            key: "annual_assessment",
            zh: "年度考核",
            en: "Annual assessment",
            fields: scalars(Part::Assessment),
        },
        FormSection {
            key: "demotion_chain",
            zh: "能上能下（链条式）",
            en: "Moving unfit cadres down",
            fields: demotion,
        },
        FormSection {
            key: "reserve_pool",
            zh: "后备干部",
            en: "Reserve pools",
            fields: scalars(Part::Reserve),
        },
        FormSection {
            key: "performance_record",
            zh: "实绩纪实",
            en: "Performance record",
            fields: performance,
        },
        FormSection {
            key: "rotation",
            zh: "轮岗与借用",
            en: "Rotation and secondment",
            fields: scalars(Part::Rotation),
        },
        FormSection {
            key: "audit_grading",
            zh: "经济责任审计动态分级",
            en: "Economic-responsibility audit",
            fields: scalars(Part::Audit),
        },
        FormSection {
            key: "retired_care",
            zh: "村干部退后关爱",
            en: "Care for former village heads",
            fields: scalars(Part::RetiredCare),
        },
        FormSection {
            key: "calendar",
            zh: "增补年度节假日安排（内置日历之外的年份）",
            en: "Add a year's holiday schedule (years the built-in calendar lacks)",
            fields: vec![
                field("calendar_year", "年份", "Year", Input::Text),
                field("calendar_holidays", "放假日期（年-月-日，以空格或逗号分隔）", "Days off (YYYY-MM-DD, separated by spaces or commas)", Input::Lines),
                field("calendar_workdays", "调休上班日期", "Weekend days worked (make-up working days)", Input::Lines),
            ],
        },
    ]
}

/// The names of a list typed one per line (or split by `separators`).
fn names(text: &str, separators: &[char]) -> Vec<String> {
    text.split(separators)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// The text a field starts with for the value `v`.
fn show(input: Input, v: u32) -> String {
    match input {
        Input::Hundredths => format_decimal(v),
        Input::Choice(options) => options
            .get(v as usize)
            .map(|o| o.0.to_string())
            .unwrap_or_default(),
        _ => v.to_string(),
    }
}

/// Hundredths as the shortest exact decimal: 9000 → "90", 8550 → "85.5", 8505 → "85.05".
pub fn format_decimal(h: u32) -> String {
    match h % 100 {
        0 => (h / 100).to_string(),
        f if f % 10 == 0 => format!("{}.{}", h / 100, f / 10),
        f => format!("{}.{f:02}", h / 100),
    }
}

/// Digits, or digits in groups of three ("1,500", "1，500"); `None` for anything else.
/// Too many digits for any bound read as `u64::MAX` (out of every range).
fn whole_digits(s: &str) -> Option<u64> {
    let groups: Vec<&str> = s.split([',', '，']).collect();
    let digits_only = groups
        .iter()
        .all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit()));
    let grouped =
        groups.len() == 1 || (groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3));
    if !digits_only || !grouped {
        return None;
    }
    let digits = groups.concat();
    Some(if digits.len() > 15 {
        u64::MAX
    } else {
        digits.parse().ok()?
    })
}

/// Parse a number typed in a policy field: whole ("1500", "1,500") or, for hundredths,
/// with at most two decimals ("85.5" → 8550, "85.50" → 8550). The message names the field.
pub fn parse_number(
    text: &str,
    field: &str,
    (zh, en): (&str, &str),
    hundredths: bool,
) -> Result<u64, V> {
    let s = text.trim();
    if s.is_empty() {
        return Err(V::new(
            "policy.missing",
            format!("请填写{zh}"),
            format!("Enter {en}"),
        )
        .on(field));
    }
    let value = if hundredths {
        let (whole, frac) = s.split_once('.').unwrap_or((s, "00"));
        let frac_ok = (1..=2).contains(&frac.len()) && frac.bytes().all(|b| b.is_ascii_digit());
        let cents = format!("{frac:0<2}")
            .parse::<u64>()
            .ok()
            .filter(|_| frac_ok);
        whole_digits(whole)
            .zip(cents)
            .map(|(w, c)| w.saturating_mul(100).saturating_add(c))
    } else {
        whole_digits(s)
    };
    value.ok_or_else(|| {
        let (hint_zh, hint_en) = if hundredths {
            (
                "请只填写数字，最多两位小数（如 85.5）",
                "type a number with at most two decimals (e.g. 85.5)",
            )
        } else {
            (
                "请只填写数字（如 1500），不要带单位或其他符号",
                "type digits only (e.g. 1500), no units or other signs",
            )
        };
        V::new(
            "policy.digits",
            format!("{zh}：{hint_zh}"),
            format!("{en}: {hint_en}"),
        )
        .on(field)
    })
}

/// A number within `range`, or the field's message.
fn number_in(
    text: &str,
    field: &str,
    label: (&str, &str),
    range: &std::ops::RangeInclusive<u32>,
    hundredths: bool,
) -> Result<u32, V> {
    let v = parse_number(text, field, label, hundredths)?;
    u32::try_from(v)
        .ok()
        .filter(|v| range.contains(v))
        .ok_or_else(|| out_of_range(field, label, range, hundredths, text.trim()))
}

/// Parse the policy form: `value(name)` is the text of the field `name` ("" if absent).
/// Starts from `base` (the policy the form was filled from), so what the form does not
/// show is kept. Returns the new policy, or every problem at once, each on its field.
pub fn parse_policy_form(base: &Policy, value: impl Fn(&str) -> String) -> Result<Policy, Vec<V>> {
    let mut p = base.clone();
    let mut errors = Vec::new();
    let rows = parse_bands(base, &value, &mut p, &mut errors);
    for f in FIELDS {
        if (f.get)(&p).is_none() {
            continue; // not in use under the chosen grading rule
        }
        let text = value(f.name);
        let parsed = match f.input {
            Input::Choice(options) => options
                .iter()
                .position(|o| o.0 == text.trim())
                .map(|i| i as u32)
                .ok_or_else(|| {
                    V::new(
                        "policy.choice",
                        format!("请选择{}", f.zh),
                        format!("Choose {}", f.en),
                    )
                    .on(f.name)
                }),
            input => number_in(
                &text,
                f.name,
                (f.zh, f.en),
                &f.range,
                input == Input::Hundredths,
            ),
        };
        match parsed {
            Ok(v) => (f.set)(&mut p, v),
            Err(e) => errors.push(e),
        }
    }
    p.cadre_selection.opinion_bodies = names(&value("opinion_bodies"), &OPINION_BODY_SEPARATORS);
    // A condition's wording may hold commas: one per line.
    p.career_pay.termination_conditions = names(&value("career_termination_conditions"), &['\n']);
    p.demotion_chain.qualitative = names(&value("demotion_qualitative"), &['\n']);
    p.demotion_chain.quantitative = names(&value("demotion_quantitative"), &['\n']);
    p.performance_record.indicator_sets = names(&value("performance_indicator_sets"), &['\n']);
    let year = value("calendar_year");
    if !year.trim().is_empty() {
        match parse_schedule(
            &year,
            &value("calendar_holidays"),
            &value("calendar_workdays"),
        ) {
            Ok(schedule) => p = p.with_schedule(schedule),
            Err(e) => errors.push(e),
        }
    }
    for mut problem in problems(&p) {
        if let Some(row) = band_row(problem.field.as_deref(), &rows) {
            problem.field = Some(row);
        }
        if !errors.iter().any(|e| e.field == problem.field) {
            errors.push(problem);
        }
    }
    if errors.is_empty() {
        Ok(p)
    } else {
        Err(errors)
    }
}

/// Read the band rows into `p` (blank rows dropped, sorted by population) and return,
/// for each band of `p`, the form row it came from.
fn parse_bands(
    base: &Policy,
    value: &impl Fn(&str) -> String,
    p: &mut Policy,
    errors: &mut Vec<V>,
) -> Vec<usize> {
    let population = 0..=MAX_BAND_POPULATION;
    let mut bands = Vec::new();
    for row in 0..band_rows(base) {
        let (min_name, yuan_name) = (band_field("min", row), band_field("yuan", row));
        let (min, yuan) = (value(&min_name), value(&yuan_name));
        if min.trim().is_empty() && yuan.trim().is_empty() {
            continue;
        }
        let min = number_in(&min, &min_name, BAND_MIN, &population, false);
        let yuan = number_in(&yuan, &yuan_name, BAND_YUAN, &PAY_YUAN, false);
        match (min, yuan) {
            (Ok(min_population), Ok(yuan)) => {
                // Kept in population order (a few rows: no sort routine needed).
                let at = bands
                    .partition_point(|b: &(usize, PayBand)| b.1.min_population <= min_population);
                let band = PayBand {
                    min_population,
                    yuan,
                };
                bands.insert(at, (row, band));
            }
            (min, yuan) => errors.extend(min.err().into_iter().chain(yuan.err())),
        }
    }
    p.base_pay_bands = bands.iter().map(|b| b.1.clone()).collect();
    bands.into_iter().map(|b| b.0).collect()
}

/// The form row of a band field named by a policy problem (`band_min_2` → its row).
fn band_row(field: Option<&str>, rows: &[usize]) -> Option<String> {
    let rest = field?.strip_prefix("band_")?;
    let (which, index) = rest.split_once('_')?;
    let row = rows.get(index.parse::<usize>().ok()?)?;
    Some(band_field(which, *row))
}
