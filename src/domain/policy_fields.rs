//! Every policy number as data: its form field name, its label in Chinese and English,
//! its bounds (the named constants below) and where it lives in `Policy`; and the check
//! of a whole policy ([`problems`], behind `Policy::validate`).
//!
//! The bounds are wide enough for any county's real policy and narrow enough that no
//! value inside them can make a computation overflow or run long (dates move at most ten
//! years, working-day windows count at most 60 days, pay sums stay far below `u32::MAX`).
//! [`problems`] is total and cheap: it never panics, and a list longer than its bound is
//! reported, not walked.

use std::ops::RangeInclusive;

use super::policy::{GradingRule, MajorityOf, MissingQuarter, PayBand, Policy};
use super::RuleViolation as V;

/// Most base-pay bands (基础工资档次); the seed has 3.
pub const MAX_PAY_BANDS: usize = 20;
/// Highest lower population bound of a band: more people than any county has.
pub const MAX_BAND_POPULATION: u32 = 100_000_000;
/// Any pay figure (base pay of a band, performance pay), whole yuan a year.
pub const PAY_YUAN: RangeInclusive<u32> = 0..=1_000_000;
/// 公示 window of a quarterly result, days (seed: 7).
pub const PUBLICITY_DAYS: RangeInclusive<u32> = 1..=60;
/// How many days before the day it is recorded a 公示 may say it started (default 0).
pub const BACKDATE_DAYS: RangeInclusive<u32> = 0..=30;
/// Each weight of the composite (quarterly average, annual score), percent.
pub const WEIGHT_PCT: RangeInclusive<u32> = 0..=100;
/// A grade threshold on the 100-point composite, hundredths of a point (0.00–100.00).
pub const THRESHOLD_HUNDREDTHS: RangeInclusive<u32> = 0..=10_000;
/// A grade share, percent of a township's villages.
pub const SHARE_PCT: RangeInclusive<u32> = 0..=100;
/// 诫勉谈话 and 限期整改 deadlines, days after grading: up to ten years.
pub const FOLLOW_UP_DAYS: RangeInclusive<u32> = 1..=3_650;
/// W4 windows counted in working days (任前公示, 有关事项公开): up to about three months.
pub const WORKING_DAYS: RangeInclusive<u32> = 1..=60;
/// 差额考察: inspection targets per post (seed: 2).
pub const TARGETS_PER_POST: RangeInclusive<u32> = 2..=10;
/// W4 periods in months (recommendation validity, extended inspection, probation).
pub const MONTHS: RangeInclusive<u32> = 1..=120;
/// The low-recognition vote share, percent.
pub const RECOGNITION_PCT: RangeInclusive<u32> = 0..=100;
/// Annual grades looked back on for the 基本称职-or-lower bar, years (seed: 3).
pub const LOOKBACK_YEARS: RangeInclusive<u32> = 1..=10;
/// 初次提交 of a W4 record, days after the decision (seed: 5).
pub const SUBMISSION_DAYS: RangeInclusive<u32> = 1..=60;
/// Highest score of one of the five inspection dimensions.
pub const DIMENSION_MAX: RangeInclusive<u32> = 1..=1_000;
/// A percent of W2 (quota, 差额).
pub const CAREER_PCT: RangeInclusive<u32> = 1..=100;
/// Candidates per slot (W2's 1:3 and 1:2).
pub const PER_SLOT: RangeInclusive<u32> = 1..=10;
/// Days a W2 publicity runs.
pub const CAREER_DAYS: RangeInclusive<u32> = 1..=60;
/// The day of a month on which W2's pay must run for the month to be paid.
pub const MONTH_DAY: RangeInclusive<u32> = 1..=28;
/// Years served that qualify a former head for care (W3).
pub const CARE_YEARS: RangeInclusive<u32> = 1..=40;
/// How many bodies' opinions (征求意见) a policy may require.
pub const OPINION_BODIES: RangeInclusive<usize> = 1..=20;
/// Longest name of an opinion body, in characters.
pub const MAX_OPINION_BODY_CHARS: usize = 50;
/// Longest termination condition (W2), in characters: legal wording runs long.
pub const MAX_CONDITION_CHARS: usize = 100;
/// Years or times in a row (W7's bottom ranking, 党风廉政 checks).
pub const IN_A_ROW: RangeInclusive<u32> = 1..=10;
/// "排名位居后列": how many places at a unit's bottom count (W7).
pub const BOTTOM_PLACES: RangeInclusive<u32> = 1..=10;
/// Months between follow-up talks or visits (W7).
pub const FOLLOW_UP_MONTHS: RangeInclusive<u32> = 1..=24;
/// Years between a pool's reviews (W9).
pub const REVIEW_YEARS: RangeInclusive<u32> = 1..=20;
/// The age up to which a cadre counts as young (W9).
pub const YOUNG_AGE: RangeInclusive<u32> = 18..=70;
/// Longest day's record of 实绩纪实 (W6), in characters.
pub const DAY_TEXT_CHARS: RangeInclusive<u32> = 20..=2_000;
/// How many days back a day's work may be recorded (W6): up to about two months.
pub const DAYS_BACK: RangeInclusive<u32> = 0..=60;
/// Days after a week's Sunday its report is due (W6).
pub const REPORT_GRACE_DAYS: RangeInclusive<u32> = 0..=14;
/// Longest quarterly analysis or year review of 实绩纪实 (W6), in characters.
pub const ANALYSIS_CHARS: RangeInclusive<u32> = 100..=20_000;
/// The value of one of the five levels of a monthly evaluation (W6).
pub const LEVEL_VALUE: RangeInclusive<u32> = 0..=1_000;
/// How many indicator sets the county offers (W6).
pub const INDICATOR_SETS: RangeInclusive<usize> = 1..=10;
/// Most indicators in one set (W6).
pub const INDICATORS_PER_SET: usize = 20;
/// Longest line of an indicator set, its name and indicators (W6), in characters.
pub const MAX_INDICATOR_SET_CHARS: usize = 400;
/// Years in the same post when rotation falls due (W10).
pub const POST_YEARS: RangeInclusive<u32> = 1..=40;
/// The age exempting a cadre from rotation (W10).
pub const EXEMPT_AGE: RangeInclusive<u32> = 18..=80;
/// A secondment's limit in months (W10).
pub const SECONDMENT_MONTHS: RangeInclusive<u32> = 1..=60;
/// Days of notice before, or of grace after, a rotation or secondment limit (W10).
pub const ALERT_DAYS: RangeInclusive<u32> = 0..=3_650;
/// How many standards a catalogue list may hold (W7; the seed: 25 qualitative, 17
/// quantitative).
pub const STANDARDS: RangeInclusive<usize> = 1..=60;
/// Longest standard of the catalogue (W7), in characters.
pub const MAX_STANDARD_CHARS: usize = 100;
/// A W8 yuan cut-off (budget tiers, special funds), whole yuan: up to 40亿.
pub const AUDIT_YUAN: RangeInclusive<u32> = 1..=4_000_000_000;
/// A W8 coverage share, percent of a level's units a year.
pub const AUDIT_PCT: RangeInclusive<u32> = 1..=100;
/// A W8 period in years (coverage cycles, years in office, the small-fund deadline).
pub const AUDIT_YEARS: RangeInclusive<u32> = 1..=10;
/// W8 level-3 units sampled a year.
pub const AUDIT_SAMPLES: RangeInclusive<u32> = 0..=20;
/// A W8 refinement factor's weight.
pub const AUDIT_WEIGHT: RangeInclusive<u32> = 0..=10;
/// A W8 weighted factor sum (three factors rated 0–3, weights up to 10: at most 90).
pub const AUDIT_SCORE: RangeInclusive<u32> = 0..=90;
/// Characters that separate opinion bodies in the form, so no name may contain them.
pub const OPINION_BODY_SEPARATORS: [char; 5] = ['\n', ',', '，', ';', '；'];

/// How a field is typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    /// A whole number (digits; "1,500" is read as 1500).
    Whole,
    /// A number with at most two decimals, kept in hundredths ("85.5" → 8550).
    Hundredths,
    /// One of fixed options: (value, zh, en); the number kept is the option's index.
    Choice(&'static [(&'static str, &'static str, &'static str)]),
    /// Several names or dates, one per line.
    Lines,
    /// One line of text.
    Text,
    /// A date, `YYYY-MM-DD`.
    Date,
}

/// Which part of the policy a field belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// W1 村干部结构工资.
    VillagePay,
    /// W4 干部选拔任用全程纪实.
    CadreSelection,
    /// W3 退后关爱.
    RetiredCare,
    /// W2 选聘事业待遇.
    CareerPay,
    /// W5 年度考核.
    Assessment,
    /// W7 能上能下.
    Demotion,
    /// W9 后备干部.
    Reserve,
    /// W6 实绩纪实.
    Performance,
    /// W10 轮岗、借用.
    Rotation,
    /// W8 经济责任审计动态分级.
    Audit,
}

/// One scalar policy field: a number, or a choice kept as its option's index.
pub struct Field {
    /// Form field name (also the `RuleViolation` field); the `Policy` field's own name.
    pub name: &'static str,
    /// Label in Chinese.
    pub zh: &'static str,
    /// Label in English.
    pub en: &'static str,
    /// How it is typed.
    pub input: Input,
    /// Allowed values.
    pub range: RangeInclusive<u32>,
    /// The part of the policy it belongs to.
    pub part: Part,
    /// Shown only while the choice field `.0` has the value `.1`.
    pub when: Option<(&'static str, &'static str)>,
    /// Its value, or `None` while it does not apply (a threshold under share grading).
    pub get: fn(&Policy) -> Option<u32>,
    /// Set its value (no effect while it does not apply).
    pub set: fn(&mut Policy, u32),
}

const YES_NO: &[(&str, &str, &str)] = &[("yes", "是", "Yes"), ("no", "否", "No")];
const GRADING: &[(&str, &str, &str)] = &[
    ("thresholds", "按分数线", "By score thresholds"),
    ("shares", "按各等次比例", "By shares of villages"),
];
const MISSING: &[(&str, &str, &str)] = &[
    (
        "average_of_assessed",
        "按已考核季度平均",
        "Average of the assessed quarters",
    ),
    ("counts_as_zero", "计为 0 分", "Counts as 0 points"),
];
const MAJORITY: &[(&str, &str, &str)] = &[
    ("all_members", "应到会成员", "All members"),
    ("present", "实到会成员", "Members present"),
];
const THRESHOLDS: Option<(&str, &str)> = Some(("grading", "thresholds"));
const SHARES: Option<(&str, &str)> = Some(("grading", "shares"));

fn flag(b: bool) -> Option<u32> {
    Some(u32::from(!b))
}

fn thresholds(p: &Policy) -> Option<(u32, u32)> {
    match p.grading {
        GradingRule::Thresholds {
            outstanding_min,
            notable_min,
        } => Some((outstanding_min, notable_min)),
        GradingRule::Shares { .. } => None,
    }
}

fn shares(p: &Policy) -> Option<(u32, u32)> {
    match p.grading {
        GradingRule::Shares {
            outstanding_pct,
            notable_pct,
        } => Some((outstanding_pct, notable_pct)),
        GradingRule::Thresholds { .. } => None,
    }
}

fn set_grading(p: &mut Policy, v: u32) {
    p.grading = match (v, &p.grading) {
        (0, GradingRule::Shares { .. }) => GradingRule::Thresholds {
            outstanding_min: 0,
            notable_min: 0,
        },
        (1, GradingRule::Thresholds { .. }) => GradingRule::Shares {
            outstanding_pct: 0,
            notable_pct: 0,
        },
        (_, g) => g.clone(),
    };
}

macro_rules! number {
    ($name:literal, $zh:literal, $en:literal, $range:expr, $part:ident, $($path:ident).+) => {
        Field {
            name: $name,
            zh: $zh,
            en: $en,
            input: Input::Whole,
            range: $range,
            part: Part::$part,
            when: None,
            get: |p| Some(p.$($path).+),
            set: |p, v| p.$($path).+ = v,
        }
    };
}

/// Every scalar policy field, in form order (a choice before the fields it governs).
pub const FIELDS: &[Field] = &[
    number!(
        "pay_excellent",
        "优秀绩效工资（元）",
        "Performance pay: excellent (yuan)",
        PAY_YUAN,
        VillagePay,
        pay_excellent
    ),
    number!(
        "pay_basic",
        "基本合格绩效工资（元）",
        "Performance pay: basic pass (yuan)",
        PAY_YUAN,
        VillagePay,
        pay_basic
    ),
    number!(
        "pay_fail",
        "不合格绩效工资（元）",
        "Performance pay: fail (yuan)",
        PAY_YUAN,
        VillagePay,
        pay_fail
    ),
    number!(
        "publicity_days",
        "公示天数",
        "Publicity days",
        PUBLICITY_DAYS,
        VillagePay,
        publicity_days
    ),
    number!(
        "publicity_backdate_days",
        "公示开始日最多早于登记日（天）",
        "Publicity may start this many days before it is recorded",
        BACKDATE_DAYS,
        VillagePay,
        publicity_backdate_days
    ),
    number!(
        "quarterly_weight_pct",
        "季度平均权重 %",
        "Quarterly average weight %",
        WEIGHT_PCT,
        VillagePay,
        quarterly_weight_pct
    ),
    number!(
        "annual_weight_pct",
        "年度考评权重 %",
        "Annual score weight %",
        WEIGHT_PCT,
        VillagePay,
        annual_weight_pct
    ),
    Field {
        name: "grading",
        zh: "评定等次方式",
        en: "Grading rule",
        input: Input::Choice(GRADING),
        range: 0..=1,
        part: Part::VillagePay,
        when: None,
        get: |p| Some(u32::from(shares(p).is_some())),
        set: set_grading,
    },
    Field {
        name: "outstanding_min",
        zh: "实绩突出分数线（百分制）",
        en: "Outstanding at or above (of 100)",
        input: Input::Hundredths,
        range: THRESHOLD_HUNDREDTHS,
        part: Part::VillagePay,
        when: THRESHOLDS,
        get: |p| thresholds(p).map(|t| t.0),
        set: |p, v| {
            if let GradingRule::Thresholds {
                outstanding_min, ..
            } = &mut p.grading
            {
                *outstanding_min = v;
            }
        },
    },
    Field {
        name: "notable_min",
        zh: "比较突出分数线（百分制）",
        en: "Notable at or above (of 100)",
        input: Input::Hundredths,
        range: THRESHOLD_HUNDREDTHS,
        part: Part::VillagePay,
        when: THRESHOLDS,
        get: |p| thresholds(p).map(|t| t.1),
        set: |p, v| {
            if let GradingRule::Thresholds { notable_min, .. } = &mut p.grading {
                *notable_min = v;
            }
        },
    },
    Field {
        name: "outstanding_pct",
        zh: "实绩突出比例 %",
        en: "Outstanding share %",
        input: Input::Whole,
        range: SHARE_PCT,
        part: Part::VillagePay,
        when: SHARES,
        get: |p| shares(p).map(|s| s.0),
        set: |p, v| {
            if let GradingRule::Shares {
                outstanding_pct, ..
            } = &mut p.grading
            {
                *outstanding_pct = v;
            }
        },
    },
    Field {
        name: "notable_pct",
        zh: "比较突出比例 %",
        en: "Notable share %",
        input: Input::Whole,
        range: SHARE_PCT,
        part: Part::VillagePay,
        when: SHARES,
        get: |p| shares(p).map(|s| s.1),
        set: |p, v| {
            if let GradingRule::Shares { notable_pct, .. } = &mut p.grading {
                *notable_pct = v;
            }
        },
    },
    Field {
        name: "half_points",
        zh: "允许半分",
        en: "Half points allowed",
        input: Input::Choice(YES_NO),
        range: 0..=1,
        part: Part::VillagePay,
        when: None,
        get: |p| flag(p.half_points),
        set: |p, v| p.half_points = v == 0,
    },
    Field {
        name: "missing_quarter",
        zh: "未考核的季度",
        en: "An unassessed quarter",
        input: Input::Choice(MISSING),
        range: 0..=1,
        part: Part::VillagePay,
        when: None,
        get: |p| Some(u32::from(p.missing_quarter == MissingQuarter::CountsAsZero)),
        set: |p, v| {
            p.missing_quarter = if v == 0 {
                MissingQuarter::AverageOfAssessed
            } else {
                MissingQuarter::CountsAsZero
            }
        },
    },
    number!(
        "warning_talk_days",
        "诫勉谈话期限（评定后天数）",
        "Warning talk due (days after grading)",
        FOLLOW_UP_DAYS,
        VillagePay,
        warning_talk_days
    ),
    number!(
        "rectification_days",
        "限期整改期限（评定后天数）",
        "Rectification due (days after grading)",
        FOLLOW_UP_DAYS,
        VillagePay,
        rectification_days
    ),
    number!(
        "publicity_working_days",
        "任前公示（工作日）",
        "Pre-appointment publicity (working days)",
        WORKING_DAYS,
        CadreSelection,
        cadre_selection.publicity_working_days
    ),
    number!(
        "disclosure_working_days",
        "有关事项公开，每次（工作日）",
        "Each disclosure of personal matters (working days)",
        WORKING_DAYS,
        CadreSelection,
        cadre_selection.disclosure_working_days
    ),
    Field {
        name: "disclosure_before_decision",
        zh: "第一次公开须在讨论决定前结束",
        en: "The first disclosure must end before the decision",
        input: Input::Choice(YES_NO),
        range: 0..=1,
        part: Part::CadreSelection,
        when: None,
        get: |p| flag(p.cadre_selection.disclosure_before_decision),
        set: |p, v| p.cadre_selection.disclosure_before_decision = v == 0,
    },
    number!(
        "targets_per_post",
        "差额考察：每个职位的考察对象人数",
        "Inspection targets per post",
        TARGETS_PER_POST,
        CadreSelection,
        cadre_selection.targets_per_post
    ),
    Field {
        name: "majority_of",
        zh: "表决通过须赞成票超过半数的",
        en: "A vote passes with more than half of",
        input: Input::Choice(MAJORITY),
        range: 0..=1,
        part: Part::CadreSelection,
        when: None,
        get: |p| {
            Some(u32::from(
                p.cadre_selection.majority_of == MajorityOf::Present,
            ))
        },
        set: |p, v| {
            p.cadre_selection.majority_of = if v == 0 {
                MajorityOf::AllMembers
            } else {
                MajorityOf::Present
            }
        },
    },
    number!(
        "recommendation_valid_months",
        "民主推荐结果有效期（月）",
        "Recommendation results valid (months)",
        MONTHS,
        CadreSelection,
        cadre_selection.recommendation_valid_months
    ),
    number!(
        "low_recognition_pct",
        "得票率低于此百分比为认可度低 %",
        "Low recognition: vote share below %",
        RECOGNITION_PCT,
        CadreSelection,
        cadre_selection.low_recognition_pct
    ),
    number!(
        "grade_lookback_years",
        "查看近几年的年度考核等次（年）",
        "Annual grades looked back on (years)",
        LOOKBACK_YEARS,
        CadreSelection,
        cadre_selection.grade_lookback_years
    ),
    number!(
        "extended_inspection_months",
        "任现职不满几个月须延伸考察（月）",
        "Extended inspection below this many months in post",
        MONTHS,
        CadreSelection,
        cadre_selection.extended_inspection_months
    ),
    number!(
        "initial_submission_days",
        "讨论决定后初次提交期限（天）",
        "Initial submission due (days after the decision)",
        SUBMISSION_DAYS,
        CadreSelection,
        cadre_selection.initial_submission_days
    ),
    number!(
        "probation_months",
        "试用期（月）",
        "Probation (months)",
        MONTHS,
        CadreSelection,
        cadre_selection.probation_months
    ),
    number!(
        "dimension_max",
        "考察每个维度的满分",
        "Highest score of each inspection dimension",
        DIMENSION_MAX,
        CadreSelection,
        cadre_selection.dimension_max
    ),
    number!(
        "care_min_years",
        "离任村干部任正职满几年可享受生活补贴（年）",
        "Years as a head that qualify for the care subsidy",
        CARE_YEARS,
        RetiredCare,
        retired_care.min_years
    ),
    number!(
        "care_yearly_yuan",
        "退后关爱生活补贴（元/人/年）",
        "Care subsidy (yuan a person a year)",
        PAY_YUAN,
        RetiredCare,
        retired_care.yearly_yuan
    ),
    number!(
        "career_quota_pct",
        "每年选聘名额不少于嘎查村总数的百分比 %",
        "Slots a year: at least this percent of the villages",
        CAREER_PCT,
        CareerPay,
        career_pay.quota_pct
    ),
    number!(
        "career_min_years",
        "申请人任正职满几年（年）",
        "Years as a head an applicant must have served",
        CARE_YEARS,
        CareerPay,
        career_pay.min_years
    ),
    number!(
        "career_grade_lookback_years",
        "近几年考评不得有不合格（年）",
        "No Fail grade in the last years",
        LOOKBACK_YEARS,
        CareerPay,
        career_pay.grade_lookback_years
    ),
    number!(
        "career_publicity_days",
        "选聘公示期限（天）",
        "Selection publicity days",
        CAREER_DAYS,
        CareerPay,
        career_pay.publicity_days
    ),
    number!(
        "career_initial_per_slot",
        "初步人选：每个名额推荐人数",
        "Initial candidates per slot",
        PER_SLOT,
        CareerPay,
        career_pay.initial_per_slot
    ),
    number!(
        "career_reserve_per_slot",
        "预备人选：每个名额推荐人数",
        "Reserve candidates per slot",
        PER_SLOT,
        CareerPay,
        career_pay.reserve_per_slot
    ),
    number!(
        "career_margin_pct",
        "正式候选人差额比例 %",
        "Formal candidates above the slots %",
        CAREER_PCT,
        CareerPay,
        career_pay.margin_pct
    ),
    number!(
        "career_monthly_yuan",
        "事业单位基础工资（元/人/月）",
        "Public-institution base pay (yuan a person a month)",
        PAY_YUAN,
        CareerPay,
        career_pay.monthly_yuan
    ),
    number!(
        "career_paid_day",
        "待遇当月起止：该日在享受期内即计发当月（日）",
        "A month is paid when the pay runs on this day of it",
        MONTH_DAY,
        CareerPay,
        career_pay.paid_day
    ),
    number!(
        "assessment_superior_weight",
        "测评权重：上级 %",
        "Weight: superiors %",
        WEIGHT_PCT,
        Assessment,
        annual_assessment.superior_weight
    ),
    number!(
        "assessment_peers_weight",
        "测评权重：同级 %",
        "Weight: peers %",
        WEIGHT_PCT,
        Assessment,
        annual_assessment.peers_weight
    ),
    number!(
        "assessment_subordinates_weight",
        "测评权重：下级 %",
        "Weight: subordinates %",
        WEIGHT_PCT,
        Assessment,
        annual_assessment.subordinates_weight
    ),
    number!(
        "assessment_own_weight",
        "测评权重：本人 %",
        "Weight: self %",
        WEIGHT_PCT,
        Assessment,
        annual_assessment.own_weight
    ),
    number!(
        "assessment_outside_weight",
        "测评权重：外单位相关人员 %",
        "Weight: related outside units %",
        WEIGHT_PCT,
        Assessment,
        annual_assessment.outside_weight
    ),
    number!(
        "assessment_excellent_cap_pct",
        "优秀等次不超过本单位人数的百分比 %（0 为不限）",
        "Excellent at most this percent of a unit (0: no cap)",
        SHARE_PCT,
        Assessment,
        annual_assessment.excellent_cap_pct
    ),
    number!(
        "assessment_removal_days",
        "不称职：定等后几天内落实免职（天）",
        "Incompetent: removal due within (days)",
        FOLLOW_UP_DAYS,
        Assessment,
        annual_assessment.removal_days
    ),
    number!(
        "assessment_warning_days",
        "基本称职：定等后几天内诫勉（天）",
        "Basically competent: warning due within (days)",
        FOLLOW_UP_DAYS,
        Assessment,
        annual_assessment.warning_days
    ),
    number!(
        "assessment_team_days",
        "班子一般、差：定等后几天内完成调整（天）",
        "Team Average or Poor: adjustment due within (days)",
        FOLLOW_UP_DAYS,
        Assessment,
        annual_assessment.team_days
    ),
    number!(
        "demotion_bottom_places",
        "“排名位居后列”：本单位倒数几名",
        "\"Bottom of the ranking\": the last how many of a unit",
        BOTTOM_PLACES,
        Demotion,
        demotion_chain.bottom_places
    ),
    number!(
        "demotion_bottom_years",
        "年度综合考核连续几年排名后列即提示",
        "Years in a row at the bottom that raise a case",
        IN_A_ROW,
        Demotion,
        demotion_chain.bottom_years
    ),
    number!(
        "demotion_integrity_fail_times",
        "党风廉政建设责任制考核连续几次未达标即提示",
        "Party-conduct checks failed in a row that raise a case",
        IN_A_ROW,
        Demotion,
        demotion_chain.integrity_fail_times
    ),
    number!(
        "demotion_talk_months",
        "谈心谈话间隔（月）",
        "Months between talks",
        FOLLOW_UP_MONTHS,
        Demotion,
        demotion_chain.talk_months
    ),
    number!(
        "demotion_visit_months",
        "组织部门回访间隔（月）",
        "Months between visits",
        FOLLOW_UP_MONTHS,
        Demotion,
        demotion_chain.visit_months
    ),
    number!(
        "reserve_top_up_years",
        "后备干部库补充调整间隔（年）",
        "Years between pool top-ups",
        REVIEW_YEARS,
        Reserve,
        reserve_pool.top_up_years
    ),
    number!(
        "reserve_open_selection_years",
        "后备干部公开选拔间隔（年）",
        "Years between open selections",
        REVIEW_YEARS,
        Reserve,
        reserve_pool.open_selection_years
    ),
    number!(
        "reserve_young_age_first",
        "第一梯队年轻干部年龄上限（岁）",
        "Young in the first echelon: at most (age)",
        YOUNG_AGE,
        Reserve,
        reserve_pool.young_age_first
    ),
    number!(
        "reserve_young_age_second",
        "第二梯队年轻干部年龄上限（岁）",
        "Young in the second echelon: at most (age)",
        YOUNG_AGE,
        Reserve,
        reserve_pool.young_age_second
    ),
    number!(
        "reserve_young_pct",
        "年轻干部比例目标 %（0 为不设）",
        "Target share of young cadres % (0: none)",
        SHARE_PCT,
        Reserve,
        reserve_pool.young_pct
    ),
    number!(
        "reserve_women_pct",
        "女干部比例目标 %（0 为不设）",
        "Target share of women % (0: none)",
        SHARE_PCT,
        Reserve,
        reserve_pool.women_pct
    ),
    number!(
        "reserve_minority_pct",
        "少数民族干部比例目标 %（0 为不设）",
        "Target share of ethnic-minority cadres % (0: none)",
        SHARE_PCT,
        Reserve,
        reserve_pool.minority_pct
    ),
    number!(
        "reserve_non_party_pct",
        "党外干部比例目标 %（0 为不设）",
        "Target share of non-party cadres % (0: none)",
        SHARE_PCT,
        Reserve,
        reserve_pool.non_party_pct
    ),
    number!(
        "performance_text_max_chars",
        "每日工作记录最多字数",
        "Longest day's record (characters)",
        DAY_TEXT_CHARS,
        Performance,
        performance_record.text_max_chars
    ),
    number!(
        "performance_days_back",
        "可补记几天内的工作（天）",
        "Work may be recorded up to (days back)",
        DAYS_BACK,
        Performance,
        performance_record.days_back
    ),
    number!(
        "performance_report_grace_days",
        "周申报截止：周日后（天）",
        "Weekly report due (days after Sunday)",
        REPORT_GRACE_DAYS,
        Performance,
        performance_record.report_grace_days
    ),
    number!(
        "performance_analysis_max_chars",
        "季分析、年总评最多字数",
        "Longest quarterly analysis or year review (characters)",
        ANALYSIS_CHARS,
        Performance,
        performance_record.analysis_max_chars
    ),
    number!(
        "performance_level_good",
        "月测评“好”的分值",
        "Value of the level Good",
        LEVEL_VALUE,
        Performance,
        performance_record.level_good
    ),
    number!(
        "performance_level_fairly_good",
        "月测评“较好”的分值",
        "Value of the level Fairly good",
        LEVEL_VALUE,
        Performance,
        performance_record.level_fairly_good
    ),
    number!(
        "performance_level_average",
        "月测评“一般”的分值",
        "Value of the level Average",
        LEVEL_VALUE,
        Performance,
        performance_record.level_average
    ),
    number!(
        "performance_level_poor",
        "月测评“较差”的分值",
        "Value of the level Poor",
        LEVEL_VALUE,
        Performance,
        performance_record.level_poor
    ),
    number!(
        "performance_level_bad",
        "月测评“差”的分值",
        "Value of the level Bad",
        LEVEL_VALUE,
        Performance,
        performance_record.level_bad
    ),
    number!(
        "rotation_years_in_post",
        "同一岗位任职满几年应轮岗（年）",
        "Years in the same post when rotation falls due",
        POST_YEARS,
        Rotation,
        rotation.years_in_post
    ),
    number!(
        "rotation_exempt_age_men",
        "男性年满几周岁可不轮岗",
        "Men of this age need not rotate",
        EXEMPT_AGE,
        Rotation,
        rotation.exempt_age_men
    ),
    number!(
        "rotation_exempt_age_women",
        "女性年满几周岁可不轮岗",
        "Women of this age need not rotate",
        EXEMPT_AGE,
        Rotation,
        rotation.exempt_age_women
    ),
    number!(
        "rotation_secondment_months",
        "借用时间上限（月）",
        "Secondment limit (months)",
        SECONDMENT_MONTHS,
        Rotation,
        rotation.secondment_months
    ),
    number!(
        "rotation_notice_days",
        "轮岗到期前几天开始提示",
        "Days before rotation falls due that it is listed",
        ALERT_DAYS,
        Rotation,
        rotation.rotation_notice_days
    ),
    number!(
        "rotation_secondment_notice_days",
        "借用满期前几天开始提示",
        "Days before a secondment's limit that it is listed",
        ALERT_DAYS,
        Rotation,
        rotation.secondment_notice_days
    ),
    number!(
        "rotation_overdue_after_days",
        "到期后几天未轮岗即为逾期",
        "Days after the due day a rotation is overdue",
        ALERT_DAYS,
        Rotation,
        rotation.overdue_after_days
    ),
    number!(
        "audit_tier_high_yuan",
        "一档预算下限（元，含本数）",
        "First budget tier from (yuan, inclusive)",
        AUDIT_YUAN,
        Audit,
        audit_grading.tier_high_yuan
    ),
    number!(
        "audit_tier_low_yuan",
        "二档预算下限（元，含本数）",
        "Second budget tier from (yuan, inclusive)",
        AUDIT_YUAN,
        Audit,
        audit_grading.tier_low_yuan
    ),
    number!(
        "audit_fund_special_yuan",
        "专项资金列入特殊级别下限（元）",
        "Special fund for the special level from (yuan)",
        AUDIT_YUAN,
        Audit,
        audit_grading.fund_special_yuan
    ),
    number!(
        "audit_fund_up_yuan",
        "专项资金上调一级下限（元）",
        "Special fund raising one level from (yuan)",
        AUDIT_YUAN,
        Audit,
        audit_grading.fund_up_yuan
    ),
    number!(
        "audit_fund_audit_years",
        "小额专项资金审计期限（年）",
        "Small special fund audited within (years)",
        AUDIT_YEARS,
        Audit,
        audit_grading.fund_audit_years
    ),
    number!(
        "audit_level1_pct",
        "一级每年审计比例 %",
        "Level 1 share audited a year %",
        AUDIT_PCT,
        Audit,
        audit_grading.level1_pct
    ),
    number!(
        "audit_level1_years",
        "一级全覆盖周期（年）",
        "Level 1 full coverage within (years)",
        AUDIT_YEARS,
        Audit,
        audit_grading.level1_years
    ),
    number!(
        "audit_level2_pct",
        "二级每年审计比例 %",
        "Level 2 share audited a year %",
        AUDIT_PCT,
        Audit,
        audit_grading.level2_pct
    ),
    number!(
        "audit_level2_years",
        "二级全覆盖周期（年）",
        "Level 2 full coverage within (years)",
        AUDIT_YEARS,
        Audit,
        audit_grading.level2_years
    ),
    number!(
        "audit_level3_term_years",
        "三级任期满几年必审",
        "Level 3 audited at years in office",
        AUDIT_YEARS,
        Audit,
        audit_grading.level3_term_years
    ),
    number!(
        "audit_sample_min",
        "三级每年最少抽审（个）",
        "Level 3 fewest sampled a year",
        AUDIT_SAMPLES,
        Audit,
        audit_grading.sample_min
    ),
    number!(
        "audit_sample_max",
        "三级每年最多抽审（个）",
        "Level 3 most sampled a year",
        AUDIT_SAMPLES,
        Audit,
        audit_grading.sample_max
    ),
    number!(
        "audit_decision_weight",
        "决策权重的权数",
        "Weight of decision power",
        AUDIT_WEIGHT,
        Audit,
        audit_grading.decision_weight
    ),
    number!(
        "audit_allocation_weight",
        "资金分配权重的权数",
        "Weight of allocation power",
        AUDIT_WEIGHT,
        Audit,
        audit_grading.allocation_weight
    ),
    number!(
        "audit_attention_weight",
        "社会关注度的权数",
        "Weight of public attention",
        AUDIT_WEIGHT,
        Audit,
        audit_grading.attention_weight
    ),
    number!(
        "audit_raise_at",
        "补充因素得分达到此分上调一级",
        "Factor score raising one level (at least)",
        AUDIT_SCORE,
        Audit,
        audit_grading.raise_at
    ),
    number!(
        "audit_lower_at",
        "补充因素得分不高于此分下调一级",
        "Factor score lowering one level (at most)",
        AUDIT_SCORE,
        Audit,
        audit_grading.lower_at
    ),
];

/// Form field name of a base-pay band's population bound (`"min"`) or amount (`"yuan"`).
pub fn band_field(which: &str, index: usize) -> String {
    format!("band_{which}_{index}")
}

/// A number outside its bounds: the message names the field, the bounds and what was given.
pub fn out_of_range(
    field: &str,
    (zh, en): (&str, &str),
    range: &RangeInclusive<u32>,
    hundredths: bool,
    given: &str,
) -> V {
    let show = |v: u32| {
        if hundredths {
            super::policy_form::format_decimal(v)
        } else {
            v.to_string()
        }
    };
    let (lo, hi) = (show(*range.start()), show(*range.end()));
    let given: String = given.chars().take(20).collect();
    V::new(
        "policy.range",
        format!("{zh}须在 {lo} 至 {hi} 之间（填写的是 {given}）"),
        format!("{en} must be between {lo} and {hi} (given: {given})"),
    )
    .on(field)
}

/// Every problem of a policy, in form order (empty = valid). Total and cheap.
pub fn problems(p: &Policy) -> Vec<V> {
    let mut out = Vec::new();
    band_problems(&p.base_pay_bands, &mut out);
    for f in FIELDS {
        if let Some(v) = (f.get)(p).filter(|v| !f.range.contains(v)) {
            let hundredths = f.input == Input::Hundredths;
            out.push(out_of_range(
                f.name,
                (f.zh, f.en),
                &f.range,
                hundredths,
                &v.to_string(),
            ));
        }
    }
    relation_problems(p, &mut out);
    audit_problems(&p.audit_grading, &mut out);
    if p.annual_assessment.weight_total() != 100 {
        out.push(
            V::new(
                "policy.rater_weights",
                "上级、同级、下级、本人、外单位五个测评主体的权重之和必须为 100%",
                "The five rater groups' weights must add up to 100%",
            )
            .on("assessment_outside_weight"),
        );
    }
    opinion_problems(&p.cadre_selection.opinion_bodies, &mut out);
    termination_problems(&p.career_pay.termination_conditions, &mut out);
    standard_problems(p, &mut out);
    performance_problems(&p.performance_record, &mut out);
    if let Err(e) = super::calendar::validate_schedules(&p.extra_calendar) {
        out.push(e);
    }
    out
}

/// How far past a field's bound a value may lie in a record from elsewhere before it is
/// refused as absurd (see [`absurd`]).
pub const ABSURD_FACTOR: u32 = 100;
/// Most list entries (bands, bodies, schedule years or dates) a received policy may hold.
pub const ABSURD_LIST: usize = 1_000;

/// A value no version of the app ever allowed, in a policy that arrives by sync or
/// backup (the phone quarantines it). Softer than [`problems`]: a policy an earlier
/// version accepted (bands out of order, a deadline of 0 days, a value a little past
/// today's bound) still folds; only what could never be meant — 3,000,000,000 days of
/// publicity, an unknown choice, a list of a million entries — is refused.
pub fn absurd(p: &Policy) -> Option<V> {
    for f in FIELDS {
        let limit = match f.input {
            Input::Choice(options) => options.len() as u32 - 1,
            _ => f.range.end().saturating_mul(ABSURD_FACTOR),
        };
        if let Some(v) = (f.get)(p).filter(|v| *v > limit) {
            return Some(
                V::new(
                    "policy.absurd",
                    format!("“{}”为 {v}，远超合理范围", f.zh),
                    format!("{} is {v}, far outside any sensible range", f.en),
                )
                .on(f.name),
            );
        }
    }
    let lists = [
        p.base_pay_bands.len(),
        p.cadre_selection.opinion_bodies.len(),
        p.career_pay.termination_conditions.len(),
        p.demotion_chain.qualitative.len(),
        p.demotion_chain.quantitative.len(),
        p.extra_calendar.len(),
        p.cadre_selection
            .opinion_bodies
            .iter()
            .chain(&p.career_pay.termination_conditions)
            .chain(&p.demotion_chain.qualitative)
            .chain(&p.demotion_chain.quantitative)
            .map(|b| b.chars().count())
            .max()
            .unwrap_or(0),
        p.extra_calendar
            .iter()
            .map(|s| s.holidays.len().max(s.workdays.len()))
            .max()
            .unwrap_or(0),
    ];
    let yuan = p.base_pay_bands.iter().map(|b| b.yuan).max().unwrap_or(0);
    if lists.iter().any(|n| *n > ABSURD_LIST) || yuan > PAY_YUAN.end().saturating_mul(ABSURD_FACTOR)
    {
        return Some(V::new(
            "policy.absurd",
            "政策中的列表或金额远超合理范围",
            "A list or amount of the policy is far outside any sensible range",
        ));
    }
    None
}

fn band_problems(bands: &[PayBand], out: &mut Vec<V>) {
    let bad =
        |i: usize, zh: String, en: String| V::new("policy.bands", zh, en).on(band_field("min", i));
    if bands.is_empty() || bands.len() > MAX_PAY_BANDS {
        out.push(bad(
            0,
            format!("基础工资须有 1 至 {MAX_PAY_BANDS} 档"),
            format!("Base pay needs 1 to {MAX_PAY_BANDS} bands"),
        ));
        return;
    }
    if bands[0].min_population != 0 {
        out.push(bad(
            0,
            "基础工资第一档须从 0 人起".into(),
            "The first base-pay band must start at 0 people".into(),
        ));
    }
    let population = 0..=MAX_BAND_POPULATION;
    for (i, b) in bands.iter().enumerate() {
        let n = i + 1;
        if !population.contains(&b.min_population) {
            let label = (format!("第 {n} 档人口"), format!("Band {n} population"));
            out.push(out_of_range(
                &band_field("min", i),
                (&label.0, &label.1),
                &population,
                false,
                &b.min_population.to_string(),
            ));
        } else if i > 0 && b.min_population <= bands[i - 1].min_population {
            out.push(bad(
                i,
                format!("第 {n} 档的人口须多于上一档（各档人口逐档递增、不能重复）"),
                format!("Band {n} must start above the band before it (ascending, no repeats)"),
            ));
        }
        if !PAY_YUAN.contains(&b.yuan) {
            let label = (format!("第 {n} 档基础工资"), format!("Band {n} base pay"));
            out.push(out_of_range(
                &band_field("yuan", i),
                (&label.0, &label.1),
                &PAY_YUAN,
                false,
                &b.yuan.to_string(),
            ));
        }
    }
}

/// Rules between fields: weights add up to 100, thresholds and shares are ordered.
fn relation_problems(p: &Policy, out: &mut Vec<V>) {
    if u64::from(p.quarterly_weight_pct) + u64::from(p.annual_weight_pct) != 100 {
        out.push(
            V::new(
                "policy.weights",
                "季度平均与年度考评的权重之和必须为 100%",
                "Quarterly and annual weights must add up to 100%",
            )
            .on("annual_weight_pct"),
        );
    }
    if let Some((outstanding, notable)) = thresholds(p) {
        if notable > outstanding && THRESHOLD_HUNDREDTHS.contains(&outstanding) {
            out.push(
                V::new(
                    "policy.thresholds",
                    "比较突出分数线不能高于实绩突出分数线",
                    "The notable threshold cannot be above the outstanding one",
                )
                .on("notable_min"),
            );
        }
    }
    if let Some((outstanding, notable)) = shares(p) {
        if u64::from(outstanding) + u64::from(notable) > 100 {
            out.push(
                V::new(
                    "policy.shares",
                    "各等次比例之和不能超过 100%",
                    "Grade shares cannot add up to more than 100%",
                )
                .on("notable_pct"),
            );
        }
    }
}

/// W8's cut-offs in order: each lower one below its upper one (a form problem on the
/// lower field).
fn audit_problems(a: &super::policy::AuditPolicy, out: &mut Vec<V>) {
    let pairs = [
        (
            a.tier_low_yuan,
            a.tier_high_yuan,
            "audit_tier_low_yuan",
            "二档预算下限须低于一档预算下限",
            "The second tier must start below the first",
        ),
        (
            a.fund_up_yuan,
            a.fund_special_yuan,
            "audit_fund_up_yuan",
            "专项资金上调一级下限须低于特殊级别下限",
            "The one-level-up fund must be below the special-level fund",
        ),
        (
            a.lower_at,
            a.raise_at,
            "audit_lower_at",
            "下调一级的得分须低于上调一级的得分",
            "The score lowering a level must be below the one raising it",
        ),
        (
            a.sample_min,
            a.sample_max.saturating_add(1),
            "audit_sample_min",
            "三级最少抽审数不能多于最多抽审数",
            "The fewest samples cannot be more than the most",
        ),
    ];
    for (lower, upper, field, zh, en) in pairs {
        if lower >= upper {
            out.push(V::new("policy.audit_order", zh, en).on(field));
        }
    }
}

fn opinion_problems(bodies: &[String], out: &mut Vec<V>) {
    let list = NameList {
        count: OPINION_BODIES,
        field: "opinion_bodies",
        code: "policy.opinion_bodies",
        what: ("征求意见单位", "bodies whose opinion is sought"),
        one: ("单位", "body"),
        separators: &OPINION_BODY_SEPARATORS,
        max_chars: MAX_OPINION_BODY_CHARS,
    };
    list.problems(bodies, out);
}

fn termination_problems(conditions: &[String], out: &mut Vec<V>) {
    let list = NameList {
        count: OPINION_BODIES,
        field: "career_termination_conditions",
        code: "policy.termination_conditions",
        what: ("终止待遇情形", "termination conditions"),
        one: ("情形", "condition"),
        separators: &['\n'],
        max_chars: MAX_CONDITION_CHARS,
    };
    list.problems(conditions, out);
}

/// W7's catalogue: each list of standards, one per line, none twice across both.
fn standard_problems(p: &Policy, out: &mut Vec<V>) {
    let lists = [
        (
            "demotion_qualitative",
            ("定性标准", "qualitative standards"),
            &p.demotion_chain.qualitative,
            STANDARDS,
        ),
        (
            "demotion_quantitative",
            (
                "由人提出的定量标准",
                "quantitative standards raised by a person",
            ),
            &p.demotion_chain.quantitative,
            0..=*STANDARDS.end(),
        ),
    ];
    let computed = [
        p.demotion_chain.bottom_standard(true),
        p.demotion_chain.integrity_standard(true),
    ];
    let twice = p
        .demotion_chain
        .quantitative
        .iter()
        .find(|q| computed.contains(q) || p.demotion_chain.qualitative.contains(q));
    if let Some(q) = twice {
        let short: String = q.chars().take(MAX_STANDARD_CHARS).collect();
        out.push(
            V::new(
                "policy.standards",
                format!("标准“{short}”已在目录中（定性标准或内置的定量标准），不能重复"),
                format!("\"{short}\" is in the catalogue already (qualitative, or built in)"),
            )
            .on("demotion_quantitative"),
        );
    }
    for (field, what, names, count) in lists {
        let list = NameList {
            count,
            field,
            code: "policy.standards",
            what,
            one: ("标准", "standard"),
            separators: &['\n'],
            max_chars: MAX_STANDARD_CHARS,
        };
        list.problems(names, out);
    }
}

/// W6's five levels (each higher than the next) and its indicator sets (each a name
/// and 1 to 20 indicators, no indicator twice in a set).
fn performance_problems(
    p: &super::performance_record::policy::PerformancePolicy,
    out: &mut Vec<V>,
) {
    let values = [
        p.level_good,
        p.level_fairly_good,
        p.level_average,
        p.level_poor,
        p.level_bad,
    ];
    if values.windows(2).any(|w| w[0] <= w[1]) {
        out.push(
            V::new(
                "policy.levels",
                "五个等级的分值须从“好”到“差”依次降低",
                "The five levels' values must fall from 好 (good) to 差 (bad)",
            )
            .on("performance_level_fairly_good"),
        );
    }
    let list = NameList {
        count: INDICATOR_SETS,
        field: "performance_indicator_sets",
        code: "policy.indicator_sets",
        what: ("测评指标体系", "indicator sets"),
        one: ("指标体系", "indicator set"),
        separators: &['\n'],
        max_chars: MAX_INDICATOR_SET_CHARS,
    };
    list.problems(&p.indicator_sets, out);
    let sets = p.sets();
    let bad = |zh: String, en: String| {
        V::new("policy.indicator_sets", zh, en).on("performance_indicator_sets")
    };
    if sets.len() != p.indicator_sets.len() {
        out.push(bad(
            "每行写一个指标体系：“名称：指标、指标、…”".into(),
            "One indicator set a line: \"name: indicator, indicator, …\"".into(),
        ));
    }
    for set in sets {
        let mut seen: Vec<&String> = Vec::new();
        if set.indicators.len() > INDICATORS_PER_SET {
            out.push(bad(
                format!("“{}”最多{INDICATORS_PER_SET}项指标", set.name),
                format!(
                    "\"{}\" holds at most {INDICATORS_PER_SET} indicators",
                    set.name
                ),
            ));
        }
        for x in &set.indicators {
            if seen.contains(&x) {
                out.push(bad(
                    format!("“{}”中指标“{x}”重复", set.name),
                    format!("\"{x}\" is listed twice in \"{}\"", set.name),
                ));
            }
            seen.push(x);
        }
    }
}

/// A policy list of names typed one per line (opinion bodies, termination conditions):
/// 1 to 20 names, each non-blank, at most 50 characters (a termination condition 100),
/// without separators, no repeats.
struct NameList {
    /// How many names it may hold.
    count: RangeInclusive<usize>,
    field: &'static str,
    code: &'static str,
    what: (&'static str, &'static str),
    one: (&'static str, &'static str),
    /// What separates names where they are typed (so no name may hold one).
    separators: &'static [char],
    /// The longest name, in characters.
    max_chars: usize,
}

impl NameList {
    fn problems(&self, names: &[String], out: &mut Vec<V>) {
        let bad = |zh: String, en: String| V::new(self.code, zh, en).on(self.field);
        let (lo, hi) = (self.count.start(), self.count.end());
        let (what_zh, what_en) = self.what;
        if !self.count.contains(&names.len()) {
            out.push(bad(
                format!("{what_zh}须有 {lo} 至 {hi} 个"),
                format!("List {lo} to {hi} {what_en}"),
            ));
            return;
        }
        for (i, name) in names.iter().enumerate() {
            if let Some((zh, en)) = self.name_problem(name, &names[..i]) {
                out.push(bad(zh, en));
                return;
            }
        }
    }

    fn name_problem(&self, raw: &str, before: &[String]) -> Option<(String, String)> {
        let (what_zh, (one_zh, one_en)) = (self.what.0, self.one);
        let name = crate::domain::text::trimmed(raw);
        let max = self.max_chars;
        let short: String = name.chars().take(max).collect();
        if name.is_empty() {
            Some((
                format!("{what_zh}名称不能为空"),
                format!("A {one_en}'s name cannot be blank"),
            ))
        } else if raw.chars().count() > self.max_chars {
            Some((
                format!("{what_zh}名称不能超过 {} 个字：{short}…", self.max_chars),
                format!("A {one_en}'s name is at most {max} characters: {short}…"),
            ))
        } else if name.contains(self.separators) {
            let what = match self.separators {
                ['\n'] => ("换行", "a line break"),
                _ => ("逗号、分号或换行", "a comma, semicolon or line break"),
            };
            Some((
                format!("“{short}”含{}，请每行只写一个{one_zh}", what.0),
                format!("\"{short}\" contains {}: one {one_en} per line", what.1),
            ))
        } else if before.iter().any(|o| o.trim() == name) {
            Some((
                format!("{what_zh}“{short}”重复"),
                format!("\"{short}\" is listed twice"),
            ))
        } else {
            None
        }
    }
}
