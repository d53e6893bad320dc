//! W4 master data (organization department): cadre profiles with the computed
//! 三龄两历一身份 and exclusion reasons, and posts with their quota (职数).

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos_router::components::A;

use std::fmt::Write;

use super::w4_common::{clicked_data, esc, input, num, opt_date, raw, select, send, FormValues};
use crate::domain::w4::{
    current_position, exclusions, sanling, AnnualGrade, CadreFlags, CadreProfile, Command, Position,
};
use crate::domain::RuleViolation;
use crate::store::RecordError;
use crate::ui::components::{FormError, Notice};
use crate::ui::ctx::{today, use_ctx};

const GRADES: [AnnualGrade; 4] = [
    AnnualGrade::Excellent,
    AnnualGrade::Competent,
    AnnualGrade::BasicallyCompetent,
    AnnualGrade::Incompetent,
];

fn grade_key(g: AnnualGrade) -> &'static str {
    match g {
        AnnualGrade::Excellent => "excellent",
        AnnualGrade::Competent => "competent",
        AnnualGrade::BasicallyCompetent => "basically_competent",
        AnnualGrade::Incompetent => "incompetent",
    }
}

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

/// One line of "三龄两历一身份" on `on`.
pub fn sanling_line(p: &CadreProfile, on: chrono::NaiveDate, zh: bool) -> String {
    let s = sanling(p, on);
    let party = match s.party_age {
        Some(a) if zh => format!("党龄 {a} 年"),
        Some(a) => format!("party {a} y"),
        None if zh => "党外".into(),
        None => "non-party".into(),
    };
    if zh {
        format!(
            "年龄 {} 岁 · {party} · 工龄 {} 年 · {} · {}",
            s.age, s.work_age, s.education, s.identity
        )
    } else {
        format!(
            "age {} · {party} · work {} y · {} · {}",
            s.age, s.work_age, s.education, s.identity
        )
    }
}

/// Work history as text, oldest first.
pub fn history_text(p: &CadreProfile, on: chrono::NaiveDate) -> String {
    sanling(p, on)
        .history
        .iter()
        .map(|h| {
            format!(
                "{}–{} {}{}",
                h.start,
                h.end.map(|e| e.to_string()).unwrap_or_default(),
                h.unit,
                h.title
            )
        })
        .collect::<Vec<_>>()
        .join("；")
}

/// The cadres and posts page.
#[component]
pub fn W4Cadres() -> impl IntoView {
    let c = use_ctx();
    let editing = RwSignal::new(None::<(String, CadreProfile)>);
    let list = move || {
        let zh = c.is_zh();
        let on = today();
        c.with_state(|s| {
            let policy = s.policies.at(on);
            let mut v: Vec<_> = s.w4.cadres.iter().collect();
            v.sort_by(|a, b| a.1 .2.name.cmp(&b.1 .2.name).then(a.0.cmp(b.0)));
            let mut h = String::new();
            for (id, (_, _, p)) in v {
                let bars: Vec<String> = exclusions(p, None, on, &policy.w4)
                    .iter()
                    .map(|b| b.reason(zh))
                    .collect();
                let now = current_position(p, on)
                    .map(|x| format!("{}{}", x.unit, x.title))
                    .unwrap_or_default();
                let grades: Vec<String> = p
                    .grades
                    .iter()
                    .map(|(y, g)| format!("{y} {}", g.label()))
                    .collect();
                let _ = write!(
                    h,
                    "<li class='stack' data-cadre='{id}'><b>{}</b><span data-testid='sanling'>{}</span>\
                     <span class='hint'>{}{}</span><span class='meta'>{}{}</span><span class='meta'>{}{}</span>",
                    esc(&format!("{}（{}）{} · {} · {}", p.name, id, p.gender, p.ethnicity, p.birth)),
                    esc(&sanling_line(p, on, zh)),
                    c.t("现任：", "Now: "),
                    esc(&now),
                    c.t("工作经历：", "History: "),
                    esc(&history_text(p, on)),
                    c.t("年度考核：", "Grades: "),
                    grades.join("，"),
                    id = esc(id),
                );
                if !bars.is_empty() {
                    let _ = write!(
                        h,
                        "<span class='warn' data-testid='excluded'>{}{}</span>",
                        c.t("不得列为考察对象：", "Cannot be an inspection target: "),
                        esc(&bars.join("；"))
                    );
                }
                let _ = write!(h, "<button type='button' data-edit='{}'>{}</button></li>", esc(id), c.t("编辑", "Edit"));
            }
            format!("<ul class='list' data-testid='cadres'>{h}</ul>")
        })
    };
    let on_edit = move |ev: leptos::ev::MouseEvent| {
        if let Some(id) = clicked_data(&ev, "data-edit") {
            let p = c.with_state(|s| s.w4.cadre(&id).cloned());
            if let Some(p) = p {
                editing.set(Some((id, p)));
            }
        }
    };
    let posts = move || {
        c.with_state(|s| {
            s.w4.posts
                .iter()
                .map(|(id, (_, _, p))| {
                    let held = s.w4.holders(id, today());
                    view! { <li data-post=id.clone()>{format!("{} · {}{} · ", id, p.unit, p.title)}{c.t("职数 ", "quota ")}{p.quota}{c.t("，现有 ", ", in post ")}{held}</li> }
                })
                .collect_view()
        })
    };
    view! {
        <section class="card">
            <A href="/w4">{c.t("← 选任事项", "← Cases")}</A>
            <h1>{c.t("干部信息", "Cadres")}</h1>
            <div on:click=on_edit>{move || raw(list())}</div>
        </section>
        {move || view! { <CadreForm edit=editing.get() done=editing /> }}
        <section class="card">
            <h2>{c.t("职位与职数", "Posts and quotas")}</h2>
            <ul class="list" data-testid="posts">{posts}</ul>
            <PostForm />
        </section>
    }
}

fn profile_from(f: &FormValues) -> Result<(String, CadreProfile), RuleViolation> {
    let mut positions = Vec::new();
    let units = f.all("pos_unit");
    let titles = f.all("pos_title");
    let post_ids = f.all("pos_post");
    let starts = f.all("pos_start");
    let ends = f.all("pos_end");
    for (i, unit) in units.iter().enumerate() {
        let title = titles.get(i).cloned().unwrap_or_default();
        if unit.trim().is_empty() && title.trim().is_empty() {
            continue;
        }
        positions.push(Position {
            unit: unit.trim().to_string(),
            title: title.trim().to_string(),
            post: post_ids.get(i).cloned().unwrap_or_default(),
            start: crate::domain::time::date_field(
                starts.get(i).map(String::as_str).unwrap_or(""),
                "positions",
            )?,
            end: opt_date(ends.get(i).map(String::as_str).unwrap_or(""), "positions")?,
        });
    }
    let mut grades = BTreeMap::new();
    let years = f.all("grade_year");
    let gs = f.all("grade");
    for (i, y) in years.iter().enumerate() {
        if y.trim().is_empty() {
            continue;
        }
        let year = num(y, "grades")? as i32;
        let g = GRADES
            .into_iter()
            .find(|g| Some(grade_key(*g)) == gs.get(i).map(String::as_str))
            .unwrap_or(AnnualGrade::Competent);
        grades.insert(year, g);
    }
    let flags = CadreFlags {
        has_spouse: f.get("has_spouse") == "yes",
        spouse_emigrated: f.get("spouse_emigrated") == "yes",
        children: num(&f.get("children"), "children")?,
        children_emigrated: num(&f.get("children_emigrated"), "children_emigrated")?,
        sanction_until: opt_date(&f.get("sanction_until"), "sanction_until")?,
        canvassing: f.get("canvassing").trim().to_string(),
        other_bar: f.get("other_bar").trim().to_string(),
    };
    let profile = CadreProfile {
        name: f.get("name"),
        gender: f.get("gender"),
        ethnicity: f.get("ethnicity").trim().to_string(),
        birth: f.date("birth")?,
        party_join: opt_date(&f.get("party_join"), "party_join")?,
        work_start: f.date("work_start")?,
        education: f.get("education").trim().to_string(),
        identity: f.get("identity").trim().to_string(),
        positions,
        grades,
        flags,
    };
    Ok((f.get("cadre").trim().to_string(), profile))
}

/// Add or edit a cadre's profile.
#[component]
fn CadreForm(
    edit: Option<(String, CadreProfile)>,
    done: RwSignal<Option<(String, CadreProfile)>>,
) -> impl IntoView {
    let c = use_ctx();
    let zh = c.is_zh();
    let err = RwSignal::new(None::<RecordError>);
    let ok = RwSignal::new(String::new());
    let is_edit = edit.is_some();
    let (id, p) = edit.unwrap_or_else(|| {
        (
            String::new(),
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
            },
        )
    });
    let blank_date = |d: chrono::NaiveDate| {
        if d == chrono::NaiveDate::MIN {
            String::new()
        } else {
            d.to_string()
        }
    };
    let post_opts = move || {
        let mut v = vec![(String::new(), String::from("—"))];
        untrack(|| {
            c.with_state(|s| {
                for (id, (_, _, p)) in &s.w4.posts {
                    v.push((id.clone(), format!("{}{}", p.unit, p.title)));
                }
            })
        });
        v
    };
    let pos_rows = RwSignal::new(p.positions.len().max(1));
    let grade_rows = RwSignal::new(p.grades.len().max(3));
    let positions = p.positions.clone();
    let grades: Vec<(i32, AnnualGrade)> = p.grades.iter().map(|(y, g)| (*y, *g)).collect();
    let grade_opts: Vec<(String, String)> = GRADES
        .iter()
        .map(|g| (grade_key(*g).to_string(), g.label().to_string()))
        .collect();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        let f = FormValues::of(&ev);
        let cmd = profile_from(&f).map(|(cadre, profile)| Command::RecordCadre { cadre, profile });
        if send(c, cmd, err, ok, c.t("干部信息已保存", "Cadre saved")) {
            done.set(None);
        }
    };
    let fl = p.flags.clone();
    view! {
        <section class="card">
            <h2>{if is_edit { c.t("编辑干部信息", "Edit cadre") } else { c.t("添加干部", "Add a cadre") }}</h2>
            <form class="stack" data-testid="cadre-form" on:submit=on_submit>
                {input(c.t("干部编号", "Cadre id"), "cadre", "text", id, err)}
                {input(c.t("姓名", "Name"), "name", "text", p.name.clone(), err)}
                {select(c.t("性别", "Gender"), "gender", vec![("男".into(), c.t("男", "Male").into()), ("女".into(), c.t("女", "Female").into())], p.gender.clone(), err)}
                {input(c.t("民族", "Ethnicity"), "ethnicity", "text", p.ethnicity.clone(), err)}
                {input(c.t("出生日期", "Birth date"), "birth", "date", blank_date(p.birth), err)}
                {input(c.t("入党时间（党外留空）", "Party join (blank: non-party)"), "party_join", "date", ds(p.party_join), err)}
                {input(c.t("参加工作时间", "Work start"), "work_start", "date", blank_date(p.work_start), err)}
                {input(c.t("学历", "Education"), "education", "text", p.education.clone(), err)}
                {input(c.t("身份", "Identity"), "identity", "text", p.identity.clone(), err)}
                <fieldset>
                    <legend>{c.t("任职经历", "Positions held")}</legend>
                    {move || (0..pos_rows.get()).map(|i| {
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
                    <button type="button" on:click=move |_| pos_rows.update(|n| *n += 1)>{c.t("+ 任职经历", "+ Position")}</button>
                </fieldset>
                <fieldset>
                    <legend>{c.t("年度考核等次", "Annual grades")}</legend>
                    {move || (0..grade_rows.get()).map(|i| {
                        let g = grades.get(i);
                        view! {
                            <div class="indicator-row">
                                <input type="number" inputmode="numeric" name="grade_year" placeholder=c.t("年度", "Year") value=g.map(|g| g.0.to_string()).unwrap_or_default() />
                                <select name="grade">
                                    {grade_opts.iter().map(|(k, l)| {
                                        let sel = g.map(|g| grade_key(g.1)) == Some(k.as_str()) || (g.is_none() && k == "competent");
                                        view! { <option value=k.clone() selected=sel>{l.clone()}</option> }
                                    }).collect_view()}
                                </select>
                            </div>
                        }
                    }).collect_view()}
                    <FieldError err field="grades" />
                    <button type="button" on:click=move |_| grade_rows.update(|n| *n += 1)>{c.t("+ 年度", "+ Year")}</button>
                </fieldset>
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
                <FormError err />
                <Notice msg=ok />
                <button type="submit" class="primary">{c.t("保存干部信息", "Save cadre")}</button>
            </form>
        </section>
    }
}

use crate::ui::components::FieldError;

/// Add or update a post and its quota.
#[component]
fn PostForm() -> impl IntoView {
    let c = use_ctx();
    let err = RwSignal::new(None::<RecordError>);
    let ok = RwSignal::new(String::new());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        let f = FormValues::of(&ev);
        let cmd = num(&f.get("quota"), "quota").map(|quota| Command::RecordPost {
            post: f.get("post").trim().to_string(),
            unit: f.get("unit"),
            title: f.get("title"),
            quota,
        });
        send(c, cmd, err, ok, c.t("职位已保存", "Post saved"));
    };
    view! {
        <form class="stack" data-testid="post-form" on:submit=on_submit>
            {input(c.t("职位编号", "Post id"), "post", "text", String::new(), err)}
            {input(c.t("单位", "Unit"), "unit", "text", String::new(), err)}
            {input(c.t("职务名称", "Title"), "title", "text", String::new(), err)}
            {input(c.t("职数", "Quota"), "quota", "number", "1".into(), err)}
            <FormError err />
            <Notice msg=ok />
            <button type="submit" class="primary">{c.t("保存职位", "Save post")}</button>
        </form>
    }
}
