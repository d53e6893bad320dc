//! Every page of the app as a typed route: [`Route::parse`] reads a path, [`Route::href`]
//! writes one. Pages link only through here, so a path is spelled in one place.
//!
//! Architecture invariant: `Route::parse(&r.href()) == r` for every route whose ids
//! use the safe alphabet (`domain::id`), whatever its year; anything else parses as
//! [`Route::NotFound`], never as a page with a half-read id. Native code, tested natively (tests/routes.rs).

use crate::domain::village_pay::Period;

/// A page of the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// `/`: the home page (to-do, the year's townships).
    Home,
    /// `/setup`: who uses this device.
    Setup,
    /// `/master`: townships, villages and heads (基础信息).
    Master,
    /// `/data`: backup, import, policy (数据备份).
    Data,
    /// `/settings`: the server and sync (同步).
    Settings,
    /// `/t/<township>/<year>`: a township's year of village pay (the board).
    Township(TownshipYear),
    /// `/t/<township>/<year>/indicators`: its indicator set (考核指标).
    Indicators(TownshipYear),
    /// `/t/<township>/<year>/results`: its grades and pay (考核结果).
    Results(TownshipYear),
    /// `/t/<township>/<year>/v/<village>/<period>`: one village's period.
    Slot(TownshipYear, String, Period),
    /// `/w4`: cadre selection cases (干部纪实).
    Cases,
    /// `/w4/cadres`: the cadre pool and posts.
    Cadres,
    /// `/w4/case/<case>`: one case.
    Case(String),
    /// `/w4/case/<case>/print`: its 纪实表 for print.
    CasePrint(String),
    /// `/w4/case/<case>/notice`: its 任前公示 notice for print.
    CaseNotice(String),
    /// Any other path.
    NotFound,
}

/// A township and a year: the key of the village-pay pages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TownshipYear {
    /// Township id.
    pub township: String,
    /// Assessment year.
    pub year: i32,
}

impl TownshipYear {
    /// The pair, for building routes.
    pub fn new(township: impl Into<String>, year: i32) -> Self {
        TownshipYear {
            township: township.into(),
            year,
        }
    }
}

impl Route {
    /// The route of a path (`/t/t-1/2026/results`); query and fragment ignored.
    pub fn parse(path: &str) -> Route {
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let parts: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        Route::from_parts(&parts).unwrap_or(Route::NotFound)
    }

    fn from_parts(parts: &[&str]) -> Option<Route> {
        Some(match parts {
            [] => Route::Home,
            ["setup"] => Route::Setup,
            ["master"] => Route::Master,
            ["data"] => Route::Data,
            ["settings"] => Route::Settings,
            ["t", t, y] => Route::Township(township_year(t, y)?),
            ["t", t, y, "indicators"] => Route::Indicators(township_year(t, y)?),
            ["t", t, y, "results"] => Route::Results(township_year(t, y)?),
            ["t", t, y, "v", v, p] => {
                Route::Slot(township_year(t, y)?, id(v)?, Period::from_key(p)?)
            }
            ["w4"] => Route::Cases,
            ["w4", "cadres"] => Route::Cadres,
            ["w4", "case", c] => Route::Case(id(c)?),
            ["w4", "case", c, "print"] => Route::CasePrint(id(c)?),
            ["w4", "case", c, "notice"] => Route::CaseNotice(id(c)?),
            _ => return None,
        })
    }

    /// The path of this route (ids are of the safe alphabet, so nothing needs escaping).
    pub fn href(&self) -> String {
        let ty = |x: &TownshipYear| format!("/t/{}/{}", x.township, x.year);
        match self {
            Route::Home | Route::NotFound => "/".into(),
            Route::Setup => "/setup".into(),
            Route::Master => "/master".into(),
            Route::Data => "/data".into(),
            Route::Settings => "/settings".into(),
            Route::Township(x) => ty(x),
            Route::Indicators(x) => format!("{}/indicators", ty(x)),
            Route::Results(x) => format!("{}/results", ty(x)),
            Route::Slot(x, v, p) => format!("{}/v/{v}/{}", ty(x), p.key()),
            Route::Cases => "/w4".into(),
            Route::Cadres => "/w4/cadres".into(),
            Route::Case(c) => format!("/w4/case/{c}"),
            Route::CasePrint(c) => format!("/w4/case/{c}/print"),
            Route::CaseNotice(c) => format!("/w4/case/{c}/notice"),
        }
    }

    /// The township and year of a village-pay page.
    pub fn township_year(&self) -> Option<&TownshipYear> {
        match self {
            Route::Township(x) | Route::Indicators(x) | Route::Results(x) | Route::Slot(x, ..) => {
                Some(x)
            }
            _ => None,
        }
    }

    /// The case of a cadre-selection case page.
    pub fn case(&self) -> Option<&str> {
        match self {
            Route::Case(c) | Route::CasePrint(c) | Route::CaseNotice(c) => Some(c),
            _ => None,
        }
    }
}

fn id(s: &str) -> Option<String> {
    let s = percent_decoded(s)?;
    crate::domain::id::valid(&s).then_some(s)
}

/// `%2D` → `-` (a browser may escape any character of a path); `None` for a broken escape.
fn percent_decoded(s: &str) -> Option<String> {
    let mut out = Vec::with_capacity(s.len());
    let mut bytes = s.bytes();
    while let Some(b) = bytes.next() {
        if b != b'%' {
            out.push(b);
            continue;
        }
        let hex = [bytes.next()?, bytes.next()?];
        let hex = std::str::from_utf8(&hex).ok()?;
        out.push(u8::from_str_radix(hex, 16).ok()?);
    }
    String::from_utf8(out).ok()
}

/// A year as the app writes it: an `i32` in plain decimal (no sign but `-`, no leading
/// zero), so every year a page can link to opens, and reads back the same.
fn township_year(township: &str, year: &str) -> Option<TownshipYear> {
    let value: i32 = year.parse().ok()?;
    (value.to_string() == year).then_some(())?;
    Some(TownshipYear::new(id(township)?, value))
}
