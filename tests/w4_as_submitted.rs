#![cfg(not(target_arch = "wasm32"))]
//! What each submission upward (初次提交 / 二次提交, seed 003) covered: the signatures
//! that stood for it — not today's — and its 纪实表 as submitted, with the old value of a
//! record corrected since (issue 14, part 1: "what was submitted upward … with the
//! record sheets").

mod common;

use common::cadre::*;
use common::*;
use jishi::domain::cadre_selection::documents::{as_submitted_sheet, record_sheet};
use jishi::domain::cadre_selection::{
    self as w4, Command, Reconstructed, SignOff, StepRecord, Submission,
};
use jishi::domain::county_overview::screens::submitted_screen;
use jishi::domain::event::Role;
use jishi::domain::screen::{Block, Item, Screen};
use jishi::route::Route;

/// A re-checker and a section chief other than the first ones.
const RECHECKER_2: &str = "干部科 王磊";
const CADRE_CHIEF_2: &str = "干部科科长 白音";

/// 检察院's answer as first recorded, and as corrected.
const OLD_ANSWER: &str = "无不良反映";
const NEW_ANSWER: &str = "经查询，无行贿犯罪档案记录";

fn submit(dev: &mut Device, on: chrono::NaiveDate) -> String {
    dev.ok(
        Role::Approver,
        on,
        Command::Submit {
            case: CASE.into(),
            node: Submission::Initial,
            on,
        },
    )[0]
    .id
    .clone()
}

/// 初次提交 on 2026-04-03 signed by the fixture's five; 检察院's answer corrected on
/// 04-06; the chain signed again on 04-07 with another re-checker and 干部科科长;
/// submitted again on 04-07. Returns the device and both submissions' ids.
fn submitted_twice() -> (Device, String, String) {
    let mut dev = in_publicity();
    sign_all(&mut dev, Submission::Initial, d(2026, 4, 3));
    let first = submit(&mut dev, d(2026, 4, 3));
    correct_prosecutor_answer(&mut dev, d(2026, 4, 6), NEW_ANSWER);
    let on = d(2026, 4, 7);
    let node = Submission::Initial;
    sign(
        &mut dev,
        RECHECKER_2,
        Role::Reviewer,
        node,
        SignOff::Recheck,
        on,
    );
    sign(
        &mut dev,
        RECORDER,
        Role::Recorder,
        node,
        SignOff::Recorder,
        on,
    );
    let chief = SignOff::CadreSectionChief;
    sign(&mut dev, CADRE_CHIEF_2, Role::CadreChief, node, chief, on);
    let supervision = SignOff::SupervisionSectionChief;
    sign(
        &mut dev,
        SUPERVISION_CHIEF,
        Role::SupervisionChief,
        node,
        supervision,
        on,
    );
    sign(
        &mut dev,
        DEPUTY,
        Role::Approver,
        node,
        SignOff::DeputyHead,
        on,
    );
    let second = submit(&mut dev, on);
    (dev, first, second)
}

fn items(screen: &Screen) -> Vec<&Item> {
    let blocks = screen.iter().flat_map(|c| &c.blocks);
    blocks
        .flat_map(|b| match b {
            Block::Items(i) if i.testid == "submitted" => i.items.iter().collect(),
            _ => Vec::new(),
        })
        .collect()
}

/// Every text of a screen, joined (what a reader of the page sees).
fn said(screen: &Screen) -> String {
    let mut out = vec![];
    for block in screen.iter().flat_map(|c| &c.blocks) {
        match block {
            Block::Line { text, .. } | Block::Heading(text) | Block::DocTitle(text) => {
                out.push(text.clone())
            }
            Block::Sheet(s) => out.extend(s.rows.iter().flatten().map(|c| c.said())),
            _ => {}
        }
    }
    out.join("\n")
}

/// The rows of the sheet `testid`, as text.
fn sheet_rows(screen: &Screen, testid: &str) -> Vec<Vec<String>> {
    let blocks = screen.iter().flat_map(|c| &c.blocks);
    let sheet = blocks
        .filter_map(|b| match b {
            Block::Sheet(s) if s.testid == testid => Some(s),
            _ => None,
        })
        .next()
        .unwrap_or_else(|| panic!("no sheet {testid}"));
    let rows = sheet.rows.iter();
    rows.map(|r| r.iter().map(|c| c.said()).collect()).collect()
}

#[test]
fn each_submission_lists_the_signers_who_stood_for_it() {
    let (dev, first, second) = submitted_twice();
    let screen = submitted_screen(dev.state(), Some(Role::CadreChief), true);
    let items = items(&screen);
    assert_eq!(items.len(), 2);
    // Newest first: the second submission, current, signed by the new people.
    let (new, old) = (items[0], items[1]);
    assert_eq!(
        new.meta,
        " · 2026-04-07 · 提交人 分管副部长 高峰 · 纪实表 任职资格—讨论决定 · 签字：复核 干部科 王磊，记录人 记录人 周静，干部科科长 干部科科长 白音，干部监督科科长 干部监督科科长 孙丽，分管副部长 分管副部长 高峰"
    );
    assert_eq!(new.warn, None);
    assert_eq!(
        new.link.route,
        Route::CadreSelection(w4::Page::CasePrint(CASE.into()))
    );
    // The first lists the people who signed it, though their signatures are stale now.
    assert_eq!(
        old.meta,
        " · 2026-04-03 · 提交人 分管副部长 高峰 · 纪实表 任职资格—讨论决定 · 签字：复核 干部科 刘敏，记录人 记录人 周静，干部科科长 干部科科长 马强，干部监督科科长 干部监督科科长 孙丽，分管副部长 分管副部长 高峰"
    );
    assert_eq!(
        old.warn.as_deref(),
        Some("此后内容已更正或再次提交，此次提交不再是现行版本")
    );
    // … and leads to its sheet as submitted.
    assert_eq!(
        old.link.route,
        Route::CadreSelection(w4::Page::CaseAsSubmitted(CASE.into(), first.clone()))
    );
    let c = case(&dev);
    let signed = c.signed_for(&c.submissions[&first]);
    assert_eq!(signed[&SignOff::Recheck].signer, RECHECKER);
    let signed = c.signed_for(&c.submissions[&second]);
    assert_eq!(signed[&SignOff::Recheck].signer, RECHECKER_2);
    assert_eq!(
        c.as_submitted(&c.submissions[&first]).how,
        Reconstructed::Exact
    );
}

#[test]
fn a_line_nobody_had_signed_then_says_so_and_a_signature_a_clock_put_late_is_said_so() {
    let mut dev = in_publicity();
    sign_all(&mut dev, Submission::Initial, d(2026, 4, 3));
    let first = submit(&mut dev, d(2026, 4, 3));
    // A phone that had not seen the re-check submits: a copy of the case without it.
    let c = case(&dev);
    let mut then = c.clone();
    then.signatures.retain(|_, s| s.sign != SignOff::Recheck);
    // Only what was recorded up to the submission counts: the re-check was before it.
    assert!(c
        .signed_for(&c.submissions[&first])
        .contains_key(&SignOff::Recheck));
    assert!(!then
        .signed_for(&then.submissions[&first])
        .contains_key(&SignOff::Recheck));
    let screen = submitted_screen_of(then);
    assert!(items(&screen)[0].meta.contains("复核 未签"));
    // A signature recorded after the submission in fold order (the re-checker's phone
    // clock ahead) does not stand for it in fold order; but the submission, made over
    // the same digests, had every line signed: the one person who signed it over them,
    // dated no later, is listed, said to be recorded later.
    let mut later = c.clone();
    for s in later.signatures.values_mut() {
        if s.sign == SignOff::Recheck {
            s.recorded_at = c.submissions[&first].recorded_at + 1;
        }
    }
    let sub = later.submissions[&first].clone();
    assert!(!later.signed_for(&sub).contains_key(&SignOff::Recheck));
    let late = later.signed_for_recorded_later(&sub, &later.signed_for(&sub));
    assert_eq!(late.len(), 1);
    assert_eq!(late[&SignOff::Recheck].signer, RECHECKER);
    let screen = submitted_screen_of(later.clone());
    let meta = &items(&screen)[0].meta;
    assert!(
        meta.contains("复核 干部科 刘敏（签字记录时间晚于提交，手机时钟可能有误）"),
        "{meta}"
    );
    let mut state = dev.state().clone();
    state
        .cadre_selection
        .cases
        .insert(CASE.into(), later.clone());
    let sheet = as_submitted_sheet(&state, CASE, &first, Role::Approver, false);
    let rows = sheet_rows(&sheet, "submitted-signatures");
    assert_eq!(
        rows[0][1],
        format!("{RECHECKER} · 2026-04-03 (recorded after the submission: a phone's clock may be wrong)")
    );
    // Two people who signed the line so: nobody can say which stood, 未签.
    let mut two = later.clone();
    let other = two
        .signatures
        .values()
        .find(|s| s.sign == SignOff::Recheck)
        .map(|s| w4::Signature {
            id: "sig-late-recheck".into(),
            signer: RECHECKER_2.into(),
            author: RECHECKER_2.into(),
            ..s.clone()
        })
        .unwrap();
    two.signatures.insert(other.id.clone(), other);
    assert!(two
        .signed_for_recorded_later(&sub, &two.signed_for(&sub))
        .is_empty());
    let screen = submitted_screen_of(two);
    assert!(items(&screen)[0].meta.contains("复核 未签"));
    // Nor one dated after the submission.
    let mut dated_later = later;
    for s in dated_later.signatures.values_mut() {
        if s.sign == SignOff::Recheck {
            s.on = d(2026, 4, 4);
        }
    }
    assert!(dated_later
        .signed_for_recorded_later(&sub, &dated_later.signed_for(&sub))
        .is_empty());
}

/// The submitted list of a state holding `case` as the only case.
fn submitted_screen_of(case: w4::Case) -> Screen {
    let mut state = jishi::domain::state::State::default();
    state.cadre_selection.cases.insert(CASE.into(), case);
    submitted_screen(&state, Some(Role::Approver), true)
}

#[test]
fn the_sheet_as_submitted_shows_the_old_value_and_the_old_signers() {
    let (dev, first, second) = submitted_twice();
    let s = dev.state();
    let old = as_submitted_sheet(s, CASE, &first, Role::CadreChief, true);
    let text = said(&old);
    assert!(text.contains("于2026-04-03提交的版本（非现行）"), "{text}");
    assert!(text.contains(OLD_ANSWER));
    assert!(!text.contains(NEW_ANSWER));
    assert!(text.contains("所列记录与签字即该次提交的校验码所覆盖的记录"));
    let signers = sheet_rows(&old, "submitted-signatures");
    assert_eq!(signers[0], ["复核", "干部科 刘敏 · 2026-04-03"]);
    assert_eq!(signers[2], ["干部科科长", "干部科科长 马强 · 2026-04-03"]);
    // Only the steps the 初次提交 covers: no 任前公示, opened after the decision.
    assert!(!text.contains("扎鲁特旗党建网"));

    let new = as_submitted_sheet(s, CASE, &second, Role::CadreChief, true);
    let text = said(&new);
    assert!(text.contains("于2026-04-07提交的版本（现行）"), "{text}");
    assert!(text.contains(NEW_ANSWER));
    let signers = sheet_rows(&new, "submitted-signatures");
    assert_eq!(signers[0], ["复核", "干部科 王磊 · 2026-04-07"]);

    // The current 纪实表 reads the corrected answer.
    let current = said(&record_sheet(
        s,
        CASE,
        Role::CadreChief,
        d(2026, 4, 8),
        true,
    ));
    assert!(current.contains(NEW_ANSWER));
    // In English, the heading says which version it is.
    let en = said(&as_submitted_sheet(
        s,
        CASE,
        &first,
        Role::CadreChief,
        false,
    ));
    assert!(en.contains("Version submitted on 2026-04-03 (not current)"));
    // An unknown submission is said to be missing.
    let none = as_submitted_sheet(s, CASE, "no-such", Role::CadreChief, true);
    assert!(said(&none).contains("未找到该次提交"));
}

/// A correction after the decision touches only the 二次提交: its first submission is
/// no longer current and reads the old 任职文号; the 初次提交 still stands.
#[test]
fn a_corrected_appointment_leaves_the_initial_submission_current() {
    let mut dev = in_publicity();
    sign_all(&mut dev, Submission::Initial, d(2026, 4, 3));
    let initial = submit(&mut dev, d(2026, 4, 3));
    recorder(&mut dev, d(2026, 4, 10), close(d(2026, 4, 10)));
    recorder(&mut dev, d(2026, 4, 13), appointment(d(2026, 4, 13)));
    let second = |dev: &mut Device, on| {
        sign_all(dev, Submission::Second, on);
        let cmd = Command::Submit {
            case: CASE.into(),
            node: Submission::Second,
            on,
        };
        dev.ok(Role::Approver, on, cmd)[0].id.clone()
    };
    let first_second = second(&mut dev, d(2026, 4, 15));
    let old = live_id(&dev, "appointment");
    let mut corrected = appointment(d(2026, 4, 13));
    if let StepRecord::Appointment { document, .. } = &mut corrected {
        *document = "扎党任〔2026〕16 号".into();
    }
    correct(
        &mut dev,
        d(2026, 4, 20),
        vec![old],
        corrected,
        "任职文号录入有误",
    );
    let again = second(&mut dev, d(2026, 4, 21));

    let s = dev.state();
    let items_now = submitted_screen(s, Some(Role::Approver), true);
    let items = items(&items_now);
    assert_eq!(items.len(), 3);
    let route = |i: &Item| i.link.route.clone();
    let sheet = Route::CadreSelection(w4::Page::CasePrint(CASE.into()));
    let as_submitted =
        |x: &str| Route::CadreSelection(w4::Page::CaseAsSubmitted(CASE.into(), x.to_string()));
    // Newest first: the second 二次提交, the first (superseded), the 初次提交 (current).
    assert_eq!(route(items[0]), sheet);
    assert_eq!(route(items[1]), as_submitted(&first_second));
    assert_eq!(route(items[2]), sheet);
    assert!(
        items[2].warn.is_none(),
        "the 初次提交 covers no corrected record"
    );

    let old_sheet = said(&as_submitted_sheet(
        s,
        CASE,
        &first_second,
        Role::Approver,
        true,
    ));
    assert!(old_sheet.contains("扎党任〔2026〕15 号"), "{old_sheet}");
    assert!(!old_sheet.contains("扎党任〔2026〕16 号"));
    let new_sheet = said(&as_submitted_sheet(s, CASE, &again, Role::Approver, true));
    assert!(new_sheet.contains("扎党任〔2026〕16 号"));
    // The 初次提交's sheet covers 任职资格 to 讨论决定: no appointment at all.
    let initial_sheet = said(&as_submitted_sheet(s, CASE, &initial, Role::Approver, true));
    assert!(initial_sheet.contains("于2026-04-03提交的版本（现行）"));
    assert!(!initial_sheet.contains("扎党任"));
}

/// The administrator's phone holds the cadre records but not the personal matters (the
/// disclosures): the signers still read from the submission's digests, and the sheet
/// says it cannot rebuild everything the submission covered.
#[test]
fn a_phone_without_the_disclosures_still_lists_the_signers_and_says_what_it_cannot_rebuild() {
    let (dev, first, _) = submitted_twice();
    let mut held = case(&dev).clone();
    held.disclosures.clear();
    let sub = held.submissions[&first].clone();
    let signed = held.signed_for(&sub);
    assert_eq!(signed.len(), SignOff::CHAIN.len());
    assert_eq!(signed[&SignOff::CadreSectionChief].signer, CADRE_CHIEF);
    assert_eq!(held.as_submitted(&sub).how, Reconstructed::StepsOnly);

    let mut state = dev.state().clone();
    state.cadre_selection.cases.insert(CASE.into(), held);
    let text = said(&as_submitted_sheet(&state, CASE, &first, Role::Admin, true));
    assert!(
        text.contains("有关事项公开（及终止）记录与该次提交的校验码不一致"),
        "{text}"
    );
    // The step records it does hold are the old ones all the same.
    assert!(text.contains(OLD_ANSWER));

    // A phone missing a step record the submission covered cannot rebuild it: it says so.
    let mut partial = case(&dev).clone();
    let qualification = live_id(&dev, "qualification");
    partial.entries.remove(&qualification);
    assert_eq!(partial.as_submitted(&sub).how, Reconstructed::Unmatched);
    state.cadre_selection.cases.insert(CASE.into(), partial);
    let text = said(&as_submitted_sheet(
        &state,
        CASE,
        &first,
        Role::Approver,
        true,
    ));
    assert!(
        text.contains("本机记录无法还原出与该次提交校验码一致的内容"),
        "{text}"
    );
}

/// A phone whose clock is behind records, days after the 初次提交, another deputy head's
/// signature replacing the one that stood: its recording time falls before the
/// submission, but it is dated after it, and a submission is never dated before the
/// signatures it stands on, so it cannot have stood for it.
#[test]
fn a_signature_dated_after_the_submission_never_stood_for_it_whatever_its_clock() {
    let mut dev = in_publicity();
    sign_all(&mut dev, Submission::Initial, d(2026, 4, 3));
    let first = submit(&mut dev, d(2026, 4, 3));
    let mut c = case(&dev).clone();
    let sub = c.submissions[&first].clone();
    let stood = c.signed_for(&sub)[&SignOff::DeputyHead].clone();
    assert_eq!(stood.signer, DEPUTY);
    let late = w4::Signature {
        id: "sig-late-deputy".into(),
        signer: "分管副部长 李明".into(),
        author: "分管副部长 李明".into(),
        on: d(2026, 4, 9),
        supersedes: vec![stood.id.clone()],
        device: "dev-behind".into(),
        recorded_at: sub.recorded_at - 1,
        ..stood.clone()
    };
    c.signatures.insert(late.id.clone(), late);
    let signed = c.signed_for(&sub);
    assert_eq!(signed[&SignOff::DeputyHead].signer, DEPUTY);
    let screen = submitted_screen_of(c);
    let meta = &items(&screen)[0].meta;
    assert!(meta.contains("分管副部长 分管副部长 高峰"), "{meta}");
    assert!(!meta.contains("李明"), "{meta}");
}

/// A phone whose clock is ahead recorded the first disclosure: its recording time falls
/// after the 初次提交 that covered it. A phone holding every disclosure still rebuilds
/// exactly what the submission covered, the disclosure listed.
#[test]
fn a_disclosure_recorded_on_a_phone_with_its_clock_ahead_is_still_found_by_the_digests() {
    let mut dev = in_publicity();
    sign_all(&mut dev, Submission::Initial, d(2026, 4, 3));
    let first = submit(&mut dev, d(2026, 4, 3));
    let mut c = case(&dev).clone();
    let sub = c.submissions[&first].clone();
    assert!(!c.disclosures.is_empty());
    for d in c.disclosures.values_mut() {
        d.recorded_at = sub.recorded_at + 60_000;
    }
    let then = c.as_submitted(&sub);
    assert_eq!(then.how, Reconstructed::Exact);
    assert_eq!(then.case.disclosures.len(), c.disclosures.len());
    let mut state = dev.state().clone();
    state.cadre_selection.cases.insert(CASE.into(), c);
    let sheet = as_submitted_sheet(&state, CASE, &first, Role::Recorder, true);
    let rows = sheet_rows(&sheet, "disclosure-sheet");
    assert!(!rows.is_empty(), "the covered disclosure is listed");
}

/// A 初次提交 corrected and submitted again on the same day: the list is newest first
/// within the day too (by when each was recorded), the current one on top.
#[test]
fn two_submissions_of_one_day_list_the_later_first() {
    let (dev, first, second) = submitted_twice();
    let mut c = case(&dev).clone();
    let day = c.submissions[&second].on;
    if let Some(s) = c.submissions.get_mut(&first) {
        s.on = day;
    }
    let screen = submitted_screen_of(c);
    let items = items(&screen);
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].warn, None, "the current one first");
    assert_eq!(
        items[1].link.route,
        Route::CadreSelection(w4::Page::CaseAsSubmitted(CASE.into(), first))
    );
}
