//! The cadre-selection (干部选任纪实, W4/W4b) pages: the case list and a case, the
//! cadre pool and posts, the printed 纪实表 and notice. Each is a screen the domain
//! builds (`domain::cadre_selection::{screens, case_screen, case_forms, pool_screen,
//! documents}`), drawn by the one renderer, and forms as data (`cadre_form`,
//! `post_form`) drawn by the one form renderer.

pub mod cadres;
pub mod cases;
pub mod print;

use leptos::prelude::*;

use crate::domain::cadre_selection::Page;

/// Its pages read cadre selection, which is folded after the app is drawn: they say
/// they are loading until it is (`pages::whole_first`).
pub const WAITS_FOR_WHOLE_LOG: bool = true;

/// Its entry in the bottom navigation: the case list.
pub const NAV: Option<(&str, &str, Page)> = Some(("干部纪实", "Cadres", Page::Cases));

/// The page for `page` (in this workflow's chunk, `ui::chunks`).
pub fn page(page: Page) -> AnyView {
    match page {
        Page::Cadres => view! { <cadres::CadrePool /> }.into_any(),
        Page::Case(_) => view! { <cases::CasePage /> }.into_any(),
        Page::CasePrint(_) => view! { <print::RecordSheet /> }.into_any(),
        Page::CaseAsSubmitted(case, submission) => {
            view! { <print::AsSubmittedSheet case submission /> }.into_any()
        }
        Page::CaseNotice(_) => view! { <print::PublicityNotice /> }.into_any(),
        Page::CaseTrace(_) => view! { <print::CaseTrace /> }.into_any(),
        Page::CadreTrace(cadre) => view! { <print::CadreTrace cadre /> }.into_any(),
        Page::Cases => view! { <cases::CaseList /> }.into_any(),
    }
}
