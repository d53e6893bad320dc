//! First start (and "switch user"): who is using this device.

use crate::route::Route;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::domain::master::required;
use crate::domain::Role;
use crate::store::RecordError;
use crate::ui::components::{FormError, TextField};
use crate::ui::ctx::{use_ctx, User};

/// Ask for the user's name and role; every event records them as author.
#[component]
pub fn Setup() -> impl IntoView {
    let c = use_ctx();
    let current = c.user.get_untracked();
    let name = RwSignal::new(current.as_ref().map(|u| u.name.clone()).unwrap_or_default());
    let role = RwSignal::new(
        current
            .map(|u| u.role.key().to_string())
            .unwrap_or_else(|| "assessor".into()),
    );
    let err = RwSignal::new(None::<RecordError>);
    let navigate = use_navigate();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let n = match required(&name.get_untracked(), "name", "姓名", "Name") {
            Ok(n) => n,
            Err(v) => return err.set(Some(RecordError::Rule(v))),
        };
        let r = Role::from_key(&role.get_untracked()).unwrap_or(Role::Assessor);
        match c.set_user(User { name: n, role: r }) {
            Ok(()) => {
                err.set(None);
                navigate(&Route::Home.href(), Default::default());
            }
            Err(e) => err.set(Some(RecordError::Storage(e))),
        }
    };
    view! {
        <section class="card">
            <h1>{c.t("谁在使用这部手机？", "Who is using this device?")}</h1>
            <p class="hint">{c.t(
                "您的姓名和角色将记录为每条记录的登记人。",
                "Your name and role are recorded as the author of every entry.")}</p>
            <form on:submit=save>
                <TextField label=c.t("姓名", "Name") value=name field="name" err />
                <label class="field">
                    <span>{c.t("角色", "Role")}</span>
                    <select name="role" on:change=move |ev| role.set(event_target_value(&ev)) prop:value=move || role.get()>
                        {Role::ALL.into_iter().map(|r| view! {
                            <option value=r.key() selected=move || role.get() == r.key()>{move || r.label(c.is_zh())}</option>
                        }).collect_view()}
                    </select>
                </label>
                <FormError err />
                <button type="submit" class="primary">{c.t("开始使用", "Start")}</button>
            </form>
        </section>
    }
}
