//! W4 master data (organization department): cadre profiles with the computed
//! 三龄两历一身份 and exclusion reasons, and posts with their quota (职数).

use std::collections::BTreeMap;
use std::sync::Arc;

use leptos::prelude::*;

use super::common::{input, new_id, select, send_all, FormValues};
use crate::domain::cadre_selection::cadre_form::{grade_key, read_profile, CadreInputs, GRADES};
use crate::domain::cadre_selection::pool_screen::{
    cadre_list, post_list, CADRE_FORM, POST_FORM_KEY,
};
use crate::domain::cadre_selection::post_form::{post_inputs, read_post, POST_FORM};
use crate::domain::cadre_selection::words::GENDERS;
use crate::domain::cadre_selection::{
    Action, AnnualGrade, CadreFlags, CadreProfile, Command, Position, Post,
};
use crate::domain::form::Inputs;
use crate::domain::screen::Focus;
use crate::domain::RuleViolation;
use crate::store::RecordError;
use crate::ui::components::{blocks_view, focused_screen_view, DataForm, FormError, Notice, Send};
use crate::ui::ctx::{today, use_ctx, Ctx};

fn yes_no(zh: bool) -> Vec<(String, String)> {
    vec![
        ("no".into(), if zh { "否" } else { "No" }.into()),
        ("yes".into(), if zh { "是" } else { "Yes" }.into()),
    ]
}

fn yn(b: bool) -> String {
    if b { "yes" } else { "no" }.into()
}

fn ds(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

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
    let focus = RwSignal::new(Focus::default());
    let role = move || c.user.with(|u| u.as_ref().map(|u| u.role));
    let cadres = move || c.with_state(|s| cadre_list(s, role(), today(), c.is_zh()));
    let posts = move || {
        let blocks = c.with_state(|s| post_list(s, role(), today(), c.is_zh()));
        blocks_view(c, focus, blocks)
    };
    let cadre_edit = move || {
        let found = |id: &str| {
            c.with_state_untracked(|s| s.cadre_selection.cadres.get(id)?.current().cloned())
        };
        focus.with(|f| edit_of(f, CADRE_FORM, found))
    };
    let post_edit = move || {
        let found = |id: &str| {
            c.with_state_untracked(|s| s.cadre_selection.posts.get(id)?.current().cloned())
        };
        focus.with(|f| edit_of(f, POST_FORM_KEY, found))
    };
    view! {
        {focused_screen_view(c, focus, cadres)}
        {move || if may_edit(c) {
            view! { <CadreForm edit=cadre_edit() done=focus /> }.into_any()
        } else {
            view! { <section class="card">{only_admin(c)}</section> }.into_any()
        }}
        <section class="card">
            <h2>{c.t("职位与职数", "Posts and quotas")}</h2>
            {posts}
            {move || may_edit(c).then(|| view! { <PostForm edit=post_edit() done=focus /> })}
        </section>
    }
}

/// The cadre form's inputs, read by the domain (`cadre_form::read_profile`).
fn profile_from(f: &FormValues) -> Result<CadreProfile, Vec<RuleViolation>> {
    const FIELDS: [&str; 22] = [
        "name",
        "gender",
        "ethnicity",
        "birth",
        "party_join",
        "work_start",
        "education",
        "identity",
        "pos_unit",
        "pos_title",
        "pos_post",
        "pos_start",
        "pos_end",
        "grade_year",
        "grade",
        "has_spouse",
        "spouse_emigrated",
        "children",
        "children_emigrated",
        "sanction_until",
        "canvassing",
        "other_bar",
    ];
    let inputs: CadreInputs = FIELDS.iter().map(|n| (n.to_string(), f.all(n))).collect();
    read_profile(&inputs, today())
}

/// Add or edit a cadre's profile.
#[component]
fn CadreForm(edit: Edit<CadreProfile>, done: RwSignal<Focus>) -> impl IntoView {
    let c = use_ctx();
    let err = RwSignal::new(None::<RecordError>);
    let ok = RwSignal::new(String::new());
    let is_edit = edit.is_some();
    let (id, p, seen) = edit.unwrap_or_else(|| (String::new(), blank_profile(), vec![]));
    let blank_date = |d: chrono::NaiveDate| {
        if d == chrono::NaiveDate::MIN {
            String::new()
        } else {
            d.to_string()
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        let f = FormValues::of(&ev);
        let cadre = if id.is_empty() {
            new_id("c")
        } else {
            id.clone()
        };
        let cmd = profile_from(&f).map(|profile| Command::RecordCadre {
            cadre,
            profile,
            supersedes: seen.clone(),
        });
        if send_all(c, cmd, err, ok, c.t("干部信息已保存", "Cadre saved")) {
            done.set(Focus::default());
        }
    };
    view! {
        <section class="card">
            <h2>{if is_edit { c.t("编辑干部信息", "Edit cadre") } else { c.t("添加干部", "Add a cadre") }}</h2>
            <form class="stack" data-testid="cadre-form" on:submit=on_submit>
                {input(c.t("姓名", "Name"), "name", "text", p.name.clone(), err)}
                {select(c.t("性别", "Gender"), "gender", GENDERS.iter().map(|g| (g.0.to_string(), c.t(g.1, g.2).to_string())).collect(), p.gender.clone(), err)}
                {input(c.t("民族", "Ethnicity"), "ethnicity", "text", p.ethnicity.clone(), err)}
                {input(c.t("出生日期", "Birth date"), "birth", "date", blank_date(p.birth), err)}
                {input(c.t("入党时间（党外留空）", "Party join (blank: non-party)"), "party_join", "date", ds(p.party_join), err)}
                {input(c.t("参加工作时间", "Work start"), "work_start", "date", blank_date(p.work_start), err)}
                {input(c.t("学历", "Education"), "education", "text", p.education.clone(), err)}
                {input(c.t("身份", "Identity"), "identity", "text", p.identity.clone(), err)}
                {positions_fieldset(c, p.positions.clone(), err)}
                {grades_fieldset(c, p.grades.iter().map(|(y, g)| (*y, *g)).collect(), err)}
                {flags_fieldset(c, &p.flags, err)}
                <FormError err />
                <Notice msg=ok err />
                <button type="submit" class="primary">{c.t("保存干部信息", "Save cadre")}</button>
            </form>
        </section>
    }
}

/// An empty profile for a new cadre.
fn blank_profile() -> CadreProfile {
    CadreProfile {
        name: String::new(),
        gender: "男".into(),
        ethnicity: "汉族".into(),
        birth: chrono::NaiveDate::MIN,
        party_join: None,
        work_start: chrono::NaiveDate::MIN,
        education: String::new(),
        identity: String::new(),
        positions: vec![],
        grades: BTreeMap::new(),
        flags: CadreFlags::default(),
    }
}

/// The positions held, one row each, with a button adding a row.
fn positions_fieldset(
    c: Ctx,
    positions: Vec<Position>,
    err: RwSignal<Option<RecordError>>,
) -> impl IntoView {
    let rows = RwSignal::new(positions.len().max(1));
    let post_opts = move || {
        let mut v = vec![(String::new(), String::from("—"))];
        untrack(|| {
            c.with_state(|s| {
                v.extend(
                    s.cadre_selection
                        .post_list()
                        .map(|p| (p.id.clone(), s.cadre_selection.post_name(&p.id))),
                );
            })
        });
        v
    };
    view! {
        <fieldset>
            <legend>{c.t("任职经历", "Positions held")}</legend>
            {move || (0..rows.get()).map(|i| {
                let x = positions.get(i);
                view! {
                    <div class="version">
                        {input(c.t("单位", "Unit"), "pos_unit", "text", x.map(|x| x.unit.clone()).unwrap_or_default(), err)}
                        {input(c.t("职务", "Title"), "pos_title", "text", x.map(|x| x.title.clone()).unwrap_or_default(), err)}
                        {select(c.t("对应职位（职数）", "Post (quota)"), "pos_post", post_opts(), x.map(|x| x.post.clone()).unwrap_or_default(), err)}
                        {input(c.t("开始", "Start"), "pos_start", "date", x.map(|x| x.start.to_string()).unwrap_or_default(), err)}
                        {input(c.t("结束（现任留空）", "End (blank: current)"), "pos_end", "date", ds(x.and_then(|x| x.end)), err)}
                    </div>
                }
            }).collect_view()}
            <FieldError err field="positions" />
            <button type="button" on:click=move |_| rows.update(|n| *n += 1)>{c.t("+ 任职经历", "+ Position")}</button>
        </fieldset>
    }
}

/// The annual grades, one year a row, with a button adding a row.
fn grades_fieldset(
    c: Ctx,
    grades: Vec<(i32, AnnualGrade)>,
    err: RwSignal<Option<RecordError>>,
) -> impl IntoView {
    let rows = RwSignal::new(grades.len().max(3));
    let options: Vec<(String, String)> = GRADES
        .iter()
        .map(|g| (grade_key(*g).to_string(), g.label_in(c.is_zh()).to_string()))
        .collect();
    view! {
        <fieldset>
            <legend>{c.t("年度考核等次", "Annual grades")}</legend>
            {move || (0..rows.get()).map(|i| {
                let g = grades.get(i);
                view! {
                    <div class="indicator-row">
                        <input type="number" inputmode="numeric" name="grade_year" placeholder=c.t("年度", "Year") value=g.map(|g| g.0.to_string()).unwrap_or_default() />
                        <select name="grade">
                            {options.iter().map(|(k, l)| {
                                let sel = g.map(|g| grade_key(g.1)) == Some(k.as_str()) || (g.is_none() && k == "competent");
                                view! { <option value=k.clone() selected=sel>{l.clone()}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                }
            }).collect_view()}
            <FieldError err field="grades" />
            <button type="button" on:click=move |_| rows.update(|n| *n += 1)>{c.t("+ 年度", "+ Year")}</button>
        </fieldset>
    }
}

/// The facts the exclusion rules read.
fn flags_fieldset(c: Ctx, fl: &CadreFlags, err: RwSignal<Option<RecordError>>) -> impl IntoView {
    let zh = c.is_zh();
    view! {
        <fieldset>
            <legend>{c.t("任用限制情形", "Facts for the exclusion rules")}</legend>
            {select(c.t("有配偶", "Has a spouse"), "has_spouse", yes_no(zh), yn(fl.has_spouse), err)}
            {select(c.t("配偶已移居国（境）外", "Spouse emigrated"), "spouse_emigrated", yes_no(zh), yn(fl.spouse_emigrated), err)}
            {input(c.t("子女数", "Children"), "children", "number", fl.children.to_string(), err)}
            {input(c.t("已移居国（境）外的子女数", "Children emigrated"), "children_emigrated", "number", fl.children_emigrated.to_string(), err)}
            {input(c.t("处分影响期至（无则留空）", "Sanction affects use until (blank: none)"), "sanction_until", "date", ds(fl.sanction_until), err)}
            {input(c.t("跑官、拉票行为（无则留空）", "Canvassing finding (blank: none)"), "canvassing", "text", fl.canvassing.clone(), err)}
            {input(c.t("其他不得任用情形（无则留空）", "Other bar (blank: none)"), "other_bar", "text", fl.other_bar.clone(), err)}
        </fieldset>
    }
}

use crate::ui::components::FieldError;

/// Add a post, or edit one (a new version replacing the ones shown).
#[component]
fn PostForm(edit: Edit<Post>, done: RwSignal<Focus>) -> impl IntoView {
    let c = use_ctx();
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
        done.set(Focus::default());
        Ok(())
    });
    view! {
        <b>{if is_edit { c.t("编辑职位", "Edit post") } else { c.t("添加职位", "Add a post") }}</b>
        <DataForm form=POST_FORM send button=("保存职位", "Save post") done=("职位已保存", "Post saved") testid="post-form" init clear=!is_edit />
    }
}
