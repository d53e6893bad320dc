//! The cadre-selection (干部选任纪实, W4/W4b) pages: the case list and a case, the
//! cadre pool and posts, the printed 纪实表 and notice. Each is a screen the domain
//! builds (`domain::cadre_selection::{screens, case_screen, case_forms, pool_screen,
//! documents}`), drawn by the one renderer; only the cadre form is still hand-drawn
//! (its repeating positions and grades).

pub mod cadres;
pub mod cases;
pub mod common;
pub mod print;
