//! The pages of the reserve pools, under `/reserve`: the pools (members, those taken
//! out and why, the structure, the reviews due) and one person's file (一人一档).

use crate::route::id_part;

/// A page of 后备干部.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Page {
    /// The pools.
    Pools,
    /// One person's file, by cadre.
    Person(String),
}

impl Page {
    /// The page at a path's parts, if it is one of these.
    pub fn parse(parts: &[&str]) -> Option<Page> {
        Some(match parts {
            ["reserve"] => Page::Pools,
            ["reserve", "person", c] => Page::Person(id_part(c)?),
            _ => return None,
        })
    }

    /// The page's path.
    pub fn path(&self) -> String {
        match self {
            Page::Pools => "/reserve".into(),
            Page::Person(c) => format!("/reserve/person/{c}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_page_reads_back_from_its_path() {
        for page in [Page::Pools, Page::Person("c-1".into())] {
            let path = page.path();
            let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
            assert_eq!(Page::parse(&parts), Some(page));
        }
        assert_eq!(Page::parse(&["reserve", "person", "a b"]), None);
    }
}
