//! The cadre-selection (干部选任纪实, W4/W4b) pages: the case list and a case, the
//! cadre pool and posts, the printed 纪实表 and notice. Each is a screen the domain
//! builds (`domain::cadre_selection::{screens, case_screen, case_forms, pool_screen,
//! documents}`), drawn by the one renderer, and forms as data (`cadre_form`,
//! `post_form`) drawn by the one form renderer.

pub mod cadres;
pub mod cases;
pub mod print;
