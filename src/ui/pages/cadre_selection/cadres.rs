//! W4 master data (organization department): cadre profiles with the computed
//! 三龄两历一身份 and exclusion reasons, and posts with their quota (职数).

use crate::route::Route;
use std::collections::BTreeMap;

use leptos::prelude::*;

use super::common::{
    act, el, input, link, new_id, render, render_all, select, send_all, t, FormValues, Node,
};
use crate::domain::cadre_selection::{
    current_position, exclusions, Action, AnnualGrade, CadreFlags, CadreProfile, Command, Position,
    Post, Versions,
};
use crate::domain::state::State;
use crate::domain::RuleViolation;
use crate::store::RecordError;
use std::sync::Arc;

use crate::domain::cadre_selection::post_form::{post_inputs, read_post, POST_FORM};
use crate::domain::form::Inputs;
use crate::ui::components::{DataForm, FormError, Notice, Send};
use crate::ui::ctx::{today, use_ctx, Ctx};

use crate::domain::cadre_selection::cadre_form::{grade_key, read_profile, CadreInputs, GRADES};
use crate::domain::cadre_selection::words::{
    gender_label, history_text, recorded_by, sanling_line, GENDERS,
};

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

/// The versions recorded on phones that had not seen each other (empty: none).
fn conflict_lines<T: PartialEq>(
    c: Ctx,
    versions: &Versions<T>,
    show: impl Fn(&T) -> String,
) -> Vec<String> {
    // What the domain calls a conflict (two live versions that differ), nothing else.
    if !versions.conflicted() {
        return vec![];
    }
    let live = versions.live();
    let colon = c.t("：", ": ");
    live.iter()
        .map(|v| format!("{}{colon}{}", recorded_by(v), show(&v.value)))
        .collect()
}

/// Two or more versions to settle: listed, with how to settle them.
fn conflict_node(c: Ctx, lines: Vec<String>) -> Option<Node> {
    (!lines.is_empty()).then(|| {
        el(
            "div",
            "warn",
            vec![
                t(c.t("在不同手机上各自录入了不同版本，请核对后点“编辑”保存为一个版本：", "Different versions were recorded on different phones; check them, then Edit and save one version:")),
                el("ul", "", lines.into_iter().map(|l| el("li", "", vec![t(l)])).collect()),
            ],
        )
        .attr("data-testid", "conflict")
    })
}

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

/// One cadre in the list.
fn cadre_item(
    c: Ctx,
    id: &str,
    versions: &Versions<CadreProfile>,
    on: chrono::NaiveDate,
    policy: &crate::domain::policy::W4Policy,
    editing: RwSignal<Edit<CadreProfile>>,
) -> Option<Node> {
    let zh = c.is_zh();
    let p = versions.current()?;
    let conflicts = conflict_lines(c, versions, |x| {
        format!("{} · {}", x.name, sanling_line(x, on, zh))
    });
    let mut kids = cadre_facts(c, p, on);
    kids.extend(excluded_node(c, p, on, policy));
    kids.extend(conflict_node(c, conflicts));
    if may_edit(c) {
        let edit = (
            id.to_string(),
            p.clone(),
            versions.live().iter().map(|v| v.id.clone()).collect(),
        );
        kids.push(act(c.t("编辑", "Edit"), move || {
            editing.set(Some(edit.clone()))
        }));
    }
    Some(el("li", "stack", kids).attr("data-cadre", id))
}

/// A cadre's name and person, 三龄两历一身份, current post, work history and grades.
fn cadre_facts(c: Ctx, p: &CadreProfile, on: chrono::NaiveDate) -> Vec<Node> {
    let zh = c.is_zh();
    let now = current_position(p, on)
        .map(|x| format!("{}{}", x.unit, x.title))
        .unwrap_or_default();
    let grades: Vec<String> = p
        .grades
        .iter()
        .map(|(y, g)| format!("{y} {}", g.label_in(zh)))
        .collect();
    vec![
        el(
            "b",
            "",
            vec![t(format!(
                "{} · {} · {} · {}",
                p.name,
                gender_label(&p.gender, zh),
                p.ethnicity,
                p.birth
            ))],
        ),
        el("span", "", vec![t(sanling_line(p, on, zh))]).attr("data-testid", "sanling"),
        el(
            "span",
            "hint",
            vec![t(format!("{}{now}", c.t("现任：", "Now: ")))],
        ),
        el(
            "span",
            "meta",
            vec![t(format!(
                "{}{}",
                c.t("工作经历：", "History: "),
                history_text(p, on, zh)
            ))],
        ),
        el(
            "span",
            "meta",
            vec![t(format!(
                "{}{}",
                c.t("年度考核：", "Grades: "),
                grades.join(c.t("，", ", "))
            ))],
        ),
    ]
}

/// Why the cadre cannot be an inspection target (none: nothing shown).
fn excluded_node(
    c: Ctx,
    p: &CadreProfile,
    on: chrono::NaiveDate,
    policy: &crate::domain::policy::W4Policy,
) -> Option<Node> {
    let bars: Vec<String> = exclusions(p, None, on, policy)
        .iter()
        .map(|b| b.reason(c.is_zh()))
        .collect();
    (!bars.is_empty()).then(|| {
        let text = format!(
            "{}{}",
            c.t("不得列为考察对象：", "Cannot be an inspection target: "),
            bars.join(c.t("；", "; "))
        );
        el("span", "warn", vec![t(text)]).attr("data-testid", "excluded")
    })
}

/// One post in the list.
fn post_item(
    c: Ctx,
    s: &State,
    versions: &Versions<Post>,
    edit: RwSignal<Edit<Post>>,
) -> Option<Node> {
    let p = versions.current()?;
    let held = s.cadre_selection.seats_taken(&p.id, today(), "", "");
    let text = format!(
        "{}{} · {}{} · {}{held} ",
        p.unit,
        p.title,
        c.t("职数 ", "quota "),
        p.quota,
        c.t("现有 ", "in post ")
    );
    let conflicts = conflict_lines(c, versions, |x| {
        format!("{}{} {} {}", x.unit, x.title, c.t("职数", "quota"), x.quota)
    });
    let this = (
        p.id.clone(),
        p.clone(),
        versions.live().iter().map(|v| v.id.clone()).collect(),
    );
    let mut kids = vec![t(text)];
    if may_edit(c) {
        kids.push(act(c.t("编辑", "Edit"), move || {
            edit.set(Some(this.clone()))
        }));
    }
    if let Some(m) = s.cadre_selection.over_quota_review(&p.id, today()) {
        let text = if c.is_zh() { m.zh } else { m.en };
        kids.push(el("div", "warn", vec![t(text)]).attr("data-testid", "over-quota"));
    }
    kids.extend(conflict_node(c, conflicts));
    Some(el("li", "", kids).attr("data-post", p.id.clone()))
}

/// The cadres and posts page.
#[component]
pub fn CadrePool() -> impl IntoView {
    let c = use_ctx();
    let editing = RwSignal::new(None);
    let post_edit = RwSignal::new(None);
    let list = move || {
        let on = today();
        c.with_state(|s| {
            let policy = s.policies.at(on);
            let mut v: Vec<_> = s
                .cadre_selection
                .cadres
                .iter()
                .filter(|(_, x)| x.current().is_some())
                .collect();
            v.sort_by_cached_key(|(id, x)| (x.current().map(|p| p.name.clone()), id.to_string()));
            render_all(
                v.into_iter()
                    .filter_map(|(id, x)| cadre_item(c, id, x, on, &policy.w4, editing))
                    .collect(),
            )
        })
    };
    let posts = move || {
        c.with_state(|s| {
            render_all(
                s.cadre_selection
                    .posts
                    .values()
                    .filter_map(|v| post_item(c, s, v, post_edit))
                    .collect(),
            )
        })
    };
    view! {
        <section class="card">
            {render(link(c.t("← 选任事项", "← Cases"), Route::Cases.href()))}
            <h1>{c.t("干部信息", "Cadres")}</h1>
            <ul class="list" data-testid="cadres">{list}</ul>
        </section>
        {move || if may_edit(c) {
            view! { <CadreForm edit=editing.get() done=editing /> }.into_any()
        } else {
            view! { <section class="card">{only_admin(c)}</section> }.into_any()
        }}
        <section class="card">
            <h2>{c.t("职位与职数", "Posts and quotas")}</h2>
            <ul class="list" data-testid="posts">{posts}</ul>
            {move || may_edit(c).then(|| view! { <PostForm edit=post_edit.get() done=post_edit /> })}
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
fn CadreForm(edit: Edit<CadreProfile>, done: RwSignal<Edit<CadreProfile>>) -> impl IntoView {
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
            done.set(None);
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
fn PostForm(edit: Edit<Post>, done: RwSignal<Edit<Post>>) -> impl IntoView {
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
        done.set(None);
        Ok(())
    });
    view! {
        <b>{if is_edit { c.t("编辑职位", "Edit post") } else { c.t("添加职位", "Add a post") }}</b>
        <DataForm form=POST_FORM send button=("保存职位", "Save post") done=("职位已保存", "Post saved") testid="post-form" init clear=!is_edit />
    }
}
