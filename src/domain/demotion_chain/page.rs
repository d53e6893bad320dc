//! The pages of the demotion chain, under `/demotion`: the list (candidates the records
//! raised, cases, opening one) and a case.

use crate::route::id_part;

/// A page of 能上能下.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Page {
    /// Candidates, cases, and the form opening one.
    List,
    /// One case: its six steps, the follow-up.
    Case(String),
}

impl Page {
    /// The page at a path's parts, if it is one of these.
    pub fn parse(parts: &[&str]) -> Option<Page> {
        Some(match parts {
            ["demotion"] => Page::List,
            ["demotion", "case", c] => Page::Case(id_part(c)?),
            _ => return None,
        })
    }

    /// The page's path.
    pub fn path(&self) -> String {
        match self {
            Page::List => "/demotion".into(),
            Page::Case(c) => format!("/demotion/case/{c}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_page_reads_back_from_its_path() {
        for page in [Page::List, Page::Case("dm-1".into())] {
            let path = page.path();
            let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
            assert_eq!(Page::parse(&parts), Some(page));
        }
        assert_eq!(Page::parse(&["demotion", "case", "<x>"]), None);
    }
}
