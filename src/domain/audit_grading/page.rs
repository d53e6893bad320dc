//! The pages of the economic-responsibility audit, under `/audit`: the overview (levels,
//! this and next year's plans, the units), one unit, and one year's plan.

use crate::route::id_part;

/// A page of 经济责任审计.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Page {
    /// The overview.
    Overview,
    /// One unit, by id.
    Unit(String),
    /// One year's plan.
    Plan(i32),
}

impl Page {
    /// The page at a path's parts, if it is one of these.
    pub fn parse(parts: &[&str]) -> Option<Page> {
        Some(match parts {
            ["audit"] => Page::Overview,
            ["audit", "unit", u] => Page::Unit(id_part(u)?),
            ["audit", "plan", y] => {
                let year: i32 = y.parse().ok()?;
                if !super::decide::YEARS.contains(&year) || year.to_string() != *y {
                    return None;
                }
                Page::Plan(year)
            }
            _ => return None,
        })
    }

    /// The page's path.
    pub fn path(&self) -> String {
        match self {
            Page::Overview => "/audit".into(),
            Page::Unit(u) => format!("/audit/unit/{u}"),
            Page::Plan(y) => format!("/audit/plan/{y}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_page_reads_back_from_its_path() {
        for page in [Page::Overview, Page::Unit("au-1".into()), Page::Plan(2027)] {
            let path = page.path();
            let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
            assert_eq!(Page::parse(&parts), Some(page));
        }
        assert_eq!(Page::parse(&["audit", "unit", "a b"]), None);
        assert_eq!(Page::parse(&["audit", "plan", "99999"]), None);
        assert_eq!(Page::parse(&["audit", "plan", "+2027"]), None);
        assert_eq!(Page::parse(&["audit", "plan", "02027"]), None);
        assert_eq!(Page::parse(&["audit", "plan", "x"]), None);
    }
}
