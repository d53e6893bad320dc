//! The pages of cadre selection (W4/W4b), each under `/w4`: the case list, the cadre
//! pool, one case, and its printouts.

use crate::route::id_part;

/// A page of cadre selection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Page {
    /// Every case.
    Cases,
    /// The cadre pool and posts.
    Cadres,
    /// One case.
    Case(String),
    /// A case's printed 纪实表.
    CasePrint(String),
    /// A case's printed 任前公示 notice.
    CaseNotice(String),
    /// A case's 纪实表 as one of its submissions covered it: (case, submission's id).
    CaseAsSubmitted(String, String),
    /// A case's accountability trace (责任追溯): every event, who, when, its hash.
    CaseTrace(String),
    /// A cadre's accountability trace: every case naming them (nominated, inspected,
    /// appointed or not).
    CadreTrace(String),
}

impl Page {
    /// The page at a path's parts, if it is one of these.
    pub fn parse(parts: &[&str]) -> Option<Page> {
        Some(match parts {
            ["w4"] => Page::Cases,
            ["w4", "cadres"] => Page::Cadres,
            ["w4", "case", c] => Page::Case(id_part(c)?),
            ["w4", "case", c, "print"] => Page::CasePrint(id_part(c)?),
            ["w4", "case", c, "notice"] => Page::CaseNotice(id_part(c)?),
            ["w4", "case", c, "print", x] => Page::CaseAsSubmitted(id_part(c)?, id_part(x)?),
            ["w4", "case", c, "trace"] => Page::CaseTrace(id_part(c)?),
            ["w4", "cadre", c, "trace"] => Page::CadreTrace(id_part(c)?),
            _ => return None,
        })
    }

    /// The page's path.
    pub fn path(&self) -> String {
        match self {
            Page::Cases => "/w4".into(),
            Page::Cadres => "/w4/cadres".into(),
            Page::Case(c) => format!("/w4/case/{c}"),
            Page::CasePrint(c) => format!("/w4/case/{c}/print"),
            Page::CaseNotice(c) => format!("/w4/case/{c}/notice"),
            Page::CaseAsSubmitted(c, x) => format!("/w4/case/{c}/print/{x}"),
            Page::CaseTrace(c) => format!("/w4/case/{c}/trace"),
            Page::CadreTrace(c) => format!("/w4/cadre/{c}/trace"),
        }
    }

    /// The case a case page is about.
    pub fn case(&self) -> Option<&str> {
        match self {
            Page::Case(c) | Page::CasePrint(c) | Page::CaseNotice(c) | Page::CaseTrace(c) => {
                Some(c)
            }
            Page::CaseAsSubmitted(c, _) => Some(c),
            Page::Cases | Page::Cadres | Page::CadreTrace(_) => None,
        }
    }
}
