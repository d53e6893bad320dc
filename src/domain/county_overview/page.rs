//! The pages of the county overview, under `/overview`: the overview itself and the
//! list of what was submitted upward.

/// A page of the county overview.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Page {
    /// Where every township, case and workflow stands (`/overview`).
    Overview,
    /// Every 初次提交 and 二次提交 of every case (`/overview/submitted`).
    Submitted,
}

impl Page {
    /// The page at a path's parts, if it is one of these.
    pub fn parse(parts: &[&str]) -> Option<Page> {
        Some(match parts {
            ["overview"] => Page::Overview,
            ["overview", "submitted"] => Page::Submitted,
            _ => return None,
        })
    }

    /// The page's path.
    pub fn path(&self) -> String {
        match self {
            Page::Overview => "/overview".into(),
            Page::Submitted => "/overview/submitted".into(),
        }
    }
}
