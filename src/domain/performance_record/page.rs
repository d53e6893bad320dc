//! The pages of 实绩纪实, under `/performance`: the start page (a cadre's day and week, a
//! unit leader's unit, the organization department's units), one cadre's year, and one
//! unit's week.

use crate::route::{encoded_part, id_part, text_part, year_part};

/// A page of 实绩纪实.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Page {
    /// The start page (the bottom navigation's entry), by role.
    Start,
    /// One cadre's year: weeks, months, quarters.
    Cadre(String, i32),
    /// One unit's weekly submissions.
    Unit(String),
}

impl Page {
    /// The page at a path's parts, if it is one of these.
    pub fn parse(parts: &[&str]) -> Option<Page> {
        Some(match parts {
            ["performance"] => Page::Start,
            ["performance", "cadre", c, y] => Page::Cadre(id_part(c)?, year_part(y)?),
            ["performance", "unit", unit] => Page::Unit(text_part(unit)?),
            _ => return None,
        })
    }

    /// The page's path.
    pub fn path(&self) -> String {
        match self {
            Page::Start => "/performance".into(),
            Page::Cadre(c, y) => format!("/performance/cadre/{c}/{y}"),
            Page::Unit(unit) => format!("/performance/unit/{}", encoded_part(unit)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_page_reads_back_from_its_path() {
        let pages = [
            Page::Start,
            Page::Cadre("c-1".into(), 2026),
            Page::Unit("格日朝鲁苏木".into()),
            Page::Unit("县委办/县政府办".into()),
        ];
        for page in pages {
            let path = page.path();
            let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
            assert_eq!(Page::parse(&parts), Some(page));
        }
        assert_eq!(Page::parse(&["performance", "cadre", "a b", "2026"]), None);
        assert_eq!(Page::parse(&["performance", "unit", "%2E%2E"]), None);
    }
}
