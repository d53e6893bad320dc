//! The pages of village heads and their care, each under `/heads`: everyone who has
//! held a post, one person, a year's care list, and a year's pay sheet.

use crate::route::{id_part, year_part};

/// A page of village heads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Page {
    /// Everyone who has held a 正职 post, and the form recording a tenure.
    People,
    /// One person's tenures.
    Person(String),
    /// A year's 退后关爱 list.
    Care(i32),
    /// A year's pay sheet of the county's village heads.
    PaySheet(i32),
}

impl Page {
    /// The page at a path's parts, if it is one of these.
    pub fn parse(parts: &[&str]) -> Option<Page> {
        Some(match parts {
            ["heads"] => Page::People,
            ["heads", "person", p] => Page::Person(id_part(p)?),
            ["heads", "care", y] => Page::Care(year_part(y)?),
            ["heads", "pay", y] => Page::PaySheet(year_part(y)?),
            _ => return None,
        })
    }

    /// The page's path.
    pub fn path(&self) -> String {
        match self {
            Page::People => "/heads".into(),
            Page::Person(p) => format!("/heads/person/{p}"),
            Page::Care(y) => format!("/heads/care/{y}"),
            Page::PaySheet(y) => format!("/heads/pay/{y}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_page_reads_back_from_its_path() {
        for page in [
            Page::People,
            Page::Person("hp-1".into()),
            Page::Care(2027),
            Page::PaySheet(2026),
        ] {
            let path = page.path();
            let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
            assert_eq!(Page::parse(&parts), Some(page));
        }
        assert_eq!(Page::parse(&["heads", "person", "<b>"]), None);
        assert_eq!(Page::parse(&["heads", "care", "02027"]), None);
    }
}
