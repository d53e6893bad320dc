//! Every page of the app as a typed route: [`Route::parse`] reads a path, [`Route::href`]
//! writes one. Pages link only through here, so a path is spelled in one place.
//!
//! Architecture invariant: `Route::parse(&r.href()) == r` for every route whose ids
//! use the safe alphabet (`domain::id`), whatever its year; anything else parses as
//! [`Route::NotFound`], never as a page with a half-read id. Native code, tested natively (tests/routes.rs).

/// `Route`, with a variant for each workflow's pages (`for_each_workflow!`): each
/// workflow's `Page` reads and writes its own paths.
macro_rules! route_parts {
    ($($(#[doc = $doc:expr])* $variant:ident($part:ident) => $module:ident,)+) => {
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
            /// `/overview…`: the county overview and what was submitted upward (全县概览).
            Overview(crate::domain::county_overview::Page),
            $($(#[doc = $doc])* $variant(crate::domain::$module::Page),)+
            /// A path that names no page.
            NotFound,
        }

        $(impl From<crate::domain::$module::Page> for Route {
            fn from(page: crate::domain::$module::Page) -> Route {
                Route::$variant(page)
            }
        })+

        impl Route {
            fn from_parts(parts: &[&str]) -> Option<Route> {
                Some(match parts {
                    [] | ["index.html"] => Route::Home,
                    ["setup"] => Route::Setup,
                    ["master"] => Route::Master,
                    ["data"] => Route::Data,
                    ["settings"] => Route::Settings,
                    _ => {
                        if let Some(page) = crate::domain::county_overview::Page::parse(parts) {
                            return Some(Route::Overview(page));
                        }
                        $(if let Some(page) = crate::domain::$module::Page::parse(parts) {
                            return Some(Route::$variant(page));
                        })+
                        return None;
                    }
                })
            }

            /// The path of this route (ids are of the safe alphabet, so nothing needs escaping).
            pub fn href(&self) -> String {
                match self {
                    Route::Home | Route::NotFound => "/".into(),
                    Route::Setup => "/setup".into(),
                    Route::Master => "/master".into(),
                    Route::Data => "/data".into(),
                    Route::Settings => "/settings".into(),
                    Route::Overview(page) => page.path(),
                    $(Route::$variant(page) => page.path(),)+
                }
            }
        }
    };
}

crate::for_each_workflow!(route_parts);

/// A township and a year: what the village-pay pages are about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TownshipYear {
    /// The township's id.
    pub township: String,
    /// The year.
    pub year: i32,
}

impl TownshipYear {
    /// A township's year.
    pub fn new(township: impl Into<String>, year: i32) -> Self {
        TownshipYear {
            township: township.into(),
            year,
        }
    }
}

impl Route {
    /// The page at `path` (its query and fragment ignored), or [`Route::NotFound`].
    pub fn parse(path: &str) -> Route {
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let parts: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        Route::from_parts(&parts).unwrap_or(Route::NotFound)
    }
}

/// A year in a path: an `i32` in plain decimal (no sign but `-`, no leading zero), so
/// every year a page can link to opens, and reads back the same.
pub fn year_part(year: &str) -> Option<i32> {
    let value: i32 = year.parse().ok()?;
    (value.to_string() == year).then_some(value)
}

/// An id in a path: percent-decoded, and only if it is of the safe alphabet.
pub fn id_part(s: &str) -> Option<String> {
    let s = percent_decoded(s)?;
    crate::domain::id::valid(&s).then_some(s)
}

/// Longest name a path may hold (a unit's), in characters.
pub const NAME_MAX: usize = 100;

/// Whether `name` may stand in a path: 1 to [`NAME_MAX`] characters, no control
/// character, no blank at either end, and not only dots (a path's `.` and `..` segments
/// are folded away by the browser, even written `%2E`).
pub fn name_fits(name: &str) -> bool {
    (1..=NAME_MAX).contains(&name.chars().count())
        && name.trim() == name
        && !name.chars().any(char::is_control)
        && !name.chars().all(|c| c == '.')
}

/// A name in a path (a unit's, which is text, not an id): percent-decoded, and only if it
/// [`name_fits`]; else `None`.
pub fn text_part(s: &str) -> Option<String> {
    let s = percent_decoded(s)?;
    name_fits(&s).then_some(s)
}

/// A name written into a path: every byte but `A–Z a–z 0–9 _ -` as `%XX`, so
/// [`text_part`] reads it back the same.
pub fn encoded_part(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        match b.is_ascii_alphanumeric() || b == b'_' || b == b'-' {
            true => out.push(char::from(b)),
            false => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
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
