//! The pages of 年度考核, each under `/assessment`: a year (its units, the consequences
//! due) and one unit's year (ratings, ranking, grades, the team's grade).

use crate::route::{encoded_part, text_part, year_part};

/// A page of 年度考核.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Page {
    /// This year's assessment (the bottom navigation's entry).
    Current,
    /// A year: its units and the consequences its grades call for.
    Year(i32),
    /// One unit's year: its cadres' scores, ranking and grades, its team's grade.
    Unit(i32, String),
}

impl Page {
    /// The page at a path's parts, if it is one of these.
    pub fn parse(parts: &[&str]) -> Option<Page> {
        Some(match parts {
            ["assessment"] => Page::Current,
            ["assessment", y] => Page::Year(year_part(y)?),
            ["assessment", y, "u", unit] => Page::Unit(year_part(y)?, text_part(unit)?),
            _ => return None,
        })
    }

    /// The page's path.
    pub fn path(&self) -> String {
        match self {
            Page::Current => "/assessment".into(),
            Page::Year(y) => format!("/assessment/{y}"),
            Page::Unit(y, unit) => format!("/assessment/{y}/u/{}", encoded_part(unit)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_page_reads_back_from_its_path() {
        let pages = [
            Page::Current,
            Page::Year(2026),
            Page::Unit(2025, "县发展和改革局".into()),
            Page::Unit(2025, "a b%c\"<x>".into()),
            Page::Unit(2025, "县委办/县政府办".into()),
        ];
        for page in pages {
            let path = page.path();
            let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
            assert_eq!(Page::parse(&parts), Some(page));
        }
        assert_eq!(Page::parse(&["assessment", "2026", "u", "%2E%2E"]), None);
        assert_eq!(Page::parse(&["assessment", "2026", "u", "%20x"]), None);
        assert_eq!(Page::parse(&["assessment", "2026", "u", "%E5"]), None);
    }
}
