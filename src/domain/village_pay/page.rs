//! The pages of village pay (W1), each under `/t/<township>/<year>`: the board of a
//! township's year, its indicators, its results, and one village's period.

use super::Period;
use crate::route::{id_part, year_part, TownshipYear};

/// A page of village pay.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Page {
    /// A township's year: the board of every village's periods.
    Township(TownshipYear),
    /// The year's indicators (考核指标).
    Indicators(TownshipYear),
    /// The year's results: grades and pay.
    Results(TownshipYear),
    /// One village's period.
    Slot(TownshipYear, String, Period),
    /// One village's quarter: the printed 公示 notice for the village bulletin board.
    Notice(TownshipYear, String, Period),
}

impl Page {
    /// The page at a path's parts, if it is one of these.
    pub fn parse(parts: &[&str]) -> Option<Page> {
        let ty = |t: &str, y: &str| Some(TownshipYear::new(id_part(t)?, year_part(y)?));
        Some(match parts {
            ["t", t, y] => Page::Township(ty(t, y)?),
            ["t", t, y, "indicators"] => Page::Indicators(ty(t, y)?),
            ["t", t, y, "results"] => Page::Results(ty(t, y)?),
            ["t", t, y, "v", v, p] => Page::Slot(ty(t, y)?, id_part(v)?, Period::from_key(p)?),
            ["t", t, y, "v", v, p, "notice"] => {
                Page::Notice(ty(t, y)?, id_part(v)?, Period::from_key(p)?)
            }
            _ => return None,
        })
    }

    /// The page's path.
    pub fn path(&self) -> String {
        let ty = format!(
            "/t/{}/{}",
            self.township_year().township,
            self.township_year().year
        );
        match self {
            Page::Township(_) => ty,
            Page::Indicators(_) => format!("{ty}/indicators"),
            Page::Results(_) => format!("{ty}/results"),
            Page::Slot(_, v, p) => format!("{ty}/v/{v}/{}", p.key()),
            Page::Notice(_, v, p) => format!("{ty}/v/{v}/{}/notice", p.key()),
        }
    }

    /// The township and year the page is about.
    pub fn township_year(&self) -> &TownshipYear {
        match self {
            Page::Township(x) | Page::Indicators(x) | Page::Results(x) | Page::Slot(x, ..) => x,
            Page::Notice(x, ..) => x,
        }
    }
}
