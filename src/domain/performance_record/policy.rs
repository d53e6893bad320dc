//! 实绩纪实's section of the county's policy (`Policy::performance_record`): how long a
//! day's record may be, how many days back it may still be recorded, how many days after
//! its Sunday a week's report (周申报) is due; the quantified value of each of the five
//! levels an indicator is scored on (月测评), and the indicator sets a unit chooses from.
//! Seed 004 (淮安清河) names the five steps (日记录、周申报、月测评、季分析、年总评), the
//! "5+4" and "五力五度" indicator sets and "每个指标五个等级量化分值", but neither the
//! values nor the indicators: these defaults are ours, for the county to set.

use serde::{Deserialize, Serialize};

use super::event::Level;

/// 实绩纪实 numbers. A field a stored policy lacks takes its default.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PerformancePolicy {
    /// Longest day's record, in characters (our default: 200, a few sentences).
    pub text_max_chars: u32,
    /// How many days back a day's work may still be recorded (our default: 14, so a
    /// week's days can be completed until its report is due).
    pub days_back: u32,
    /// Days after a week's Sunday its report is due (our default: 1, the Monday after).
    pub report_grace_days: u32,
    /// Longest quarterly analysis record or year review, in characters (our default:
    /// 2,000).
    pub analysis_max_chars: u32,
    /// The value of 好 (our default: 100).
    pub level_good: u32,
    /// The value of 较好 (our default: 85).
    pub level_fairly_good: u32,
    /// The value of 一般 (our default: 70).
    pub level_average: u32,
    /// The value of 较差 (our default: 55).
    pub level_poor: u32,
    /// The value of 差 (our default: 40).
    pub level_bad: u32,
    /// The indicator sets a unit chooses from, one a line: "名称：指标、指标、…" (seed
    /// 004 names "5+4" and "五力五度"; their indicators here are our wording).
    pub indicator_sets: Vec<String>,
}

/// The indicator sets a new policy starts with (seed 004's two names; our indicators).
pub const INDICATOR_SETS: [&str; 2] = [
    "5+4：政治素质、履职能力、工作作风、工作实绩、廉洁自律、目标任务、重点项目、服务对象满意度、创新创优",
    "五力五度：学习力、执行力、创新力、协调力、廉洁力、政治高度、工作力度、服务温度、群众满意度、廉洁纯度",
];

impl Default for PerformancePolicy {
    fn default() -> Self {
        PerformancePolicy {
            text_max_chars: 200,
            days_back: 14,
            report_grace_days: 1,
            analysis_max_chars: 2_000,
            level_good: 100,
            level_fairly_good: 85,
            level_average: 70,
            level_poor: 55,
            level_bad: 40,
            indicator_sets: INDICATOR_SETS.map(String::from).to_vec(),
        }
    }
}

/// An indicator set as a unit chooses it: its name and indicators.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndicatorSet {
    /// Its name ("5+4").
    pub name: String,
    /// Its indicators, in order.
    pub indicators: Vec<String>,
}

/// Separators between a set's name and its indicators.
pub const NAME_SEPARATORS: [char; 2] = ['：', ':'];
/// Separators between indicators.
pub const INDICATOR_SEPARATORS: [char; 4] = ['、', ',', '，', ';'];

impl PerformancePolicy {
    /// Whether every number is at its default.
    pub fn is_default(&self) -> bool {
        *self == PerformancePolicy::default()
    }

    /// The value of `level`.
    pub fn value(&self, level: Level) -> u32 {
        match level {
            Level::Good => self.level_good,
            Level::FairlyGood => self.level_fairly_good,
            Level::Average => self.level_average,
            Level::Poor => self.level_poor,
            Level::Bad => self.level_bad,
        }
    }

    /// The indicator sets, read from their lines (a line without a name or indicators is
    /// left out).
    pub fn sets(&self) -> Vec<IndicatorSet> {
        self.indicator_sets
            .iter()
            .filter_map(|line| {
                let (name, rest) = line.split_once(NAME_SEPARATORS)?;
                let indicators: Vec<String> = rest
                    .split(INDICATOR_SEPARATORS)
                    .map(crate::domain::text::trimmed)
                    .filter(|x| !x.is_empty())
                    .map(String::from)
                    .collect();
                let name = crate::domain::text::trimmed(name);
                (!name.is_empty() && !indicators.is_empty()).then(|| IndicatorSet {
                    name: name.to_string(),
                    indicators,
                })
            })
            .collect()
    }
}
