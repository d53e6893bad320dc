//! The pages of rotation and secondment, under `/rotation`: the county list (due, coming,
//! overdue, exempt, secondments) and one cadre's positions and rotations.

use crate::route::id_part;

/// A page of 轮岗、借用.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Page {
    /// The county list.
    List,
    /// One cadre, by id.
    Cadre(String),
}

impl Page {
    /// The page at a path's parts, if it is one of these.
    pub fn parse(parts: &[&str]) -> Option<Page> {
        Some(match parts {
            ["rotation"] => Page::List,
            ["rotation", "cadre", c] => Page::Cadre(id_part(c)?),
            _ => return None,
        })
    }

    /// The page's path.
    pub fn path(&self) -> String {
        match self {
            Page::List => "/rotation".into(),
            Page::Cadre(c) => format!("/rotation/cadre/{c}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_page_reads_back_from_its_path() {
        for page in [Page::List, Page::Cadre("c-1".into())] {
            let path = page.path();
            let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
            assert_eq!(Page::parse(&parts), Some(page));
        }
        assert_eq!(Page::parse(&["rotation", "cadre", "a b"]), None);
    }
}
