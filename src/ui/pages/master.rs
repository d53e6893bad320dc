//! Master data: townships, villages with population, and their two heads.

use leptos::prelude::*;

use std::sync::Arc;

use crate::domain::form::Inputs;
use crate::domain::master_forms::{
    read_township, read_village, village_inputs, TOWNSHIP_FORM, VILLAGE_FORM,
};
use crate::domain::village_pay::Command;
use crate::store::RecordError;
use crate::ui::components::{DataForm, Send};
use crate::ui::ctx::{now_ms, random_u64, use_ctx};

/// Townships and their villages, with add/edit forms.
#[component]
pub fn Master() -> impl IntoView {
    let c = use_ctx();
    let add_township: Send = Arc::new(move |inputs: &Inputs| {
        let t = read_township(inputs).map_err(RecordError::rules)?;
        let township = crate::domain::id::generate("t", now_ms(), random_u64());
        c.record(Command::RecordTownship {
            township,
            name: t.name,
        })
        .map(|_| ())
    });
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
            <DataForm form=TOWNSHIP_FORM send=add_township button=("添加乡镇", "Add township") done=("已添加乡镇", "Township added") testid="add-township" class="row-form" clear=true />
        </section>
        {extra_form()}
        <MasterConflicts />
        <For each=townships key=|t| t.clone() let((tid, tname))>
            <TownshipCard tid tname />
        </For>
    }
}

/// `make bench`'s one more form (only with `--features bench-extra-form`).
#[cfg(feature = "bench-extra-form")]
fn extra_form() -> impl IntoView {
    use crate::domain::bench_form::{SampleInput, SAMPLE_FORM};
    use crate::ui::components::read_form;
    let c = use_ctx();
    let send: Send = Arc::new(move |inputs: &Inputs| {
        let input: SampleInput = read_form(SAMPLE_FORM, inputs)?;
        let township = crate::domain::id::generate("t", now_ms(), random_u64());
        c.record(Command::RecordTownship {
            township,
            name: input.name,
        })
        .map(|_| ())
    });
    view! { <DataForm form=SAMPLE_FORM send button=("保存", "Save") done=("已保存", "Saved") /> }
}

/// Nothing, in the app as shipped.
#[cfg(not(feature = "bench-extra-form"))]
fn extra_form() {}

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
                .cloned()
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
                <For each=villages key=|v| v.clone() let(v)>
                    <li class="village">
                        <b>{v.name.clone()}</b>
                        <span>{move || format!("{} {}", c.t("人口", "population"), v.population)}</span>
                        <span>{let s = v.secretary.clone(); move || format!("{}{s}", c.t("书记：", "Secretary: "))}</span>
                        <span>{let d = v.director.clone(); move || format!("{}{d}", c.t("主任：", "Director: "))}</span>
                        <details>
                            <summary>{c.t("修改", "Edit")}</summary>
                            <VillageForm tid=tid2.clone() vid=Some(v.id.clone()) init=village_inputs(Some(&v)) />
                        </details>
                    </li>
                </For>
            </ul>
            <details class="add">
                <summary>{c.t("添加村", "Add village")}</summary>
                <VillageForm tid=tid.clone() vid=None init=Inputs::new() />
            </details>
        </section>
    }
}

/// Add or edit a village and its heads (one atomic record).
#[component]
fn VillageForm(tid: String, vid: Option<String>, init: Inputs) -> impl IntoView {
    let c = use_ctx();
    let clear = vid.is_none();
    let send: Send = Arc::new(move |inputs: &Inputs| {
        let v = read_village(inputs).map_err(RecordError::rules)?;
        let village = vid
            .clone()
            .unwrap_or_else(|| crate::domain::id::generate("v", now_ms(), random_u64()));
        let cmd = Command::RecordVillage {
            village,
            township: tid.clone(),
            name: v.name,
            population: v.population,
            secretary: v.secretary,
            director: v.director,
        };
        c.record(cmd).map(|_| ())
    });
    view! { <DataForm form=VILLAGE_FORM send button=("保存", "Save") done=("已保存", "Saved") testid="village-form" init clear /> }
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
