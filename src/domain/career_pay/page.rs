//! The pages of 选聘 rounds, each under `/career`: a year's round as the county runs it,
//! a township's part of it, and a certificate to print.

use crate::route::{id_part, year_part};

/// A page of 选聘.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Page {
    /// A year's round: slots, townships, candidates, decision, certificates.
    Round(i32),
    /// A township's part of a year's round.
    Township(i32, String),
    /// An application's 选聘证书, to print.
    Certificate(String),
    /// A year's holders of 事业 pay: renewals (一年一评、一年一聘) and ends.
    Holders(i32),
    /// A township's eligible list of a year as its 公示 notice, to print.
    Notice(i32, String),
    /// A year's 选聘 result (the leading group's decision) as its 公示 notice, to print.
    ResultNotice(i32),
}

impl Page {
    /// The page at a path's parts, if it is one of these.
    pub fn parse(parts: &[&str]) -> Option<Page> {
        Some(match parts {
            ["career", y] => Page::Round(year_part(y)?),
            ["career", y, "holders"] => Page::Holders(year_part(y)?),
            ["career", y, "notice"] => Page::ResultNotice(year_part(y)?),
            ["career", y, "t", t] => Page::Township(year_part(y)?, id_part(t)?),
            ["career", y, "t", t, "notice"] => Page::Notice(year_part(y)?, id_part(t)?),
            ["career", "certificate", a] => Page::Certificate(id_part(a)?),
            _ => return None,
        })
    }

    /// The page's path.
    pub fn path(&self) -> String {
        match self {
            Page::Round(y) => format!("/career/{y}"),
            Page::Township(y, t) => format!("/career/{y}/t/{t}"),
            Page::Certificate(a) => format!("/career/certificate/{a}"),
            Page::Holders(y) => format!("/career/{y}/holders"),
            Page::Notice(y, t) => format!("/career/{y}/t/{t}/notice"),
            Page::ResultNotice(y) => format!("/career/{y}/notice"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_page_reads_back_from_its_path() {
        let pages = [
            Page::Round(2026),
            Page::Township(2026, "t-1".into()),
            Page::Certificate("ca-1".into()),
            Page::Holders(2027),
            Page::Notice(2026, "t-1".into()),
            Page::ResultNotice(2026),
        ];
        for page in pages {
            let path = page.path();
            let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
            assert_eq!(Page::parse(&parts), Some(page));
        }
        assert_eq!(Page::parse(&["career", "certificate"]), None);
        assert_eq!(Page::parse(&["career", "2026", "t", "<x>"]), None);
    }
}
