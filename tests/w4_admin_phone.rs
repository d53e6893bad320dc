#![cfg(not(target_arch = "wasm32"))]
//! W4 signatures and submissions (seed 003) on the administrator's phone, which holds the
//! cadre records but never the personal matters (有关事项, `access::ScopeKind::Personal`):
//! it cannot check the disclosures a signature or submission covers, so it never calls
//! one stale or outdated for them — it checks the step records and says what it cannot
//! check — while a step corrected after a submission still asks for it again.

mod common;

use common::cadre::*;
use common::*;
use jishi::domain::access::{readable, scope_of_body};
use jishi::domain::cadre_selection::case_screen::{case_top, Viewer};
use jishi::domain::cadre_selection::documents::{as_submitted_sheet, record_sheet};
use jishi::domain::cadre_selection::signoff_screen::signoff_card;
use jishi::domain::cadre_selection::{
    Action, CadreSelectionEvent, Command, Sight, SignOff, Submission,
};
use jishi::domain::county_overview::figures::{case_lines, Submitted};
use jishi::domain::county_overview::screens::{overview_screen, submitted_screen};
use jishi::domain::event::{Event, Role};
use jishi::domain::master::Master;
use jishi::domain::screen::{Block, Card, Screen};

/// The day the phones are read.
fn today() -> chrono::NaiveDate {
    d(2026, 4, 10)
}

/// What the administrator's phone receives from `from`: the records of the databases
/// the role reads (the cadre records, not the personal matters).
fn sync_as_admin(from: &Device, to: &mut Device) {
    let master = Master::default();
    let theirs = readable(&[Role::Admin.key().to_string()], &[]);
    let events: Vec<Event> = from
        .events()
        .into_iter()
        .filter(|e| scope_of_body(&e.body, &master).is_some_and(|s| theirs.contains(&s)))
        .collect();
    to.ledger.receive(events).expect("room");
}

/// The recorder's phone: the case in 任前公示 with A's first disclosure, the chain signed
/// and 初次提交 made on 2026-04-03.
fn submitted() -> Device {
    let mut dev = in_publicity();
    sign_all(&mut dev, Submission::Initial, d(2026, 4, 3));
    dev.ok(
        Role::Approver,
        d(2026, 4, 3),
        Command::Submit {
            case: CASE.into(),
            node: Submission::Initial,
            on: d(2026, 4, 3),
        },
    );
    dev
}

/// The administrator's phone after syncing with `from`.
fn admin_phone(from: &Device) -> Device {
    let mut admin = Device::new("phone-admin");
    sync_as_admin(from, &mut admin);
    admin
}

fn admin(zh: bool) -> Viewer {
    Viewer {
        role: Role::Admin,
        today: today(),
        zh,
    }
}

/// Every text of some blocks (lines and sheet cells), joined.
fn said<'a>(blocks: impl Iterator<Item = &'a Block>) -> String {
    let mut out = vec![];
    for block in blocks {
        match block {
            Block::Line { text, .. } | Block::Heading(text) => out.push(text.clone()),
            Block::Sheet(s) => out.extend(s.rows.iter().flatten().map(|c| c.said())),
            Block::Record(r) => out.push(said(r.body.iter())),
            _ => {}
        }
    }
    out.join("\n")
}

fn said_card(card: &Card) -> String {
    said(card.blocks.iter())
}

fn said_screen(screen: &Screen) -> String {
    said(screen.iter().flat_map(|c| &c.blocks))
}

/// Every item's text and warning on a screen of items, joined.
fn said_items(screen: &Screen) -> String {
    let blocks = screen.iter().flat_map(|c| &c.blocks);
    let items = blocks.flat_map(|b| match b {
        Block::Items(i) => i.items.iter().collect(),
        _ => Vec::new(),
    });
    items
        .map(|i| format!("{i:?}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whether a card (or a record in it) carries the note that the disclosures cannot be
/// checked on this phone.
fn has_note(blocks: &[Block]) -> bool {
    blocks.iter().any(|b| match b {
        Block::Line { testid, .. } => *testid == "annex-unchecked",
        Block::Record(r) => has_note(&r.body),
        _ => false,
    })
}

/// The text of the case's 初次提交 cell on the county overview of `role`'s phone.
fn overview_initial(dev: &Device, role: Role) -> String {
    let screen = overview_screen(dev.state(), (Some(role), &[]), today(), true);
    let cases = screen
        .iter()
        .find(|c| {
            c.attrs
                .iter()
                .any(|(k, v)| *k == "data-part" && v == "cases")
        })
        .expect("a cases card");
    let table = cases
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Table(t) if t.testid == "cases-overview" => Some(t),
            _ => None,
        })
        .expect("the cases table");
    let row = table
        .rows
        .iter()
        .find(|r| r.attrs.iter().any(|(_, v)| v == CASE))
        .expect("the case's row");
    let cell = row.cells.iter().find(|c| c.testid == "initial").unwrap();
    cell.text.clone()
}

#[test]
fn every_role_that_signs_or_submits_holds_the_disclosures_and_the_admin_does_not() {
    // The deciders check the annex in full on the acting phone: that phone holds it.
    let actions = SignOff::CHAIN.map(Action::Sign);
    for role in actions
        .iter()
        .chain([&Action::Submit])
        .flat_map(|a| a.roles())
    {
        assert_eq!(Sight::of(Some(*role)), Sight::Full, "{role:?}");
    }
    let writers = CadreSelectionEvent::ACCESS
        .iter()
        .filter(|k| k.kind == "w4_signed" || k.kind == "w4_submitted")
        .flat_map(|k| k.writers);
    for role in writers {
        assert_eq!(Sight::of(Some(*role)), Sight::Full, "{role:?}");
    }
    assert_eq!(Sight::of(Some(Role::Admin)), Sight::StepsOnly);
    assert_eq!(Sight::of(None), Sight::Full);
}

#[test]
fn the_admins_phone_shows_the_submission_on_its_date_and_the_signers_valid_with_a_note() {
    let dev = submitted();
    let phone = admin_phone(&dev);
    let c = case(&phone);
    assert!(
        c.disclosures.is_empty(),
        "the admin holds no personal matters"
    );
    // Checked in full, the missing disclosure would void everything: the bug.
    assert!(c.submission(Submission::Initial).is_none());
    let sight = Sight::of(Some(Role::Admin));
    assert_eq!(c.signed_seen(Submission::Initial, sight).len(), 5);
    let sub = c.submission_seen(Submission::Initial, sight).unwrap();
    assert_eq!(sub.on, d(2026, 4, 3));
    assert!(c.annex_unchecked(Submission::Initial, sight));

    // The overview: submitted on 04-03, never "须重新提交".
    let line = case_lines(phone.state(), today(), sight);
    assert_eq!(line[0].initial, Submitted::OnStepsOnly(d(2026, 4, 3)));
    let cell = overview_initial(&phone, Role::Admin);
    assert_eq!(cell, "已提交 2026-04-03（有关事项本机无法核对）");
    // The recorder's phone holds it all: plainly submitted.
    assert_eq!(overview_initial(&dev, Role::Recorder), "已提交 2026-04-03");

    // The case page: every signer counts, the submission stands, the note says why.
    let card = signoff_card(c, admin(true));
    let text = said_card(&card);
    for signer in [RECHECKER, RECORDER, CADRE_CHIEF, SUPERVISION_CHIEF, DEPUTY] {
        assert!(text.contains(&format!("{signer} · 2026-04-03")), "{text}");
    }
    assert!(!text.contains("签字后内容已更正"), "{text}");
    assert!(text.contains("已提交：2026-04-03"), "{text}");
    assert!(
        text.contains("有关事项（及终止）部分无法在本机核对"),
        "{text}"
    );
    assert!(has_note(&card.blocks));
    let english = said_card(&signoff_card(c, admin(false)));
    assert!(english.contains("Submitted: 2026-04-03"), "{english}");
    assert!(english.contains("cannot be checked here"), "{english}");

    // The 纪实表 says the same.
    let sheet = record_sheet(phone.state(), CASE, Role::Admin, today(), true);
    let text = said_screen(&sheet);
    assert!(text.contains(&format!("{DEPUTY} · 2026-04-03")), "{text}");
    assert!(!text.contains("签字后内容已更正"), "{text}");
    assert!(sheet.iter().any(|c| has_note(&c.blocks)));

    // The list of what was submitted upward and the sheet as submitted: still current.
    let list = said_items(&submitted_screen(phone.state(), Some(Role::Admin), true));
    assert!(!list.contains("不再是现行版本"), "{list}");
    let id = sub.id.clone();
    let then = said_screen(&as_submitted_sheet(
        phone.state(),
        CASE,
        &id,
        Role::Admin,
        true,
    ));
    assert!(then.contains("于2026-04-03提交的版本（现行）"), "{then}");

    // On the recorder's phone nothing is left unchecked: no note.
    let recorder = Viewer {
        role: Role::Recorder,
        ..admin(true)
    };
    assert!(!has_note(&signoff_card(case(&dev), recorder).blocks));
    let sheet = record_sheet(dev.state(), CASE, Role::Recorder, today(), true);
    assert!(!sheet.iter().any(|c| has_note(&c.blocks)));
}

#[test]
fn a_step_corrected_after_the_submission_asks_for_it_again_on_the_admins_phone_too() {
    let mut dev = submitted();
    correct_prosecutor_answer(&mut dev, d(2026, 4, 6), "经查询，无行贿犯罪档案记录");
    let phone = admin_phone(&dev);
    let sight = Sight::of(Some(Role::Admin));
    let line = case_lines(phone.state(), today(), sight);
    assert_eq!(line[0].initial, Submitted::Again);
    assert_eq!(
        overview_initial(&phone, Role::Admin),
        "内容已更正，须重新提交"
    );
    let card = signoff_card(case(&phone), admin(true));
    let text = said_card(&card);
    assert!(text.contains("签字后内容已更正，须重新签字"), "{text}");
    assert!(text.contains("曾于 2026-04-03 提交"), "{text}");
    assert!(!has_note(&card.blocks), "nothing stands unchecked");
}

#[test]
fn a_disclosure_corrected_after_the_submission_is_seen_only_where_it_is_held() {
    let mut dev = submitted();
    correct_first_disclosure_pay(&mut dev);
    // The recorder's phone holds the correction: to be submitted again.
    assert_eq!(
        overview_initial(&dev, Role::Recorder),
        "内容已更正，须重新提交"
    );
    // The admin's phone cannot see it: it says so rather than guess either way.
    let phone = admin_phone(&dev);
    assert_eq!(
        overview_initial(&phone, Role::Admin),
        "已提交 2026-04-03（有关事项本机无法核对）"
    );
    assert!(has_note(&signoff_card(case(&phone), admin(true)).blocks));

    // Another re-checker signs again over the corrected disclosure: the admin's phone now
    // sees a later signature over other disclosures, so the earlier ones and the
    // submission no longer stand there either — and two re-checkers are no conflict.
    let on = d(2026, 4, 7);
    let recheck = SignOff::Recheck;
    sign(
        &mut dev,
        "干部科 王磊",
        Role::Reviewer,
        Submission::Initial,
        recheck,
        on,
    );
    let phone = admin_phone(&dev);
    assert_eq!(
        overview_initial(&phone, Role::Admin),
        "内容已更正，须重新提交"
    );
    let text = said_card(&signoff_card(case(&phone), admin(true)));
    assert!(text.contains("干部科 王磊 · 2026-04-07"), "{text}");
    assert!(text.contains("签字后内容已更正，须重新签字"), "{text}");
    assert!(!text.contains("两人签字"), "{text}");
    let c = case(&phone);
    let sight = Sight::of(Some(Role::Admin));
    assert_eq!(c.signed_seen(Submission::Initial, sight).len(), 1);
    assert!(c.signature_conflicts(Submission::Initial).is_empty());
}

/// Whether a card (or a record in it) lists a conflict of two people on one line.
fn has_conflict_list(blocks: &[Block]) -> bool {
    blocks.iter().any(|b| match b {
        Block::List { testid, .. } => *testid == "sign-conflict",
        Block::Record(r) => has_conflict_list(&r.body),
        _ => false,
    })
}

#[test]
fn two_rechecks_on_two_phones_are_listed_as_a_conflict_on_the_admins_phone_too() {
    let mut dev = in_publicity();
    let mut other = Device::new("phone-2");
    other.ledger.receive(dev.events()).expect("room");
    let on = d(2026, 4, 3);
    let (node, line) = (Submission::Initial, SignOff::Recheck);
    sign(&mut dev, RECHECKER, Role::Reviewer, node, line, on);
    sign(&mut other, "干部科 王磊", Role::Reviewer, node, line, on);
    dev.ledger.receive(other.events()).expect("room");
    let recorder = Viewer {
        role: Role::Recorder,
        ..admin(true)
    };
    assert!(has_conflict_list(
        &signoff_card(case(&dev), recorder).blocks
    ));
    let phone = admin_phone(&dev);
    let card = signoff_card(case(&phone), admin(true));
    let text = said_card(&card);
    assert!(text.contains("同一栏有两人签字"), "{text}");
    assert!(has_conflict_list(&card.blocks), "{text}");
}

/// The events of `dev` as a version before the digests wrote them: signatures and
/// submissions without `over` and `annex`.
fn without_digests(dev: &Device) -> Device {
    use jishi::domain::event::{EventBody, Stamp};
    let old = dev.events().into_iter().map(|e| {
        let mut body = e.body.clone();
        if let EventBody::CadreSelection(
            CadreSelectionEvent::Signed { over, annex, .. }
            | CadreSelectionEvent::Submitted { over, annex, .. },
        ) = &mut body
        {
            over.clear();
            annex.clear();
        }
        let stamp = Stamp {
            id: e.id.clone(),
            author: e.author.clone(),
            role: e.role,
            device: e.device.clone(),
            recorded_at: e.recorded_at,
            parents: e.parents.clone(),
        };
        Event::seal_in(body, stamp, e.scope.clone())
    });
    let mut out = Device::new("phone-old");
    out.ledger.receive(old.collect()).expect("room");
    out
}

#[test]
fn old_signatures_without_digests_are_said_unchecked_on_the_admins_phone() {
    let mut dev = submitted();
    correct_first_disclosure_pay(&mut dev);
    let old = without_digests(&dev);
    let c = case(&old);
    assert!(c.submissions.values().all(|s| s.annex.is_empty()));
    // Held in full, the disclosure corrected after the old submission voids it.
    assert!(c.submission(Submission::Initial).is_none());
    // The admin's phone cannot see that: the submission stands there, said unchecked.
    let phone = admin_phone(&old);
    let sight = Sight::of(Some(Role::Admin));
    let c = case(&phone);
    assert!(c.submission_seen(Submission::Initial, sight).is_some());
    assert!(c.annex_unchecked(Submission::Initial, sight));
    assert!(has_note(&signoff_card(c, admin(true)).blocks));
    assert_eq!(
        overview_initial(&phone, Role::Admin),
        "已提交 2026-04-03（有关事项本机无法核对）"
    );
}

#[test]
fn a_phone_holding_the_disclosures_checks_them_whatever_role_its_user_acts_in() {
    let mut dev = submitted();
    correct_first_disclosure_pay(&mut dev);
    // The recorder's phone, its user now the administrator: it still holds the
    // corrected disclosure, so the submission over the old one is stale here.
    let sight = Sight::of(Some(Role::Admin));
    let c = case(&dev);
    assert!(c.submission_seen(Submission::Initial, sight).is_none());
    assert!(c.signed_seen(Submission::Initial, sight).is_empty());
    assert!(!c.annex_unchecked(Submission::Initial, sight));
    assert_eq!(
        overview_initial(&dev, Role::Admin),
        "内容已更正，须重新提交"
    );
    let card = signoff_card(c, admin(true));
    assert!(!has_note(&card.blocks));
    assert!(said_card(&card).contains("签字后内容已更正，须重新签字"));
}

#[test]
fn two_rechecks_on_two_phones_need_review_on_the_admins_case_page_and_sheet() {
    let mut dev = in_publicity();
    let mut other = Device::new("phone-2");
    other.ledger.receive(dev.events()).expect("room");
    let on = d(2026, 4, 3);
    let (node, line) = (Submission::Initial, SignOff::Recheck);
    sign(&mut dev, RECHECKER, Role::Reviewer, node, line, on);
    sign(&mut other, "干部科 王磊", Role::Reviewer, node, line, on);
    dev.ledger.receive(other.events()).expect("room");
    let phone = admin_phone(&dev);
    let top = said_screen(&case_top(phone.state(), CASE, admin(true)));
    let lists: Vec<String> = case_top(phone.state(), CASE, admin(true))
        .iter()
        .flat_map(|c| c.blocks.clone())
        .filter_map(|b| match b {
            Block::List { items, .. } => Some(items.join("\n")),
            _ => None,
        })
        .collect();
    let lists = lists.join("\n");
    assert!(
        lists.contains("「复核」栏有两人在不同手机上签字"),
        "{top}\n{lists}"
    );
    let sheet = said_screen(&record_sheet(
        phone.state(),
        CASE,
        Role::Admin,
        today(),
        true,
    ));
    assert!(
        sheet.contains("需复核：初次提交：「复核」栏有两人"),
        "{sheet}"
    );
}

#[test]
fn a_submission_recorded_in_a_role_that_may_not_submit_sets_no_annex_on_the_admins_phone() {
    use jishi::domain::event::{EventBody, Stamp};
    let dev = submitted();
    let real = dev
        .events()
        .into_iter()
        .find(|e| {
            matches!(
                e.body,
                EventBody::CadreSelection(CadreSelectionEvent::Submitted { .. })
            )
        })
        .unwrap();
    let mut body = real.body.clone();
    if let EventBody::CadreSelection(CadreSelectionEvent::Submitted { annex, on, .. }) = &mut body {
        *annex = "0".repeat(64);
        *on = d(2026, 4, 8);
    }
    let stamp = Stamp {
        id: "forged-submission".into(),
        author: "某管理员".into(),
        role: Role::Admin,
        device: "phone-other".into(),
        recorded_at: real.recorded_at + 86_400_000,
        parents: vec![],
    };
    let forged = Event::seal_in(body, stamp, real.scope.clone());
    let mut phone = admin_phone(&dev);
    phone.ledger.receive(vec![forged]).expect("room");
    let sight = Sight::of(Some(Role::Admin));
    let c = case(&phone);
    assert_eq!(c.signed_seen(Submission::Initial, sight).len(), 5);
    let sub = c.submission_seen(Submission::Initial, sight).unwrap();
    assert_eq!(sub.on, d(2026, 4, 3));
    assert_eq!(
        overview_initial(&phone, Role::Admin),
        "已提交 2026-04-03（有关事项本机无法核对）"
    );
}
