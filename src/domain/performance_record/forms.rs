//! The forms of the everyday performance record as data, and their reading back into
//! commands: today's work (a category and a few words, saved in one tap), a day's record
//! corrected or withdrawn with the reason, and a week's report submitted.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::decide::{Command, Fix};
use super::event::{Level, NoteKind, WorkCategory};
use crate::domain::command::Command as AnyCommand;
use crate::domain::form::{
    choice, field, Cell, Choice, Field, FieldKind, Form, Grid, Inputs, Rows,
};
use crate::domain::screen::{not_this_form, FormBlock, Sent};
use crate::domain::{RuleViolation, State};

/// Option list: the cadre's daily records that may be corrected.
pub const DAYS: &str = "days";
/// Option list: the weeks that may be submitted.
pub const WEEKS: &str = "weeks";
/// Option list: the policy's indicator sets.
pub const SETS: &str = "sets";
/// Option list: who may be chosen as a rater (the unit's cadres, by name).
pub const RATERS: &str = "raters";
/// Option list: the months a set may start from, or that may be rated.
pub const MONTHS: &str = "months";
/// Option list: the cadres that may be rated.
pub const CADRES: &str = "cadres";
/// Option list: the unit's indicators (rows of the levels grid, keyed by position).
pub const INDICATORS: &str = "indicators";
/// Option list: the five levels.
pub const LEVELS: &str = "levels";

const CATEGORIES: &[Choice] = &[
    choice("development", "发展推动", "Development"),
    choice("management", "日常管理", "Management"),
    choice("service", "民生服务", "Public service"),
    choice("other", "其他", "Other"),
];

const DAY: Field = field("day", "日期", "Day", FieldKind::Date).required();
const CATEGORY: Field = field(
    "category",
    "类别",
    "Category",
    FieldKind::Choice(CATEGORIES),
)
.required();
const PROJECT: Field =
    field("project", "项目或任务", "Project or task", FieldKind::Text).help("可不填", "Optional");
const TEXT: Field = field("text", "今日工作", "Work done", FieldKind::Text).required();
const RECORD: Field = field(
    "record",
    "哪一条记录",
    "Which record",
    FieldKind::Pick {
        from: DAYS,
        blank: false,
    },
)
.required();

/// 日记录: the day's work.
pub const LOG_FORM: Form = Form {
    key: "performance_log",
    fields: &[TEXT, CATEGORY, PROJECT, DAY],
};

/// A day's record corrected.
pub const FIX_FORM: Form = Form {
    key: "performance_fix",
    fields: &[
        RECORD,
        field("text", "工作内容", "Work done", FieldKind::Text).required(),
        CATEGORY,
        PROJECT,
        DAY,
        field(
            "reason",
            "更正原因",
            "Reason for the correction",
            FieldKind::Text,
        )
        .required(),
    ],
};

/// A day's record withdrawn (recorded by mistake).
pub const WITHDRAW_FORM: Form = Form {
    key: "performance_withdraw",
    fields: &[
        RECORD,
        field("reason", "撤销原因", "Why it is withdrawn", FieldKind::Text).required(),
    ],
};

/// 周申报: a week's report.
pub const SUBMIT_FORM: Form = Form {
    key: "performance_submit",
    fields: &[
        field(
            "week",
            "申报周",
            "Week",
            FieldKind::Pick {
                from: WEEKS,
                blank: false,
            },
        )
        .required(),
        field(
            "summary",
            "本周小结",
            "The week's summary",
            FieldKind::LongText,
        )
        .help(
            "由本周每日记录汇总而成；可补充小结",
            "Compiled from the week's daily records; add a summary if you wish",
        ),
    ],
};

/// 月测评: the unit's indicator set and raters.
pub const SET_FORM: Form = Form {
    key: "performance_set",
    fields: &[
        field(
            "set",
            "测评指标体系",
            "Indicator set",
            FieldKind::Pick {
                from: SETS,
                blank: false,
            },
        )
        .required(),
        field("raters", "测评人", "Raters", FieldKind::PickMany(RATERS)).required(),
        field(
            "from",
            "起始月份",
            "From month",
            FieldKind::Pick {
                from: MONTHS,
                blank: false,
            },
        )
        .required(),
    ],
};

/// 实绩纪实名单: every changed unit's roster published from the cadre records.
pub const ROSTER_FORM: Form = Form {
    key: "performance_roster",
    fields: &[field(
        "from",
        "名单起始日期",
        "Rosters apply from",
        FieldKind::Date,
    )
    .required()
    .help(
        "各单位名单自该日起适用；单位的第一份名单也适用于此前的记录",
        "Each roster applies from this day; a unit's first roster also covers earlier records",
    )],
};

/// What the roster form reads into.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct RosterInput {
    /// The first day.
    pub from: NaiveDate,
}

/// 月测评: a rater's levels of a cadre's month.
pub const RATE_FORM: Form = Form {
    key: "performance_rate",
    fields: &[
        field(
            "cadre",
            "被测评干部",
            "Cadre rated",
            FieldKind::Pick {
                from: CADRES,
                blank: false,
            },
        )
        .required(),
        field(
            "month",
            "测评月份",
            "Month",
            FieldKind::Pick {
                from: MONTHS,
                blank: false,
            },
        )
        .required(),
        field(
            "levels",
            "各项指标等级",
            "Each indicator's level",
            FieldKind::Grid(Grid {
                rows: Rows::From(INDICATORS),
                cell: Cell::Pick(LEVELS),
                total: false,
            }),
        ),
    ],
};

const QUARTERS: &[Choice] = &[
    choice("1", "第一季度", "Q1"),
    choice("2", "第二季度", "Q2"),
    choice("3", "第三季度", "Q3"),
    choice("4", "第四季度", "Q4"),
];

const NOTE_KINDS: &[Choice] = &[
    choice("talk_group", "谈·座谈", "Talk: group"),
    choice("talk_online", "谈·网谈", "Talk: online"),
    choice("talk_appointed", "谈·约谈", "Talk: appointed"),
    choice("visit_unannounced", "访·暗访", "Visit: unannounced"),
    choice("visit_online", "访·网络舆情", "Visit: online opinion"),
    choice("visit_service_users", "访·服务对象", "Visit: service users"),
    choice("visit_family", "访·家庭成员", "Visit: family"),
    choice("visit_residents", "访·小区居民", "Visit: residents"),
    choice("analysis", "析·综合分析", "Analysis"),
];

const LEVEL_CHOICES: &[Choice] = &[
    choice("good", "好", "Good"),
    choice("fairly_good", "较好", "Fairly good"),
    choice("average", "一般", "Average"),
    choice("poor", "较差", "Poor"),
    choice("bad", "差", "Bad"),
];

/// Option list: a cadre's quarterly records of the year (`<quarter>/<record>`).
pub const NOTES: &str = "notes";

/// 季分析: a talk, a visit or the analysis of a quarter.
pub const NOTE_FORM: Form = Form {
    key: "performance_note",
    fields: &[
        field("quarter", "季度", "Quarter", FieldKind::Choice(QUARTERS)).required(),
        field(
            "note",
            "测谈访析",
            "Talk, visit or analysis",
            FieldKind::Choice(NOTE_KINDS),
        )
        .required(),
        field(
            "text",
            "内容",
            "What was said, seen or concluded",
            FieldKind::LongText,
        )
        .required(),
    ],
};

/// A quarterly record withdrawn (recorded by mistake).
pub const WITHDRAW_NOTE_FORM: Form = Form {
    key: "performance_withdraw_note",
    fields: &[
        field(
            "record",
            "哪一条记录",
            "Which record",
            FieldKind::Pick {
                from: NOTES,
                blank: false,
            },
        )
        .required(),
        field("reason", "撤销原因", "Why it is withdrawn", FieldKind::Text).required(),
    ],
};

/// A quarterly record corrected (what it is and says), with the reason; the first kept.
pub const CORRECT_NOTE_FORM: Form = Form {
    key: "performance_correct_note",
    fields: &[
        field(
            "record",
            "哪一条记录",
            "Which record",
            FieldKind::Pick {
                from: NOTES,
                blank: false,
            },
        )
        .required(),
        field(
            "note",
            "测谈访析",
            "Talk, visit or analysis",
            FieldKind::Choice(NOTE_KINDS),
        )
        .required(),
        field(
            "text",
            "更正后的内容",
            "What was said, seen or concluded, corrected",
            FieldKind::LongText,
        )
        .required(),
        field("reason", "更正原因", "Why it is corrected", FieldKind::Text).required(),
    ],
};

/// What the quarterly correction form reads into.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct CorrectNoteInput {
    /// The record (`<quarter>/<record>`).
    pub record: String,
    /// What it is.
    pub note: NoteKind,
    /// Its text.
    pub text: String,
    /// Why.
    pub reason: String,
}

/// 年总评: the review of a cadre's year.
pub const REVIEW_FORM: Form = Form {
    key: "performance_review",
    fields: &[
        field(
            "level",
            "总体评价",
            "Overall level",
            FieldKind::Choice(LEVEL_CHOICES),
        )
        .required(),
        field("text", "年总评", "The year's review", FieldKind::LongText).required(),
    ],
};

/// What the quarter form reads into.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct NoteInput {
    /// The quarter ("1" to "4").
    pub quarter: String,
    /// What it is.
    pub note: NoteKind,
    /// Its text.
    pub text: String,
}

/// What the review form reads into.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct ReviewInput {
    /// The level.
    pub level: Level,
    /// The text.
    pub text: String,
}

/// What the set form reads into.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct SetInput {
    /// The set's name.
    pub set: String,
    /// The raters.
    #[serde(default)]
    pub raters: Vec<String>,
    /// The first month.
    pub from: NaiveDate,
}

/// What the rating form reads into.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct RateInput {
    /// The cadre.
    pub cadre: String,
    /// The month.
    pub month: NaiveDate,
    /// Each indicator's level, by its position.
    #[serde(default)]
    pub levels: std::collections::BTreeMap<String, Level>,
}

/// What the day's form reads into.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct LogInput {
    /// The work done.
    pub text: String,
    /// What it was about.
    pub category: WorkCategory,
    /// The project.
    #[serde(default)]
    pub project: String,
    /// The day.
    pub day: NaiveDate,
}

/// What the correction form reads into.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct FixInput {
    /// The record.
    pub record: String,
    /// The work done.
    pub text: String,
    /// What it was about.
    pub category: WorkCategory,
    /// The project.
    #[serde(default)]
    pub project: String,
    /// The day.
    pub day: NaiveDate,
    /// Why.
    pub reason: String,
}

/// What the withdrawal form reads into.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct WithdrawInput {
    /// The record.
    pub record: String,
    /// Why.
    pub reason: String,
}

/// What the week's form reads into.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct SubmitInput {
    /// The week's Monday.
    pub week: NaiveDate,
    /// The summary.
    #[serde(default)]
    pub summary: String,
}

fn template(block: &FormBlock) -> Result<&Command, Vec<RuleViolation>> {
    match &block.template {
        AnyCommand::PerformanceRecord(c) => Ok(c),
        _ => Err(not_this_form(&block.form)),
    }
}

/// The live versions of `record` among those the page drew.
fn drawn(state: &State, cadre: &str, record: &str, seen: &[String]) -> Vec<String> {
    let records = super::rollup::days_of(state, cadre);
    let versions = records.as_deref().and_then(|r| r.by_id.get(record));
    let live = versions.map(|v| v.live_ids()).unwrap_or_default();
    live.into_iter().filter(|id| seen.contains(id)).collect()
}

/// The quarter and the fix (withdrawn false, no reason yet) of a quarter's note picked
/// as "quarter/record" on the withdraw or correct form: `seen` keeps only the versions
/// of that record the page drew that are still live.
fn quarter_fix(
    state: &State,
    (cadre, year): (&str, i32),
    picked: &str,
    seen: &[String],
) -> (u32, Fix) {
    let (quarter, record) = picked.split_once('/').unwrap_or_default();
    let quarter: u32 = quarter.parse().unwrap_or_default();
    let key = (cadre.to_string(), year, quarter);
    let versions = state
        .performance_record
        .quarters
        .get(&key)
        .and_then(|r| r.by_id.get(record));
    let live = versions.map(|v| v.live_ids()).unwrap_or_default();
    let fix = Fix {
        record: record.to_string(),
        withdrawn: false,
        reason: String::new(),
        seen: live.into_iter().filter(|id| seen.contains(id)).collect(),
    };
    (quarter, fix)
}

/// Read any form of 实绩纪实 into its command.
pub fn read(
    block: &FormBlock,
    inputs: &Inputs,
    sent: &Sent,
    state: &State,
) -> Result<AnyCommand, Vec<RuleViolation>> {
    let (form, options, today) = (&block.form, &block.options, sent.today);
    let cmd = match template(block)? {
        Command::Log { cadre, fix, .. } if form.key == FIX_FORM.key => {
            let x: FixInput = form.read(options, inputs, today)?;
            Command::Log {
                cadre: cadre.clone(),
                day: x.day,
                category: x.category,
                project: x.project,
                text: x.text,
                fix: Fix {
                    seen: drawn(state, cadre, &x.record, &fix.seen),
                    record: x.record,
                    withdrawn: false,
                    reason: x.reason,
                },
            }
        }
        Command::Log { cadre, fix, .. } if form.key == WITHDRAW_FORM.key => {
            let x: WithdrawInput = form.read(options, inputs, today)?;
            Command::Log {
                cadre: cadre.clone(),
                day: today,
                category: WorkCategory::Other,
                project: String::new(),
                text: String::new(),
                fix: Fix {
                    seen: drawn(state, cadre, &x.record, &fix.seen),
                    record: x.record,
                    withdrawn: true,
                    reason: x.reason,
                },
            }
        }
        Command::Log { cadre, .. } => {
            let x: LogInput = form.read(options, inputs, today)?;
            Command::Log {
                cadre: cadre.clone(),
                day: x.day,
                category: x.category,
                project: x.project,
                text: x.text,
                fix: Fix::default(),
            }
        }
        Command::SetIndicators { unit, seen, .. } => {
            let x: SetInput = form.read(options, inputs, today)?;
            let versions = state.performance_record.sets.get(&(unit.clone(), x.from));
            let live = versions.map(|v| v.live_ids()).unwrap_or_default();
            Command::SetIndicators {
                unit: unit.clone(),
                set: x.set,
                raters: x.raters,
                from: x.from,
                seen: live.into_iter().filter(|id| seen.contains(id)).collect(),
            }
        }
        Command::RateMonth { seen, .. } => {
            let x: RateInput = form.read(options, inputs, today)?;
            let rows = options.list(INDICATORS).len();
            // Each row in order; a row left blank leaves the list short (refused).
            let levels = (0..rows)
                .map_while(|i| x.levels.get(&i.to_string()).copied())
                .collect();
            Command::RateMonth {
                cadre: x.cadre,
                month: x.month,
                levels,
                seen: seen.clone(),
            }
        }
        Command::NoteQuarter {
            cadre, year, fix, ..
        } if form.key == WITHDRAW_NOTE_FORM.key => {
            let x: WithdrawInput = form.read(options, inputs, today)?;
            let (quarter, fix) = quarter_fix(state, (cadre, *year), &x.record, &fix.seen);
            Command::NoteQuarter {
                cadre: cadre.clone(),
                year: *year,
                quarter,
                note: NoteKind::Analysis,
                text: String::new(),
                fix: Fix {
                    withdrawn: true,
                    reason: x.reason,
                    ..fix
                },
            }
        }
        Command::NoteQuarter {
            cadre, year, fix, ..
        } if form.key == CORRECT_NOTE_FORM.key => {
            let x: CorrectNoteInput = form.read(options, inputs, today)?;
            let (quarter, fix) = quarter_fix(state, (cadre, *year), &x.record, &fix.seen);
            Command::NoteQuarter {
                cadre: cadre.clone(),
                year: *year,
                quarter,
                note: x.note,
                text: x.text,
                fix: Fix {
                    reason: x.reason,
                    ..fix
                },
            }
        }
        Command::NoteQuarter { cadre, year, .. } => {
            let x: NoteInput = form.read(options, inputs, today)?;
            Command::NoteQuarter {
                cadre: cadre.clone(),
                year: *year,
                quarter: x.quarter.parse().unwrap_or_default(),
                note: x.note,
                text: x.text,
                fix: Fix::default(),
            }
        }
        Command::ReviewYear {
            cadre, year, seen, ..
        } => {
            let x: ReviewInput = form.read(options, inputs, today)?;
            let versions = state
                .performance_record
                .reviews
                .get(&(cadre.clone(), *year));
            let live = versions.map(|v| v.live_ids()).unwrap_or_default();
            Command::ReviewYear {
                cadre: cadre.clone(),
                year: *year,
                level: x.level,
                text: x.text,
                seen: live.into_iter().filter(|id| seen.contains(id)).collect(),
            }
        }
        Command::PublishRosters { drawn, .. } => {
            let x: RosterInput = form.read(options, inputs, today)?;
            Command::PublishRosters {
                from: x.from,
                drawn: *drawn,
            }
        }
        Command::SubmitWeek { cadre, seen, .. } => {
            let x: SubmitInput = form.read(options, inputs, today)?;
            let versions = super::rollup::week_versions(state, cadre, x.week);
            let live = versions.map(|v| v.live_ids()).unwrap_or_default();
            Command::SubmitWeek {
                cadre: cadre.clone(),
                week: x.week,
                summary: x.summary,
                seen: live.into_iter().filter(|id| seen.contains(id)).collect(),
            }
        }
    };
    Ok(cmd.into())
}
