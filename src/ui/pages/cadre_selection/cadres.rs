//! W4 master data (organization department): cadre profiles with the computed
//! 三龄两历一身份 and exclusion reasons, and posts with their quota (职数).

use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::cadre_selection::cadre_form::{cadre_inputs, read_cadre, CADRE_FORM, POSTS};
use crate::domain::cadre_selection::pool_screen::{
    cadre_list, post_list, CADRE_FORM as CADRE_FOCUS, POST_FORM_KEY,
};
use crate::domain::cadre_selection::post_form::{post_inputs, read_post, POST_FORM};
use crate::domain::cadre_selection::{Action, CadreProfile, Command, Post};
use crate::domain::form::{Inputs, Options};
use crate::domain::screen::{Focus, Focuses};
use crate::store::RecordError;
use crate::ui::components::{blocks_view, focused_screen_view, DataForm, Send};
use crate::ui::ctx::{now_ms, random_u64, today, use_ctx, Ctx};

/// An edit in progress: the id, the content shown, and the versions it replaces.
type Edit<T> = Option<(String, T, Vec<String>)>;

/// Whether the user's role may record cadres and posts (`Action::MasterData`, what the
/// decider enforces).
fn may_edit(c: Ctx) -> bool {
    c.user
        .get_untracked()
        .is_some_and(|u| Action::MasterData.allows(u.role))
}

/// Who may record cadres and posts, for everyone else.
fn only_admin(c: Ctx) -> impl IntoView {
    let why = Action::MasterData.only();
    view! { <p class="hint" data-testid="not-yours">{if c.is_zh() { why.zh } else { why.en }}</p> }
}

/// The thing the page is turned to edit with `form`: its id, its current content and
/// the versions the edit replaces (those the user saw).
fn edit_of<T: Clone>(focus: &Focus, form: &str, versions: impl Fn(&str) -> Option<T>) -> Edit<T> {
    if focus.form != form {
        return None;
    }
    let current = versions(&focus.from)?;
    Some((focus.from.clone(), current, focus.replaces.clone()))
}

/// The cadres and posts page: the domain's lists (`cadre_selection::pool_screen`),
/// their edit buttons turning the forms below to the thing edited.
#[component]
pub fn CadrePool() -> impl IntoView {
    let c = use_ctx();
    let focus = crate::ui::components::page_focus();
    // Each form follows only its own part of the page: editing a post leaves a cadre
    // being typed as it is.
    let (cadre_saved, post_saved) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let cadre_focus = Memo::new(move |_| focus.with(|f| f.get(CADRE_FOCUS)));
    let post_focus = Memo::new(move |_| focus.with(|f| f.get(POST_FORM_KEY)));
    let role = move || c.user.with(|u| u.as_ref().map(|u| u.role));
    let cadres = move || c.with_state(|s| cadre_list(s, role(), today(), c.is_zh()));
    let posts = move || {
        let blocks = c.with_state(|s| post_list(s, role(), today(), c.is_zh()));
        blocks_view(c, focus, blocks)
    };
    let cadre_edit = move || {
        let found = |id: &str| {
            c.with_state_untracked(|s| {
                s.cadre_selection
                    .cadres
                    .get(id)?
                    .current()
                    .map(|p| (**p).clone())
            })
        };
        cadre_focus.with(|f| edit_of(f, CADRE_FOCUS, found))
    };
    let post_edit = move || {
        let found = |id: &str| {
            c.with_state_untracked(|s| s.cadre_selection.posts.get(id)?.current().cloned())
        };
        post_focus.with(|f| edit_of(f, POST_FORM_KEY, found))
    };
    view! {
        {focused_screen_view(c, focus, cadres)}
        {move || if may_edit(c) {
            view! { <CadreForm edit=cadre_edit() done=focus saved=cadre_saved /> }.into_any()
        } else {
            view! { <section class="card">{only_admin(c)}</section> }.into_any()
        }}
        <section class="card">
            <h2>{c.t("职位与职数", "Posts and quotas")}</h2>
            {posts}
            {move || may_edit(c).then(|| view! { <PostForm edit=post_edit() done=focus saved=post_saved /> })}
        </section>
    }
}

/// Add or edit a cadre's profile: the domain's form (`cadre_form::CADRE_FORM`), read
/// by the domain (`read_cadre`); an edit replaces the versions the user saw.
#[component]
fn CadreForm(
    edit: Edit<CadreProfile>,
    done: RwSignal<Focuses>,
    saved: RwSignal<String>,
) -> impl IntoView {
    let c = use_ctx();
    // The last save's notice, shown once by the form it drew anew.
    let notice = saved.get_untracked();
    saved.update_untracked(String::clear);
    let is_edit = edit.is_some();
    let init = cadre_inputs(edit.as_ref().map(|(_, p, _)| p));
    let (id, seen) = edit.map_or_else(Default::default, |(id, _, seen)| (id, seen));
    let options = c.with_state_untracked(|s| {
        let pool = &s.cadre_selection;
        let posts = pool
            .post_list()
            .map(|p| (p.id.clone(), pool.post_name(&p.id)));
        Options::default().with(POSTS, posts.collect())
    });
    let read_with = options.clone();
    let send: Send = Arc::new(move |inputs: &Inputs| {
        let profile = read_cadre(&read_with, inputs, today()).map_err(RecordError::rules)?;
        let cadre = if id.is_empty() {
            new_id("c")
        } else {
            id.clone()
        };
        let supersedes = seen.clone();
        c.record(Command::RecordCadre {
            cadre,
            profile,
            supersedes,
        })?;
        if is_edit {
            // The edit is done: the form is drawn anew to add, saying it was saved.
            saved.set(c.t("干部信息已保存", "Cadre saved").to_string());
        }
        let cleared = done.with_untracked(|f| f.get(CADRE_FOCUS).cleared());
        crate::ui::components::set_focus(done, cleared);
        Ok(())
    });
    let title = if is_edit {
        c.t("编辑干部信息", "Edit cadre")
    } else {
        c.t("添加干部", "Add a cadre")
    };
    view! {
        <section class="card">
            <h2>{title}</h2>
            <DataForm form=CADRE_FORM send button=("保存干部信息", "Save cadre") done=("干部信息已保存", "Cadre saved") testid="cadre-form" options init clear=!is_edit notice records=true />
        </section>
    }
}

/// Add a post, or edit one (a new version replacing the ones shown).
#[component]
fn PostForm(edit: Edit<Post>, done: RwSignal<Focuses>, saved: RwSignal<String>) -> impl IntoView {
    let c = use_ctx();
    // The last save's notice, shown once by the form it drew anew.
    let notice = saved.get_untracked();
    saved.update_untracked(String::clear);
    let is_edit = edit.is_some();
    let init = post_inputs(edit.as_ref().map(|(_, p, _)| p));
    let (id, seen) = edit.map_or_else(Default::default, |(id, _, seen)| (id, seen));
    let send: Send = Arc::new(move |inputs: &Inputs| {
        let p = read_post(inputs).map_err(RecordError::rules)?;
        let post = if id.is_empty() {
            new_id("p")
        } else {
            id.clone()
        };
        let (unit, title, quota, supersedes) = (p.unit, p.title, p.quota, seen.clone());
        c.record(Command::RecordPost {
            post,
            unit,
            title,
            quota,
            supersedes,
        })?;
        if is_edit {
            // The edit is done: the form is drawn anew to add, saying it was saved.
            saved.set(c.t("职位已保存", "Post saved").to_string());
        }
        let cleared = done.with_untracked(|f| f.get(POST_FORM_KEY).cleared());
        crate::ui::components::set_focus(done, cleared);
        Ok(())
    });
    view! {
        <b>{if is_edit { c.t("编辑职位", "Edit post") } else { c.t("添加职位", "Add a post") }}</b>
        <DataForm form=POST_FORM send button=("保存职位", "Save post") done=("职位已保存", "Post saved") testid="post-form" init clear=!is_edit notice records=true />
    }
}

/// A new id for a cadre or post the user adds (`c…`, `p…`).
fn new_id(prefix: &str) -> String {
    crate::domain::id::generate(prefix, now_ms(), random_u64())
}
