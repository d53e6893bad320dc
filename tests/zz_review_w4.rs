#![cfg(not(target_arch = "wasm32"))]
//! REVIEW scratch tests (temporary).
mod common;
use common::cadre::*;
use common::*;
use jishi::domain::cadre_selection::case_forms::{disclosures_card, ending_forms};
use jishi::domain::cadre_selection::case_screen::{case_progress, case_top, Viewer};
use jishi::domain::cadre_selection::record_form::record_card;
use jishi::domain::cadre_selection::signoff_screen::signoff_card;
use jishi::domain::cadre_selection::{Command, Ending};
use jishi::domain::event::Role;
use jishi::domain::form::Inputs;
use jishi::domain::screen::{texts, Block, Card, Focus, FormBlock, Screen, Sent};

fn forms_of(screen: &Screen) -> Vec<FormBlock> {
    let mut out = Vec::new();
    let mut blocks: Vec<Block> = screen.iter().flat_map(|c| c.blocks.clone()).collect();
    while let Some(b) = blocks.pop() {
        match b {
            Block::Form(f) => out.push(*f),
            Block::Record(r) => blocks.extend(r.body),
            _ => {}
        }
    }
    out
}
fn sent(today: chrono::NaiveDate) -> Sent {
    Sent {
        today,
        now_ms: 1_775_000_000_000,
        random: 5,
    }
}
fn cjk(s: &str) -> bool {
    s.chars().any(|c| {
        ('\u{4e00}'..='\u{9fff}').contains(&c)
            || ('\u{3000}'..='\u{303f}').contains(&c)
            || ('\u{ff00}'..='\u{ffef}').contains(&c)
    })
}

#[test]
fn review_ended_case_offers_disclosure_form_that_decider_refuses() {
    let mut dev = through_decision();
    let on = d(2026, 4, 2);
    dev.ok(
        Role::Recorder,
        on,
        Command::EndCase {
            case: CASE.into(),
            on,
            ending: Ending::VoteFailed,
            reason: "表决未通过".into(),
        },
    );
    let case = case(&dev).clone();
    let who = Viewer {
        role: Role::Recorder,
        today: on,
        zh: true,
    };
    let card = disclosures_card(dev.state(), &case, who, &Focus::default());
    let forms = forms_of(&vec![card.clone()]);
    println!(
        "ended: disclosure forms offered: {:?}",
        forms.iter().map(|f| f.testid).collect::<Vec<_>>()
    );
    let corr = card
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Record(r) if r.correct.is_some()))
        .count();
    println!("ended: disclosure correction buttons: {corr}");
    println!(
        "ended: record card: {:?}",
        texts(&record_card(dev.state(), &case, who, &Focus::default()))
    );
    println!(
        "ended: ending forms: {:?}",
        forms_of(&ending_forms(&case, true, who))
            .iter()
            .map(|f| f.testid)
            .collect::<Vec<_>>()
    );
    let mut inputs: Inputs = Inputs::new();
    inputs.insert("cadre".into(), A.into());
    inputs.insert("round".into(), "second".into());
    inputs.insert("start".into(), "2026-04-02".into());
    let cmd = forms[0]
        .command(&inputs, &sent(on), dev.state())
        .expect("reads");
    let r = dev.run(Role::Recorder, on, cmd);
    println!("ended: disclose => {:?}", r.err().map(|e| e.message(true)));
}

#[test]
fn review_hostile_inputs_and_languages() {
    let dev = through_decision();
    let on = d(2026, 4, 2);
    let case = case(&dev).clone();
    for zh in [true, false] {
        let who = Viewer {
            role: Role::Recorder,
            today: on,
            zh,
        };
        let mut screens: Vec<Screen> = vec![
            record_card(dev.state(), &case, who, &Focus::default()),
            ending_forms(&case, false, who),
            vec![disclosures_card(dev.state(), &case, who, &Focus::default())],
        ];
        let who_a = Viewer {
            role: Role::Approver,
            today: on,
            zh,
        };
        screens.push(vec![signoff_card(&case, who_a)]);
        for s in &screens {
            for f in forms_of(s) {
                for bad in [
                    "2026-02-30",
                    "0000-01-01",
                    "-0001-01-01",
                    "+262143-12-31",
                    "9999-12-31",
                    "2026-4-2",
                    " 2026-04-02 ",
                    "",
                    "<script>",
                ] {
                    let mut inputs = f.init.clone();
                    for field in f.form.fields {
                        if field.name == "on" || field.name == "start" {
                            inputs.insert(field.name.into(), bad.into());
                        }
                    }
                    match f.command(&inputs, &sent(on), dev.state()) {
                        Ok(cmd) => {
                            let mut d2 = through_decision();
                            let role = if f.testid.starts_with("submit") {
                                Role::Approver
                            } else {
                                Role::Recorder
                            };
                            let r = d2.run(role, on, cmd);
                            let msg = r
                                .err()
                                .map(|e| e.message(zh))
                                .unwrap_or_else(|| "ACCEPTED".into());
                            if !zh && cjk(&msg) {
                                println!("CJK in English decider message: {}", msg);
                            }
                            println!("{} {} {:?} => decider: {}", zh, f.form.key, bad, msg);
                        }
                        Err(v) => {
                            let m: Vec<String> = v
                                .iter()
                                .map(|x| if zh { x.zh.clone() } else { x.en.clone() })
                                .collect();
                            if !zh && m.iter().any(|x| cjk(x)) {
                                println!("CJK in English form message: {:?}", m);
                            }
                            println!("{} {} {:?} => form: {:?}", zh, f.form.key, bad, m);
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn review_english_case_page_has_no_chinese_outside_data() {
    let dev = in_publicity();
    let on = d(2026, 4, 3);
    let case = case(&dev).clone();
    for role in [
        Role::Recorder,
        Role::Approver,
        Role::Admin,
        Role::CadreChief,
    ] {
        let who = Viewer {
            role,
            today: on,
            zh: false,
        };
        let mut all: Vec<String> = Vec::new();
        all.extend(texts(&case_top(dev.state(), CASE, who)));
        all.extend(texts(&case_progress(dev.state(), CASE, who)));
        all.extend(texts(&record_card(
            dev.state(),
            &case,
            who,
            &Focus::default(),
        )));
        all.extend(texts(&ending_forms(&case, false, who)));
        all.extend(texts(&vec![disclosures_card(
            dev.state(),
            &case,
            who,
            &Focus::default(),
        )]));
        all.extend(texts(&vec![signoff_card(&case, who)]));
        let mut labels = Vec::new();
        let mut screens = vec![
            record_card(dev.state(), &case, who, &Focus::default()),
            ending_forms(&case, false, who),
            vec![disclosures_card(dev.state(), &case, who, &Focus::default())],
            vec![signoff_card(&case, who)],
        ];
        screens.push(Vec::<Card>::new());
        for s in &screens {
            for f in forms_of(s) {
                for field in f.form.fields {
                    labels.push(field.label(false).to_string());
                }
                labels.push(f.button.clone());
                labels.push(f.done.clone());
                if let Some(x) = &f.folded {
                    labels.push(x.clone());
                }
            }
        }
        for t in all.iter().chain(labels.iter()) {
            if cjk(t) {
                println!("{role:?} EN text with CJK: {t}");
            }
        }
    }
}
