//! Master data: townships, villages with population, and their two heads.

use leptos::prelude::*;

use crate::domain::master::check_village_form;
use crate::domain::village_pay::Command;
use crate::store::RecordError;
use crate::ui::components::{FormError, Notice, TextField};
use crate::ui::ctx::{now_ms, random_u64, use_ctx};

/// Townships and their villages, with add/edit forms.
#[component]
pub fn Master() -> impl IntoView {
    let c = use_ctx();
    let name = RwSignal::new(String::new());
    let err = RwSignal::new(None::<RecordError>);
    let ok = RwSignal::new(String::new());
    let add_township = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let cmd = Command::RecordTownship {
            township: crate::domain::id::generate("t", now_ms(), random_u64()),
            name: name.get_untracked(),
        };
        match c.record(cmd) {
            Ok(_) => {
                ok.set(format!(
                    "{} {}",
                    c.t("已添加乡镇", "Township added:"),
                    name.get_untracked().trim()
                ));
                name.set(String::new());
                err.set(None);
            }
            Err(e) => {
                ok.set(String::new());
                err.set(Some(e));
            }
        }
    };
    let townships = move || {
        c.with_state(|s| {
            s.master
                .townships_sorted()
                .into_iter()
                .map(|t| (t.id.clone(), t.name.clone()))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="card">
            <h1>{c.t("基础信息", "Townships and villages")}</h1>
            <form on:submit=add_township class="row-form" data-testid="add-township">
                <TextField label=c.t("新乡镇名称", "New township") value=name field="name" err />
                <FormError err />
                <Notice msg=ok err />
                <button type="submit">{c.t("添加乡镇", "Add township")}</button>
            </form>
        </section>
        <MasterConflicts />
        <For each=townships key=|t| t.clone() let((tid, tname))>
            <TownshipCard tid tname />
        </For>
    }
}

/// One township: its villages and the add-village form.
#[component]
fn TownshipCard(tid: String, tname: String) -> impl IntoView {
    let c = use_ctx();
    let t2 = tid.clone();
    let villages = move || {
        c.with_state(|s| {
            s.master
                .villages_of(&t2)
                .into_iter()
                .map(|v| {
                    (
                        v.id.clone(),
                        v.name.clone(),
                        v.population,
                        v.secretary.clone(),
                        v.director.clone(),
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    let tid2 = tid.clone();
    let role = crate::domain::access::township_role(&tid);
    view! {
        <section class="card" data-testid="township">
            <h2>{tname}</h2>
            <p class="hint" data-testid="township-role">
                {c.t("本乡镇人员的服务器角色：", "Server role of this township's staff: ")}<code>{role}</code>
            </p>
            <ul class="list">
                <For each=villages key=|v| v.clone() let((id, name, population, secretary, director))>
                    <li class="village">
                        <b>{name.clone()}</b>
                        <span>{move || format!("{} {population}", c.t("人口", "population"))}</span>
                        <span>{let s = secretary.clone(); move || format!("{}{s}", c.t("书记：", "Secretary: "))}</span>
                        <span>{let d = director.clone(); move || format!("{}{d}", c.t("主任：", "Director: "))}</span>
                        <details>
                            <summary>{c.t("修改", "Edit")}</summary>
                            <VillageForm tid=tid2.clone() vid=Some(id.clone()) name=name.clone() population=population.to_string() secretary=secretary.clone() director=director.clone() />
                        </details>
                    </li>
                </For>
            </ul>
            <details class="add">
                <summary>{c.t("添加村", "Add village")}</summary>
                <VillageForm tid=tid.clone() vid=None name=String::new() population=String::new() secretary=String::new() director=String::new() />
            </details>
        </section>
    }
}

/// Add or edit a village and its heads (one atomic record).
#[component]
fn VillageForm(
    tid: String,
    vid: Option<String>,
    name: String,
    population: String,
    secretary: String,
    director: String,
) -> impl IntoView {
    let c = use_ctx();
    let is_new = vid.is_none();
    let name = RwSignal::new(name);
    let population = RwSignal::new(population);
    let secretary = RwSignal::new(secretary);
    let director = RwSignal::new(director);
    let err = RwSignal::new(None::<RecordError>);
    let ok = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = check_village_form(
            &name.get_untracked(),
            &population.get_untracked(),
            &secretary.get_untracked(),
            &director.get_untracked(),
        );
        let pop = match form {
            Ok(p) => p,
            Err(all) => return err.set(Some(RecordError::rules(all))),
        };
        let cmd = Command::RecordVillage {
            village: vid
                .clone()
                .unwrap_or_else(|| crate::domain::id::generate("v", now_ms(), random_u64())),
            township: tid.clone(),
            name: name.get_untracked(),
            population: pop,
            secretary: secretary.get_untracked(),
            director: director.get_untracked(),
        };
        match c.record(cmd) {
            Ok(_) => {
                err.set(None);
                ok.set(c.t("已保存", "Saved").to_string());
                if is_new {
                    for s in [name, population, secretary, director] {
                        s.set(String::new());
                    }
                }
            }
            Err(e) => {
                ok.set(String::new());
                err.set(Some(e));
            }
        }
    };
    view! {
        <form on:submit=submit class="stack" data-testid="village-form">
            <TextField label=c.t("村名", "Village") value=name field="name" err />
            <TextField label=c.t("户籍人口", "Population") value=population field="population" err inputmode="numeric" />
            <TextField label=c.t("党组织书记", "Party secretary") value=secretary field="secretary" err />
            <TextField label=c.t("村委会主任", "Village director") value=director field="director" err />
            <FormError err />
            <Notice msg=ok err />
            <button type="submit" class="primary">{c.t("保存", "Save")}</button>
        </form>
    }
}

/// Records edited on two phones at once: both versions, and what the administrator does.
#[component]
fn MasterConflicts() -> impl IntoView {
    use crate::domain::master::Part;
    let c = use_ctx();
    let conflicts = Memo::new(move |_| {
        c.with_state(|s| {
            s.master
                .conflicts()
                .into_iter()
                .map(|x| {
                    let what = match x.part {
                        Part::Township => s.master.townships.get(&x.id).map(|t| t.name.clone()),
                        Part::Village | Part::Heads => {
                            s.master.villages.get(&x.id).map(|v| v.name.clone())
                        }
                    }
                    .unwrap_or_default();
                    (x.part, what, x.versions)
                })
                .collect::<Vec<_>>()
        })
    });
    move || {
        let list = conflicts.get();
        (!list.is_empty()).then(|| {
            view! {
                <section class="card banner warn" data-testid="master-conflicts" role="alert">
                    <h2>{c.t("需复核：两部手机同时修改了基础信息", "To review: master data edited on two phones at once")}</h2>
                    <p class="hint">{c.t(
                        "以下各项有两个互不知情的不同版本，评定等次会等待。请核对后在下方重新填写并保存正确的内容，两个版本都会保留在记录中。",
                        "Each item below has two different versions made without seeing each other; grading waits. Check, then fill in and save the right content below; both versions stay on record.")}</p>
                    <ul class="list">
                        {list.into_iter().map(|(part, what, versions)| {
                            let label = match part {
                                Part::Township => c.t("乡镇名称", "Township name"),
                                Part::Village => c.t("村名与人口", "Village name and population"),
                                Part::Heads => c.t("书记与主任", "Secretary and director"),
                            };
                            view! {
                                <li>
                                    <b>{what}</b>" · "{label}
                                    <ul>{versions.into_iter().map(|(who, at, said)| view! {
                                        <li>{said}" — "{who}" · "{crate::domain::time::format_beijing(at)}</li>
                                    }).collect_view()}</ul>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
            }
        })
    }
}
