//! First start (and "switch user"): who is using this device — the domain's form
//! (`domain::user_form`) drawn by the one form renderer.

use std::sync::Arc;

use crate::route::Route;
use leptos::prelude::*;

use crate::domain::user_form::{read_user, role_options, user_inputs, USER_FORM};
use crate::store::RecordError;
use crate::ui::components::{DataForm, Send};
use crate::ui::ctx::{today, use_ctx, User};

/// Ask for the user's name and role; every event records them as author.
#[component]
pub fn Setup() -> impl IntoView {
    let c = use_ctx();
    let current = c.user.get_untracked();
    let init = user_inputs(current.as_ref().map(|u| (u.name.as_str(), u.role)));
    let send: Send = Arc::new(move |inputs| {
        let (name, role) = read_user(inputs, today()).map_err(RecordError::rules)?;
        c.set_user(User { name, role })
            .map_err(RecordError::Storage)?;
        crate::ui::nav::navigate(&Route::Home.href());
        Ok(())
    });
    let form = move || {
        let send = send.clone();
        let options = role_options(c.is_zh());
        let init = init.clone();
        view! {
            <DataForm form=USER_FORM send button=("开始使用", "Start") done=("", "") options init />
        }
    };
    view! {
        <section class="card">
            <h1>{c.t("谁在使用这部手机？", "Who is using this device?")}</h1>
            <p class="hint">{c.t(
                "您的姓名和角色将记录为每条记录的登记人。",
                "Your name and role are recorded as the author of every entry.")}</p>
            {form}
        </section>
    }
}
