//! The cadre-selection (干部选任纪实, W4/W4b) pages: the case list and a case, the
//! cadre pool and posts, the review and sign-off, the printed 纪实表 and notice; the
//! step-record forms are rendered from the domain's forms as data (`forms`).

pub mod cadres;
pub mod cases;
pub mod common;
pub mod forms;
pub mod print;
