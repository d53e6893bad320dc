//! 能上能下's section of the county's policy (`Policy::demotion_chain`): the catalogue
//! of standards the county edits (the seed names 6 areas of 25 qualitative standards
//! and 17 quantitative ones, and only a few of them), the numbers of the two standards
//! computed from the annual assessment, and how often the follow-up falls due.

use serde::{Deserialize, Serialize};

/// 能上能下 (W7) numbers and standards. A field a stored policy lacks takes its default.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DemotionPolicy {
    /// "排名位居后列": fewer than this many in the unit ranked below (default 1: last).
    pub bottom_places: u32,
    /// Years in a row at the bottom that raise a case (seed: 2).
    pub bottom_years: u32,
    /// 党风廉政建设责任制 checks failed in a row that raise a case (seed: 2).
    pub integrity_fail_times: u32,
    /// Months between talks by the unit leader (seed: every month).
    pub talk_months: u32,
    /// Months between the organization department's visits (seed: every quarter).
    pub visit_months: u32,
    /// 定性标准, one per line ("领域：标准").
    pub qualitative: Vec<String>,
    /// 定量标准 raised by a person (the two computed from the annual assessment are
    /// built in).
    pub quantitative: Vec<String>,
}

/// The qualitative standards a new policy starts with: one per area of the seed.
pub const QUALITATIVE: [&str; 6] = [
    "遵规守纪：违反中央八项规定精神或政治纪律“十严禁”",
    "政治立场：在重大原则问题上立场不坚定、态度不鲜明",
    "理想信念：理想信念动摇，精神懈怠",
    "工作能力：能力不足，不能胜任现职，难以打开工作局面",
    "工作作风：违反作风“十不准”，为官不为、慵懒散拖",
    "修身做人：道德品行不端，群众口碑差",
];

/// The quantitative standards raised by a person that a new policy starts with (seed).
pub const QUANTITATIVE: [&str; 2] = [
    "重点工作专项考核连续两次位居后列",
    "在人大、纪委组织的部门述职评议或工作评议中被评为不满意单位",
];

impl Default for DemotionPolicy {
    fn default() -> Self {
        DemotionPolicy {
            bottom_places: 1,
            bottom_years: 2,
            integrity_fail_times: 2,
            talk_months: 1,
            visit_months: 3,
            qualitative: QUALITATIVE.map(String::from).to_vec(),
            quantitative: QUANTITATIVE.map(String::from).to_vec(),
        }
    }
}

impl DemotionPolicy {
    /// Whether every value is at its default.
    pub fn is_default(&self) -> bool {
        *self == DemotionPolicy::default()
    }

    /// The computed standard of the annual ranking, as the catalogue says it.
    pub fn bottom_standard(&self, zh: bool) -> String {
        match zh {
            true => format!("年度综合考核连续{}年排名位居后列", self.bottom_years),
            false => format!(
                "Bottom of the annual ranking {} years in a row",
                self.bottom_years
            ),
        }
    }

    /// The computed standard of the 党风廉政 check, as the catalogue says it.
    pub fn integrity_standard(&self, zh: bool) -> String {
        match zh {
            true => format!(
                "连续{}次党风廉政建设责任制考核未达标",
                self.integrity_fail_times
            ),
            false => format!(
                "Failed the Party-conduct responsibility check {} times in a row",
                self.integrity_fail_times
            ),
        }
    }
}
