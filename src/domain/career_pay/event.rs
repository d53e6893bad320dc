//! The records of a year's 选聘 round (W2): the county opens it with each township's
//! slots; each township records applications, its 初审, the eligible list's publicity
//! and objections, and its two recommendations; the county records its 复审, the
//! inspection, the formal candidates, the decision, the result's publicity and the
//! certificates.
//!
//! A township's records live in its database (read by its members and the county); the
//! county's decisions, which name the people chosen, with the master data.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::access::{rule, About, FieldRule, KindRule, ScopeKind};
use crate::domain::event::Role;

/// Who reviews: the township (初审) or the county (复审).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewLevel {
    /// 乡镇党委初审.
    Township,
    /// 旗县委组织部复审.
    County,
}

impl ReviewLevel {
    /// Its serialized name (the server's field rule reads it).
    pub fn key(self) -> &'static str {
        match self {
            ReviewLevel::Township => "township",
            ReviewLevel::County => "county",
        }
    }
}

/// Which recommendation: the extended meeting's (1:3) or the party committee's (1:2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecommendationStage {
    /// 乡镇扩大会议推荐初步人选.
    Initial,
    /// 乡镇党委会推荐预备人选.
    Reserve,
}

/// One township's slots in a round.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slots {
    /// The township.
    pub township: String,
    /// How many of its heads may be selected.
    pub slots: u32,
}

/// 民主测评 votes of one candidate.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Votes {
    /// 优秀.
    pub excellent: u32,
    /// 称职.
    pub competent: u32,
    /// 基本称职.
    pub basic: u32,
    /// 不称职.
    pub incompetent: u32,
}

impl Votes {
    /// Every vote cast.
    pub fn total(&self) -> u64 {
        [self.excellent, self.competent, self.basic, self.incompetent]
            .into_iter()
            .map(u64::from)
            .sum()
    }
}

/// One person the county chose, named as the master data and tenures give them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chosen {
    /// The application.
    pub application: String,
    /// The person (`village_heads`).
    pub person: String,
    /// Their name.
    pub name: String,
    /// Their village.
    pub village: String,
    /// Its township.
    pub township: String,
}

/// The records of 选聘 rounds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CareerPayEvent {
    /// The county opened `year`'s round: slots per township.
    CareerRoundOpened {
        /// The year.
        year: i32,
        /// Slots per township.
        slots: Vec<Slots>,
        /// The day.
        opened_on: NaiveDate,
        /// The openings of this year it replaces (settling two recorded at once).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        supersedes: Vec<String>,
    },
    /// A sitting head applied in writing (书面参聘申请).
    CareerApplied {
        /// The year.
        year: i32,
        /// The application's id.
        application: String,
        /// The township.
        township: String,
        /// The person (`village_heads`).
        person: String,
        /// Their name.
        name: String,
        /// Their village.
        village: String,
        /// The day of the application.
        applied_on: NaiveDate,
    },
    /// A review of an application (初审 or 复审), or its correction.
    CareerReviewed {
        /// The application.
        application: String,
        /// Its township.
        township: String,
        /// Township (初审) or county (复审).
        level: ReviewLevel,
        /// Whether it passed.
        passed: bool,
        /// Why (required when it did not).
        #[serde(default, skip_serializing_if = "String::is_empty")]
        reason: String,
        /// The day.
        on: NaiveDate,
        /// The reviews of this application and level it replaces.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        supersedes: Vec<String>,
    },
    /// The eligible list's publicity began (两审核一公示), for the policy's days.
    CareerListPublicized {
        /// The year.
        year: i32,
        /// The township.
        township: String,
        /// First day.
        start: NaiveDate,
        /// Last day.
        end: NaiveDate,
        /// The applications on the list publicized.
        applications: Vec<String>,
        /// The publicities of this list it replaces (settling two recorded at once).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        supersedes: Vec<String>,
    },
    /// An objection to an application, raised during the publicity.
    CareerObjected {
        /// The objection's id.
        objection: String,
        /// The application.
        application: String,
        /// Its township.
        township: String,
        /// What it says.
        content: String,
        /// The day.
        raised_on: NaiveDate,
    },
    /// An objection resolved: upheld (the application is out) or dismissed.
    CareerObjectionResolved {
        /// The objection.
        objection: String,
        /// Its township.
        township: String,
        /// Whether it was upheld.
        upheld: bool,
        /// What was found.
        note: String,
        /// The day.
        on: NaiveDate,
    },
    /// A township's recommendation (1:3, then 1:2), or its correction.
    CareerRecommended {
        /// The year.
        year: i32,
        /// The township.
        township: String,
        /// Which one.
        stage: RecommendationStage,
        /// The applications recommended.
        applications: Vec<String>,
        /// The meeting's day.
        on: NaiveDate,
        /// The recommendations of this township, year and stage it replaces.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        supersedes: Vec<String>,
    },
    /// The county's inspection of a reserve candidate (民主测评, 个别谈话).
    CareerInspected {
        /// The application.
        application: String,
        /// Its township.
        township: String,
        /// 民主测评 votes.
        ballots: Votes,
        /// People talked to (个别谈话).
        talks: u32,
        /// The inspection's conclusion.
        conclusion: String,
        /// The day.
        on: NaiveDate,
        /// The inspections of this candidate it replaces (settling two recorded at once).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        supersedes: Vec<String>,
    },
    /// The county fixed the formal candidates (差额), or fixed them anew.
    CareerCandidatesFixed {
        /// The year.
        year: i32,
        /// Who.
        candidates: Vec<Chosen>,
        /// The day.
        on: NaiveDate,
        /// The fixings of this year it replaces.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        supersedes: Vec<String>,
    },
    /// The county's selection leading group decided, or decided anew.
    CareerDecided {
        /// The year.
        year: i32,
        /// Who is selected.
        selected: Vec<Chosen>,
        /// The day.
        on: NaiveDate,
        /// The decisions of this year it replaces.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        supersedes: Vec<String>,
    },
    /// The decision's publicity began, for the policy's days.
    CareerResultPublicized {
        /// The year.
        year: i32,
        /// First day.
        start: NaiveDate,
        /// Last day.
        end: NaiveDate,
        /// The applications of the people the decision publicized selects.
        selected: Vec<String>,
        /// The publicities of this result it replaces (settling two recorded at once).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        supersedes: Vec<String>,
    },
    /// A 选聘证书 issued: pay from `pay_from`.
    CareerCertified {
        /// The application.
        application: String,
        /// Who.
        chosen: Chosen,
        /// The certificate's number.
        number: String,
        /// The day it is issued.
        issued_on: NaiveDate,
        /// 事业单位基础工资 is paid from this day.
        pay_from: NaiveDate,
        /// The certificates of this application it replaces (settling two recorded at once).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        supersedes: Vec<String>,
    },
    /// The yearly review (一年一评、一年一聘) renewed a holder's appointment for `year`.
    CareerRenewed {
        /// The application whose certificate is renewed.
        application: String,
        /// The year it now covers.
        year: i32,
        /// The day of the review.
        on: NaiveDate,
    },
    /// A holder's 事业 pay ended on a stated termination condition, or its correction.
    CareerTerminated {
        /// The application whose certificate ends.
        application: String,
        /// The condition (one of the policy's 终止待遇情形).
        condition: String,
        /// What happened.
        note: String,
        /// The first day not paid.
        pay_ends: NaiveDate,
        /// The day it is recorded as decided.
        on: NaiveDate,
        /// The terminations of this application it replaces.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        supersedes: Vec<String>,
    },
}

const TOWNSHIP_STAFF: &[Role] = &[Role::Organizer, Role::Admin];
const COUNTY: &[Role] = &[Role::Admin];
/// Who records an objection: the township's staff, or a village head (as in W1).
const OBJECTORS: &[Role] = &[Role::Organizer, Role::Admin, Role::VillageHead];

impl CareerPayEvent {
    /// Where each kind lives and who writes it: a township's own steps in its database
    /// (its organizer, or the county), the county's steps with the master data, the
    /// inspection (votes and talks) with the cadre records, which only the organization
    /// department reads.
    pub const ACCESS: &'static [KindRule] = &[
        rule("career_round_opened", ScopeKind::Common, COUNTY),
        rule("career_applied", ScopeKind::Township, TOWNSHIP_STAFF),
        rule("career_reviewed", ScopeKind::Township, TOWNSHIP_STAFF),
        rule(
            "career_list_publicized",
            ScopeKind::Township,
            TOWNSHIP_STAFF,
        ),
        rule("career_objected", ScopeKind::Township, OBJECTORS),
        rule(
            "career_objection_resolved",
            ScopeKind::Township,
            TOWNSHIP_STAFF,
        ),
        rule("career_recommended", ScopeKind::Township, TOWNSHIP_STAFF),
        rule("career_inspected", ScopeKind::Cadre, COUNTY),
        rule("career_candidates_fixed", ScopeKind::Common, COUNTY),
        rule("career_decided", ScopeKind::Common, COUNTY),
        rule("career_result_publicized", ScopeKind::Common, COUNTY),
        rule("career_certified", ScopeKind::Common, COUNTY),
        rule("career_renewed", ScopeKind::Common, COUNTY),
        rule("career_terminated", ScopeKind::Common, COUNTY),
    ];
    /// 初审 is the township's, 复审 the county's.
    pub const FIELD_RULES: &'static [FieldRule] = &[FieldRule {
        kind: "career_reviewed",
        field: "level",
        values: &[("township", &[Role::Organizer]), ("county", &[Role::Admin])],
    }];
    /// Payload fields that must name the record's author: none.
    pub const AUTHOR_FIELDS: &'static [(&'static str, &'static str)] = &[];
    /// Folded on its own (its fold reads no other part): after the app is drawn.
    pub const FOLDS_LATER: bool = true;
    /// Payload keys whose list value holds ids: the applications recommended.
    pub const ID_LIST_KEYS: &'static [&'static str] = &["applications", "selected"];
    /// Payload keys whose text value is an id (the server's id walk, `sync::validate`).
    pub const ID_KEYS: &'static [&'static str] =
        &["application", "objection", "person", "township", "village"];
    /// Its kinds.
    pub const KINDS: &'static [&'static str] = &[
        "career_round_opened",
        "career_applied",
        "career_reviewed",
        "career_list_publicized",
        "career_objected",
        "career_objection_resolved",
        "career_recommended",
        "career_inspected",
        "career_candidates_fixed",
        "career_decided",
        "career_result_publicized",
        "career_certified",
        "career_renewed",
        "career_terminated",
    ];

    /// A township's record is about its township.
    pub fn about(&self) -> Option<About> {
        self.township().map(|t| About::Township(t.to_string()))
    }

    fn township(&self) -> Option<&str> {
        match self {
            CareerPayEvent::CareerApplied { township, .. }
            | CareerPayEvent::CareerReviewed { township, .. }
            | CareerPayEvent::CareerListPublicized { township, .. }
            | CareerPayEvent::CareerObjected { township, .. }
            | CareerPayEvent::CareerObjectionResolved { township, .. }
            | CareerPayEvent::CareerRecommended { township, .. } => Some(township),
            _ => None,
        }
    }

    /// The review's level, which `FIELD_RULES` names.
    pub fn field_text(&self, field: &str) -> Option<&str> {
        match (self, field) {
            (CareerPayEvent::CareerReviewed { level, .. }, "level") => Some(level.key()),
            _ => None,
        }
    }

    /// Stable kind name, as serialized.
    pub fn kind(&self) -> &'static str {
        match self {
            CareerPayEvent::CareerRoundOpened { .. } => "career_round_opened",
            CareerPayEvent::CareerApplied { .. } => "career_applied",
            CareerPayEvent::CareerReviewed { .. } => "career_reviewed",
            CareerPayEvent::CareerListPublicized { .. } => "career_list_publicized",
            CareerPayEvent::CareerObjected { .. } => "career_objected",
            CareerPayEvent::CareerObjectionResolved { .. } => "career_objection_resolved",
            CareerPayEvent::CareerRecommended { .. } => "career_recommended",
            CareerPayEvent::CareerInspected { .. } => "career_inspected",
            CareerPayEvent::CareerCandidatesFixed { .. } => "career_candidates_fixed",
            CareerPayEvent::CareerDecided { .. } => "career_decided",
            CareerPayEvent::CareerResultPublicized { .. } => "career_result_publicized",
            CareerPayEvent::CareerCertified { .. } => "career_certified",
            CareerPayEvent::CareerRenewed { .. } => "career_renewed",
            CareerPayEvent::CareerTerminated { .. } => "career_terminated",
        }
    }

    /// Every id the body names.
    pub fn ids(&self) -> Vec<&str> {
        fn chosen(c: &Chosen) -> [&str; 4] {
            [c.application.as_str(), &c.person, &c.village, &c.township]
        }
        let mut out: Vec<&str> = Vec::new();
        match self {
            CareerPayEvent::CareerRoundOpened {
                slots, supersedes, ..
            } => {
                out.extend(slots.iter().map(|s| s.township.as_str()));
                out.extend(supersedes.iter().map(String::as_str));
            }
            CareerPayEvent::CareerApplied {
                application,
                township,
                person,
                village,
                ..
            } => out.extend([application.as_str(), township, person, village]),
            CareerPayEvent::CareerReviewed {
                application,
                township,
                supersedes,
                ..
            } => {
                out.extend([application.as_str(), township]);
                out.extend(supersedes.iter().map(String::as_str));
            }
            CareerPayEvent::CareerListPublicized {
                township,
                applications,
                supersedes,
                ..
            }
            | CareerPayEvent::CareerRecommended {
                township,
                applications,
                supersedes,
                ..
            } => {
                out.push(township);
                out.extend(applications.iter().chain(supersedes).map(String::as_str));
            }
            CareerPayEvent::CareerObjected {
                objection,
                application,
                township,
                ..
            } => out.extend([objection.as_str(), application, township]),
            CareerPayEvent::CareerObjectionResolved {
                objection,
                township,
                ..
            } => out.extend([objection.as_str(), township]),
            CareerPayEvent::CareerInspected {
                application,
                township,
                supersedes,
                ..
            } => {
                out.extend([application.as_str(), township]);
                out.extend(supersedes.iter().map(String::as_str));
            }
            CareerPayEvent::CareerCandidatesFixed {
                candidates: list,
                supersedes,
                ..
            }
            | CareerPayEvent::CareerDecided {
                selected: list,
                supersedes,
                ..
            } => {
                list.iter().for_each(|c| out.extend(chosen(c)));
                out.extend(supersedes.iter().map(String::as_str));
            }
            CareerPayEvent::CareerResultPublicized {
                selected,
                supersedes,
                ..
            } => out.extend(selected.iter().chain(supersedes).map(String::as_str)),
            CareerPayEvent::CareerCertified {
                application,
                chosen: c,
                supersedes,
                ..
            } => {
                out.push(application);
                out.extend(chosen(c));
                out.extend(supersedes.iter().map(String::as_str));
            }
            CareerPayEvent::CareerRenewed { application, .. } => out.push(application),
            CareerPayEvent::CareerTerminated {
                application,
                supersedes,
                ..
            } => {
                out.push(application);
                out.extend(supersedes.iter().map(String::as_str));
            }
        }
        out
    }

    /// The subject: the year's round (`career/<year>`), or an application
    /// (`career/app/<id>`).
    pub fn write_subject(&self, out: &mut dyn std::fmt::Write) -> std::fmt::Result {
        match self {
            CareerPayEvent::CareerRoundOpened { year, .. }
            | CareerPayEvent::CareerListPublicized { year, .. }
            | CareerPayEvent::CareerRecommended { year, .. }
            | CareerPayEvent::CareerCandidatesFixed { year, .. }
            | CareerPayEvent::CareerDecided { year, .. }
            | CareerPayEvent::CareerResultPublicized { year, .. }
            | CareerPayEvent::CareerApplied { year, .. } => write!(out, "career/{year}"),
            CareerPayEvent::CareerReviewed { application, .. }
            | CareerPayEvent::CareerObjected { application, .. }
            | CareerPayEvent::CareerInspected { application, .. }
            | CareerPayEvent::CareerCertified { application, .. }
            | CareerPayEvent::CareerRenewed { application, .. }
            | CareerPayEvent::CareerTerminated { application, .. } => {
                write!(out, "career/app/{application}")
            }
            CareerPayEvent::CareerObjectionResolved { objection, .. } => {
                write!(out, "career/objection/{objection}")
            }
        }
    }
}
