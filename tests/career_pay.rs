#![cfg(not(target_arch = "wasm32"))]
//! 选聘事业待遇 (W2, seed 002 扎鲁特旗) end to end in the domain: the quota, the 1:3, 1:2
//! and 20% 差额 ratios with their rounding, eligibility from tenures and W1 grades, strict
//! order with the reason when refused, the eligible list's publicity and its objections,
//! and the certificate — with 乌力吉木仁苏木's heads.

mod common;

use common::career::*;
use common::heads::*;
use common::*;
use jishi::domain::career_pay::rules::{county_round, ineligibility, township_round};
use jishi::domain::career_pay::screens::{round_screen, township_screen, Viewer};
use jishi::domain::career_pay::{Command, RecommendationStage, ReviewLevel, Slots, Standing};
use jishi::domain::event::Role;
use jishi::domain::screen::texts;
use jishi::domain::village_heads::EndReason;

#[test]
fn the_quota_is_five_percent_of_the_villages_rounded_up() {
    let mut dev = county();
    // 4 villages: 5% is 0.2, rounded up to 1; no round opens with none.
    let none = Command::OpenRound {
        year: YEAR,
        slots: vec![Slots {
            township: TOWNSHIP.into(),
            slots: 0,
        }],
        on: d(2026, 11, 1),
    };
    assert_eq!(
        dev.refused(Role::Admin, d(2026, 11, 1), none),
        "career.quota"
    );
    let elsewhere = Command::OpenRound {
        year: YEAR,
        slots: vec![Slots {
            township: "t-nowhere".into(),
            slots: 1,
        }],
        on: d(2026, 11, 1),
    };
    assert_eq!(
        dev.refused(Role::Admin, d(2026, 11, 1), elsewhere),
        "career.township"
    );
    open(&mut dev, 1);
    assert_eq!(county_round(dev.state(), YEAR).unwrap().slots, 1);
    let screen = texts(&round_screen(dev.state(), YEAR, &viewer(Role::Admin)));
    assert!(
        screen.contains(&"共1个名额（嘎查村4个，不少于5%即1个）".to_string()),
        "{screen:?}"
    );
}

fn viewer(role: Role) -> Viewer {
    Viewer {
        role: Some(role),
        townships: Vec::new(),
        today: d(2026, 12, 1),
        zh: true,
    }
}

#[test]
fn who_may_apply_comes_from_the_tenures_and_the_w1_grades() {
    let mut dev = county();
    open(&mut dev, 1);
    let policy = township_round(dev.state(), YEAR, TOWNSHIP).policy;
    let on = d(2026, 11, 2);
    assert!(ineligibility(dev.state(), "hp-wu", MID, on, &policy).is_empty());
    // 陈淑华: director since 2019-03-01, 7 years 8 months: eligible at 5.
    assert!(ineligibility(dev.state(), "hp-chen", UPPER, on, &policy).is_empty());
    // 包金山 left office in 2020: not sitting.
    let bao = ineligibility(dev.state(), BAO, SMALL, on, &policy);
    assert_eq!(bao[0].code, "career.not_sitting");
    // A 2027 application: 巴彦芒哈 was graded 不合格 in 2026, within the last 3 years.
    let later = ineligibility(dev.state(), BAI, SMALL, d(2027, 3, 1), &policy);
    assert!(
        later
            .iter()
            .any(|p| p.zh == "2026年巴彦芒哈嘎查考评为不合格"),
        "{later:?}"
    );
    let apply_bao = Command::Apply {
        year: YEAR,
        application: "ca-bao".into(),
        person: BAO.into(),
        village: SMALL.into(),
        on,
    };
    assert_eq!(
        dev.refused(Role::Organizer, on, apply_bao),
        "career.not_sitting"
    );
    // Only the township's staff record applications.
    let by_head = Command::Apply {
        year: YEAR,
        application: "ca-x".into(),
        person: "hp-wu".into(),
        village: MID.into(),
        on,
    };
    assert_eq!(dev.refused(Role::VillageHead, on, by_head), "auth.role");
}

#[test]
fn every_step_waits_for_the_one_before_it_and_says_why() {
    let mut dev = county();
    open(&mut dev, 1);
    apply(&mut dev, "ca-wu", "hp-wu", MID);
    // 复审 before 初审; the county may not do the township's review, nor the reverse.
    let county_first = review(ReviewLevel::County, "ca-wu", true, "");
    assert_eq!(
        dev.refused(Role::Admin, d(2026, 11, 5), county_first),
        "career.order"
    );
    assert_eq!(
        dev.refused(
            Role::Admin,
            d(2026, 11, 5),
            review(ReviewLevel::Township, "ca-wu", true, "")
        ),
        "auth.role"
    );
    assert_eq!(
        dev.refused(
            Role::Organizer,
            d(2026, 11, 5),
            review(ReviewLevel::County, "ca-wu", true, "")
        ),
        "auth.role"
    );
    // A failed review needs its reason.
    assert_eq!(
        dev.refused(
            Role::Organizer,
            d(2026, 11, 5),
            review(ReviewLevel::Township, "ca-wu", false, " ")
        ),
        "field.required"
    );
    // A reason of zero-width characters only (a pasted text, a keyboard's joiner) is
    // as blank as a space (domain::text).
    assert_eq!(
        dev.refused(
            Role::Organizer,
            d(2026, 11, 5),
            review(ReviewLevel::Township, "ca-wu", false, "\u{200B}\u{FEFF}")
        ),
        "field.required"
    );
    // No publicity while a review is pending; no recommendation before the publicity.
    let publicize = Command::Publicize {
        year: YEAR,
        township: TOWNSHIP.into(),
        start: d(2026, 11, 10),
    };
    assert_eq!(
        dev.refused(Role::Organizer, d(2026, 11, 10), publicize),
        "career.reviews_pending"
    );
    let early = recommend(RecommendationStage::Initial, &["ca-wu"], d(2026, 11, 8));
    assert_eq!(
        dev.refused(Role::Organizer, d(2026, 11, 8), early),
        "career.publicity"
    );
    let reserve_first = recommend(RecommendationStage::Reserve, &["ca-wu"], d(2026, 11, 8));
    assert_eq!(
        dev.refused(Role::Organizer, d(2026, 11, 8), reserve_first),
        "career.publicity"
    );
}

#[test]
fn an_upheld_objection_takes_an_applicant_off_and_recommendations_keep_their_ratios() {
    let mut dev = reviewed();
    // During the publicity an objection to 陈淑华; the recommendation waits for it.
    let objection = Command::Object {
        objection: "co-1".into(),
        application: "ca-chen".into(),
        content: "反映其兼任合作社理事长".into(),
        on: d(2026, 11, 12),
    };
    dev.ok(Role::Organizer, d(2026, 11, 12), objection);
    let late = Command::Object {
        objection: "co-2".into(),
        application: "ca-wu".into(),
        content: "迟到的异议".into(),
        on: d(2026, 11, 17),
    };
    assert_eq!(
        dev.refused(Role::Organizer, d(2026, 11, 17), late),
        "career.window"
    );
    let during = recommend(
        RecommendationStage::Initial,
        &["ca-wu", "ca-liu", "ca-chen"],
        d(2026, 11, 14),
    );
    assert_eq!(
        dev.refused(Role::Organizer, d(2026, 11, 14), during),
        "career.publicity_open"
    );
    let waiting = recommend(
        RecommendationStage::Initial,
        &["ca-wu", "ca-liu", "ca-chen"],
        d(2026, 11, 17),
    );
    assert_eq!(
        dev.refused(Role::Organizer, d(2026, 11, 17), waiting),
        "career.objection_open"
    );
    let resolve = Command::Resolve {
        objection: "co-1".into(),
        upheld: true,
        note: "经核实属实，不符合条件".into(),
        on: d(2026, 11, 17),
    };
    dev.ok(Role::Organizer, d(2026, 11, 17), resolve);
    // 1 slot: 1:3 would be 3, but only 2 remain clear: both, and no one else.
    let with_struck = recommend(
        RecommendationStage::Initial,
        &["ca-wu", "ca-liu", "ca-chen"],
        d(2026, 11, 18),
    );
    assert_eq!(
        dev.refused(Role::Organizer, d(2026, 11, 18), with_struck),
        "career.pool"
    );
    let too_few = recommend(RecommendationStage::Initial, &["ca-wu"], d(2026, 11, 18));
    assert_eq!(
        dev.refused(Role::Organizer, d(2026, 11, 18), too_few),
        "career.ratio"
    );
    dev.ok(
        Role::Organizer,
        d(2026, 11, 18),
        recommend(
            RecommendationStage::Initial,
            &["ca-wu", "ca-liu"],
            d(2026, 11, 18),
        ),
    );
    // 1:2 with 1 slot: both initial candidates.
    let one = recommend(RecommendationStage::Reserve, &["ca-wu"], d(2026, 11, 19));
    assert_eq!(
        dev.refused(Role::Organizer, d(2026, 11, 19), one),
        "career.ratio"
    );
    dev.ok(
        Role::Organizer,
        d(2026, 11, 19),
        recommend(
            RecommendationStage::Reserve,
            &["ca-wu", "ca-liu"],
            d(2026, 11, 19),
        ),
    );
    let round = township_round(dev.state(), YEAR, TOWNSHIP);
    assert_eq!(round.reserve_ids(), vec!["ca-wu", "ca-liu"]);
}

#[test]
fn a_round_from_applications_to_the_certificate() {
    let mut dev = recommended();
    // Only reserve candidates are inspected, by the county.
    assert_eq!(
        dev.refused(Role::Admin, d(2026, 11, 22), inspect("ca-chen")),
        "career.order"
    );
    assert_eq!(
        dev.refused(Role::Organizer, d(2026, 11, 22), inspect("ca-wu")),
        "auth.role"
    );
    // Formal candidates: 1 slot + ⌈20%⌉ = 2, all inspected.
    let fix = |apps: &[&str]| Command::FixCandidates {
        year: YEAR,
        applications: choose(apps),
        on: d(2026, 11, 24),
        seen: Vec::new(),
    };
    dev.ok(Role::Admin, d(2026, 11, 22), inspect("ca-wu"));
    assert_eq!(
        dev.refused(Role::Admin, d(2026, 11, 24), fix(&["ca-wu", "ca-liu"])),
        "career.pool"
    );
    dev.ok(Role::Admin, d(2026, 11, 22), inspect("ca-liu"));
    assert_eq!(
        dev.refused(Role::Admin, d(2026, 11, 24), fix(&["ca-wu"])),
        "career.margin"
    );
    dev.ok(Role::Admin, d(2026, 11, 24), fix(&["ca-wu", "ca-liu"]));
    // The decision: no more than the slots.
    let decide = |apps: &[&str]| Command::Decide {
        year: YEAR,
        applications: choose(apps),
        on: d(2026, 11, 25),
        seen: Vec::new(),
    };
    assert_eq!(
        dev.refused(Role::Admin, d(2026, 11, 25), decide(&["ca-wu", "ca-liu"])),
        "career.slots"
    );
    dev.ok(Role::Admin, d(2026, 11, 25), decide(&["ca-liu"]));
    // Publicity of the result, then the certificate once it ended.
    let certify = |on| Command::Certify {
        application: "ca-liu".into(),
        number: "扎选聘〔2026〕1号".into(),
        issued_on: on,
        pay_from: d(2026, 12, 2),
    };
    assert_eq!(
        dev.refused(Role::Admin, d(2026, 11, 26), certify(d(2026, 11, 26))),
        "career.order"
    );
    dev.ok(
        Role::Admin,
        d(2026, 11, 25),
        Command::PublicizeResult {
            year: YEAR,
            start: d(2026, 11, 25),
        },
    );
    assert_eq!(
        dev.refused(Role::Admin, d(2026, 11, 28), certify(d(2026, 11, 28))),
        "career.date"
    );
    assert_eq!(
        dev.refused(
            Role::Admin,
            d(2026, 12, 2),
            Command::Certify {
                application: "ca-wu".into(),
                number: "x".into(),
                issued_on: d(2026, 12, 2),
                pay_from: d(2026, 12, 2)
            }
        ),
        "career.not_selected"
    );
    dev.ok(Role::Admin, d(2026, 12, 2), certify(d(2026, 12, 2)));
    let cert = dev.state().career_pay.certificates["ca-liu"]
        .current()
        .unwrap();
    assert_eq!(
        (cert.chosen.name.as_str(), cert.pay_from),
        ("刘建国", d(2026, 12, 2))
    );
    let round = county_round(dev.state(), YEAR).unwrap();
    assert!(matches!(round.decision, Standing::One((list, _)) if list.len() == 1));
    let page = texts(&jishi::domain::career_pay::screens::certificate_screen(
        dev.state(),
        "ca-liu",
        &viewer(Role::Admin),
    ));
    assert!(
        page.contains(&"编号：扎选聘〔2026〕1号".to_string()),
        "{page:?}"
    );
    assert!(
        page.iter()
            .any(|l| l.contains("刘建国同志") && l.contains("2026-12-02起执行")),
        "{page:?}"
    );
}

#[test]
fn pages_offer_each_role_only_its_own_steps() {
    let dev = recommended();
    let organizer = township_screen(dev.state(), YEAR, TOWNSHIP, &viewer(Role::Organizer));
    let forms = |s: &jishi::domain::screen::Screen| -> Vec<&'static str> {
        s.iter()
            .flat_map(|c| &c.blocks)
            .filter_map(|b| match b {
                jishi::domain::screen::Block::Form(f) => Some(f.testid),
                _ => None,
            })
            .collect()
    };
    // The reserve list may be corrected until the county inspects; the inspection is
    // the county's.
    assert_eq!(forms(&organizer), vec!["career_reserve_fix"]);
    let admin = township_screen(dev.state(), YEAR, TOWNSHIP, &viewer(Role::Admin));
    assert_eq!(forms(&admin), vec!["career_reserve_fix", "career_inspect"]);
    let mut inspected = recommended();
    inspected.ok(Role::Admin, d(2026, 11, 22), inspect("ca-wu"));
    let organizer = township_screen(inspected.state(), YEAR, TOWNSHIP, &viewer(Role::Organizer));
    assert!(forms(&organizer).is_empty(), "{:?}", forms(&organizer));
    // Before the publicity a recorded review is corrected through its folded form.
    let mut early = county();
    open(&mut early, 1);
    apply(&mut early, "ca-wu", "hp-wu", MID);
    apply(&mut early, "ca-liu", "hp-liu", LARGE);
    let passed = review(ReviewLevel::Township, "ca-wu", true, "");
    early.ok(Role::Organizer, d(2026, 11, 5), passed);
    let page = township_screen(early.state(), YEAR, TOWNSHIP, &viewer(Role::Organizer));
    assert_eq!(
        forms(&page),
        vec![
            "career_apply",
            "career_review_township",
            "career_review_township_fix"
        ]
    );
    let seen = early
        .state()
        .career_pay
        .reviews
        .values()
        .next()
        .unwrap()
        .live_ids();
    let correction = Command::Review {
        application: "ca-wu".into(),
        level: ReviewLevel::Township,
        passed: false,
        reason: "任职年限核对有误".into(),
        on: d(2026, 11, 6),
        seen,
    };
    early.ok(Role::Organizer, d(2026, 11, 6), correction);
    let round = township_round(early.state(), YEAR, TOWNSHIP);
    let wu = round.apps.iter().find(|a| a.app.id == "ca-wu").unwrap();
    assert!(matches!(wu.township_review, Standing::One(r) if !r.passed));
    let head = township_screen(dev.state(), YEAR, TOWNSHIP, &viewer(Role::VillageHead));
    assert!(forms(&head).is_empty());
    assert!(
        texts(&head).iter().any(|s| s.starts_with("只有")),
        "{:?}",
        texts(&head)
    );
}

#[test]
fn a_review_recorded_twice_at_once_holds_the_publicity_until_it_is_settled() {
    let mut a = county();
    open(&mut a, 1);
    apply(&mut a, "ca-wu", "hp-wu", MID);
    let mut b = Device::new("phone-b");
    a.send_to(&mut b);
    a.ok(
        Role::Organizer,
        d(2026, 11, 5),
        review(ReviewLevel::Township, "ca-wu", true, ""),
    );
    b.ok(
        Role::Organizer,
        d(2026, 11, 5),
        review(ReviewLevel::Township, "ca-wu", false, "材料不全"),
    );
    b.send_to(&mut a);
    let round = township_round(a.state(), YEAR, TOWNSHIP);
    assert!(matches!(round.apps[0].township_review, Standing::Conflict));
    let again = review(ReviewLevel::Township, "ca-wu", true, "");
    assert_eq!(
        a.refused(Role::Organizer, d(2026, 11, 6), again),
        "career.reviewed"
    );
    let seen = a.state().career_pay.reviews[&(
        "ca-wu".to_string(),
        ReviewLevel::Township,
        TOWNSHIP.to_string(),
    )]
        .live_ids();
    let settle = Command::Review {
        application: "ca-wu".into(),
        level: ReviewLevel::Township,
        passed: true,
        reason: String::new(),
        on: d(2026, 11, 6),
        seen,
    };
    a.ok(Role::Organizer, d(2026, 11, 6), settle);
    let round = township_round(a.state(), YEAR, TOWNSHIP);
    assert!(matches!(round.apps[0].township_review, Standing::One(r) if r.passed));
    let _ = EndReason::TermEnded;
}

#[test]
fn a_person_applying_twice_on_two_phones_counts_for_neither_until_settled() {
    let mut a = county();
    open(&mut a, 1);
    let mut b = Device::new("phone-b");
    a.send_to(&mut b);
    apply(&mut a, "ca-wu", "hp-wu", MID);
    apply(&mut b, "ca-wu-2", "hp-wu", MID);
    b.send_to(&mut a);
    let round = township_round(a.state(), YEAR, TOWNSHIP);
    assert_eq!(round.apps.len(), 2);
    assert!(round.apps.iter().all(|x| x.unsettled && !x.eligible()));
    // A third one on this phone is refused outright.
    let again = Command::Apply {
        year: YEAR,
        application: "ca-wu-3".into(),
        person: "hp-wu".into(),
        village: MID.into(),
        on: d(2026, 11, 3),
    };
    assert_eq!(
        a.refused(Role::Organizer, d(2026, 11, 3), again),
        "career.applied"
    );
    // Failing one of them at the township's review settles it: the other counts.
    let fail = review(ReviewLevel::Township, "ca-wu-2", false, "重复申请");
    a.ok(Role::Organizer, d(2026, 11, 5), fail);
    let round = township_round(a.state(), YEAR, TOWNSHIP);
    let first = round.apps.iter().find(|x| x.app.id == "ca-wu").unwrap();
    assert!(!first.unsettled);
}

#[test]
fn an_objection_upheld_after_the_list_was_recorded_takes_the_person_off_every_later_step() {
    let mut a = reviewed();
    let mut b = Device::new("phone-b");
    a.send_to(&mut b);
    // Phone B, offline, records an objection on the last day of the publicity…
    let objection = Command::Object {
        objection: "co-late".into(),
        application: "ca-liu".into(),
        content: "反映其违规占用集体土地".into(),
        on: d(2026, 11, 16),
    };
    b.ok(Role::VillageHead, d(2026, 11, 16), objection);
    // …while phone A records the 1:3 list after the window.
    let initial = recommend(
        RecommendationStage::Initial,
        &["ca-wu", "ca-liu", "ca-chen"],
        d(2026, 11, 18),
    );
    a.ok(Role::Organizer, d(2026, 11, 18), initial);
    b.send_to(&mut a);
    let resolve = Command::Resolve {
        objection: "co-late".into(),
        upheld: true,
        note: "经核实属实".into(),
        on: d(2026, 11, 19),
    };
    a.ok(Role::Organizer, d(2026, 11, 19), resolve);
    let round = township_round(a.state(), YEAR, TOWNSHIP);
    assert_eq!(round.initial_ids(), vec!["ca-wu", "ca-chen"]);
    let with_struck = recommend(
        RecommendationStage::Reserve,
        &["ca-wu", "ca-liu"],
        d(2026, 11, 20),
    );
    assert_eq!(
        a.refused(Role::Organizer, d(2026, 11, 20), with_struck),
        "career.pool"
    );
}

#[test]
fn a_record_in_another_townships_database_changes_nothing_here() {
    let mut dev = reviewed();
    // A review naming 吴桂芝's application, recorded as another township's.
    let seen = dev.state().career_pay.reviews[&(
        "ca-wu".to_string(),
        ReviewLevel::Township,
        TOWNSHIP.to_string(),
    )]
        .live_ids();
    let forged = jishi::domain::EventBody::CareerPay(
        jishi::domain::career_pay::CareerPayEvent::CareerReviewed {
            application: "ca-wu".into(),
            township: "t-other".into(),
            level: ReviewLevel::Township,
            passed: false,
            reason: "伪造".into(),
            on: d(2026, 11, 7),
            supersedes: seen,
        },
    );
    let stamp = jishi::domain::event::Stamp {
        id: "01ev-forged".into(),
        author: "另一乡镇组织委员".into(),
        role: Role::Organizer,
        device: "phone-x".into(),
        recorded_at: beijing_ms(d(2026, 11, 7)),
        parents: Vec::new(),
    };
    let event = jishi::domain::event::Event::seal(forged, stamp);
    let received = dev.ledger.receive(vec![event]).unwrap();
    assert_eq!(received.added, 1, "the record is kept (and shown nowhere)");
    let round = township_round(dev.state(), YEAR, TOWNSHIP);
    let wu = round.apps.iter().find(|x| x.app.id == "ca-wu").unwrap();
    assert!(
        matches!(wu.township_review, Standing::One(r) if r.passed),
        "{:?}",
        wu.township_review
    );
    assert_eq!(round.clear().len(), 3, "all three stay clear");
}

#[test]
fn inspections_are_read_only_by_the_organization_department() {
    use jishi::domain::access::{kind_rule, readable, ScopeKind};
    assert_eq!(
        kind_rule("career_inspected").unwrap().scope,
        ScopeKind::Cadre
    );
    let head = readable(
        &["village_head".into(), format!("township:{TOWNSHIP}")],
        &[TOWNSHIP.into()],
    );
    assert!(!head.contains(&jishi::domain::access::Scope::Cadre));
    let organizer = readable(
        &["organizer".into(), format!("township:{TOWNSHIP}")],
        &[TOWNSHIP.into()],
    );
    assert!(!organizer.contains(&jishi::domain::access::Scope::Cadre));
}

#[test]
fn a_meeting_dated_inside_the_publicity_is_refused() {
    let mut dev = reviewed();
    let backdated = recommend(
        RecommendationStage::Initial,
        &["ca-wu", "ca-liu", "ca-chen"],
        d(2026, 11, 15),
    );
    assert_eq!(
        dev.refused(Role::Organizer, d(2026, 11, 20), backdated),
        "career.publicity_open"
    );
}

/// 刘建国's line at 乌力吉木仁嘎查 on a year's pay sheet (not his care line): post, name, base,
/// performance, 事业 pay, subsidy, total, note; and why the sheet is provisional.
fn liu_pay(dev: &Device, year: i32) -> (Vec<String>, Vec<String>) {
    use jishi::domain::village_heads::pay_sheet::{cells, pay_sheet};
    let sheet = pay_sheet(dev.state(), year, d(2026, 12, 31), true).unwrap();
    let lines = sheet.townships.iter().flat_map(|t| &t.lines).map(cells);
    let at_large = |c: &Vec<String>| c[0] == "乌力吉木仁嘎查" && c[2] == "刘建国";
    let liu = lines.filter(|c| at_large(c) && c[1] != "离任村干部");
    let liu = liu.collect::<Vec<_>>();
    assert_eq!(liu.len(), 1, "{liu:?}");
    (liu[0][1..].to_vec(), sheet.provisional)
}

fn holders_page(dev: &Device, year: i32, today: chrono::NaiveDate) -> Vec<String> {
    use jishi::domain::career_pay::renewal_screen::holders_screen;
    let who = Viewer {
        today,
        ..viewer(Role::Admin)
    };
    texts(&holders_screen(dev.state(), year, &who))
}

#[test]
fn a_holder_is_renewed_every_year_and_paid_by_the_month() {
    let mut dev = certified();
    // Paid from 2026-12-02: December runs on its 15th, so one month (2,500 by default)
    // beside his base and performance pay (9,000 + 4,000 as 优秀).
    let (line, _) = liu_pay(&dev, 2026);
    assert_eq!(
        line,
        [
            "村委会主任",
            "刘建国",
            "9000",
            "4000",
            "2500",
            "",
            "15500",
            "优秀；选聘事业待遇1个月"
        ]
    );
    let today = d(2026, 12, 3);
    // The certificate covers 2026; 2028 is too far ahead; only the county renews.
    assert_eq!(
        dev.refused(Role::Admin, today, renew(2026, today)),
        "career.renewed"
    );
    assert_eq!(
        dev.refused(Role::Admin, today, renew(2028, today)),
        "career.year"
    );
    assert_eq!(
        dev.refused(Role::Organizer, today, renew(2027, today)),
        "auth.role"
    );
    // 2027 is due: a to-do in the autumn, and a provisional sheet until it is renewed.
    let todos = jishi::domain::home::todos(dev.state(), today, true);
    assert!(
        todos
            .iter()
            .any(|t| t.text == "2027年选聘人员年度评聘：1人待续聘"),
        "{todos:?}"
    );
    // Only the county acts on it: an organizer's home page does not list it.
    let home = |role| {
        use jishi::domain::home::todo_screen_of;
        let todos = Some(jishi::domain::workflows::todos as jishi::domain::home::WorkflowTodos);
        texts(&todo_screen_of(
            dev.state(),
            (today, true, Some(role)),
            todos,
            true,
        ))
    };
    let due = "2027年选聘人员年度评聘：1人待续聘".to_string();
    assert!(home(Role::Admin).contains(&due));
    assert!(
        !home(Role::Organizer).contains(&due),
        "{:?}",
        home(Role::Organizer)
    );
    let (line, provisional) = liu_pay(&dev, 2027);
    assert_eq!(line[4], "30000");
    assert!(
        line[7].ends_with("选聘事业待遇12个月（当年未续聘）"),
        "{line:?}"
    );
    assert!(provisional.contains(&"有享受事业待遇的人员当年尚未续聘评定".to_string()));
    assert!(holders_page(&dev, 2027, today)
        .iter()
        .any(|l| l.contains("待续聘评定")));
    dev.ok(Role::Admin, today, renew(2027, today));
    assert_eq!(
        dev.refused(Role::Admin, today, renew(2027, today)),
        "career.renewed"
    );
    let (line, provisional) = liu_pay(&dev, 2027);
    assert!(line[7].ends_with("选聘事业待遇12个月"), "{line:?}");
    assert!(
        !provisional.iter().any(|p| p.contains("续聘")),
        "{provisional:?}"
    );
    let page = holders_page(&dev, 2027, today);
    assert!(
        page.iter().any(|l| l.contains("2026-12-03已续聘")),
        "{page:?}"
    );
    let todos = jishi::domain::home::todos(dev.state(), today, true);
    assert!(
        !todos.iter().any(|t| t.text.contains("待续聘")),
        "{todos:?}"
    );
}

#[test]
fn an_end_stops_the_pay_from_its_day_on_a_stated_condition() {
    let mut dev = certified();
    let today = d(2026, 12, 10);
    let condition = "本人申请辞聘";
    assert_eq!(
        dev.refused(Role::Admin, today, end("看着不顺眼", d(2027, 7, 1), vec![])),
        "career.condition"
    );
    assert_eq!(
        dev.refused(Role::Admin, today, end(condition, d(2026, 12, 1), vec![])),
        "career.pay_ends"
    );
    assert_eq!(
        dev.refused(
            Role::Organizer,
            today,
            end(condition, d(2027, 7, 1), vec![])
        ),
        "auth.role"
    );
    let mut blank = end(condition, d(2027, 7, 1), vec![]);
    if let Command::Terminate { note, .. } = &mut blank {
        *note = "  ".into();
    }
    assert_eq!(dev.refused(Role::Admin, today, blank), "field.required");
    // Unpaid from 2027-07-01: January to June are paid (6 × 2,500).
    let first = dev.ok(Role::Admin, today, end(condition, d(2027, 7, 1), vec![]));
    assert_eq!(liu_pay(&dev, 2027).0[4], "15000");
    assert_eq!(
        dev.refused(Role::Admin, today, renew(2027, today)),
        "career.ended"
    );
    // A second end is refused; a correction names the one seen: from 07-16, July counts.
    assert_eq!(
        dev.refused(Role::Admin, today, end(condition, d(2027, 7, 16), vec![])),
        "career.end_recorded"
    );
    let seen = vec![first[0].id.clone()];
    dev.ok(Role::Admin, today, end(condition, d(2027, 7, 16), seen));
    assert_eq!(liu_pay(&dev, 2027).0[4], "17500");
    let page = holders_page(&dev, 2027, today);
    assert!(
        page.iter().any(|l| l
            .contains("已终止（本人申请辞聘：本人书面申请辞去选聘待遇），2027-07-16起停发")
            && l.contains("当年7个月")),
        "{page:?}"
    );
    // Nothing is paid in 2028.
    let (line, _) = liu_pay(&dev, 2028);
    assert_eq!(line[4], "", "{line:?}");
}

#[test]
fn a_fail_grade_or_leaving_office_calls_for_an_end_and_blocks_the_renewal() {
    let mut dev = certified();
    let today = d(2026, 12, 11);
    // He also held 巴彦芒哈嘎查's director post early in 2026, the year it was graded 不合格.
    let early = Some((d(2026, 3, 1), EndReason::Transferred));
    let small = tenure(
        "hp-liu",
        "刘建国",
        SMALL,
        jishi::domain::village_heads::HeadPost::Director,
        d(2026, 1, 1),
        early,
    );
    record(&mut dev, today, "ht-liu-small", small);
    let Err(jishi::store::RecordError::Rule(refused)) =
        dev.run(Role::Admin, today, renew(2027, today))
    else {
        panic!("the renewal must be refused");
    };
    assert_eq!(refused.code, "career.end_called");
    assert_eq!(
        refused.zh,
        "2026年巴彦芒哈嘎查考评为不合格，应终止待遇，不能续聘"
    );
    let page = holders_page(&dev, 2027, today);
    assert!(
        page.iter()
            .any(|l| l == "2026年巴彦芒哈嘎查考评为不合格：应终止待遇"),
        "{page:?}"
    );
    let todos = jishi::domain::home::todos(dev.state(), today, true);
    let call = todos
        .iter()
        .find(|t| t.text == "2027年选聘人员：刘建国出现终止待遇情形，请记录终止");
    assert!(call.is_some_and(|t| t.urgent), "{todos:?}");
    // Leaving office is a call too: he resigned his own post on 2026-12-05.
    let resigned = Some((d(2026, 12, 5), EndReason::Resigned));
    let left = tenure(
        "hp-liu",
        "刘建国",
        LARGE,
        jishi::domain::village_heads::HeadPost::Director,
        d(2012, 3, 1),
        resigned,
    );
    record(&mut dev, today, "ht-liu", left);
    let page = holders_page(&dev, 2026, today);
    assert!(
        page.iter()
            .any(|l| l == "2026-12-05已离任（辞职）：应终止待遇"),
        "{page:?}"
    );
    // Until the end is recorded his 事业 pay stays on the sheet, on a line of its own in
    // a year he holds no post.
    let (line, provisional) = liu_pay(&dev, 2027);
    assert_eq!(
        line[..5],
        ["选聘人员（当年不在任）", "刘建国", "", "", "30000"]
    );
    let said = "有享受事业待遇的人员当年不在任，请核对是否终止待遇".to_string();
    assert!(provisional.contains(&said), "{provisional:?}");
    let stop = end(
        "不再担任嘎查村党组织书记或村委会主任",
        d(2026, 12, 5),
        vec![],
    );
    dev.ok(Role::Admin, today, stop);
    let (line, _) = liu_pay(&dev, 2026);
    // December's 15th is after the pay stopped: no month, no 事业 pay at all.
    assert_eq!(line[4], "", "{line:?}");
    assert!(!line[7].contains("选聘"), "{line:?}");
    let todos = jishi::domain::home::todos(dev.state(), today, true);
    assert!(
        !todos.iter().any(|t| t.text.contains("刘建国")),
        "{todos:?}"
    );
}

#[test]
fn a_round_a_publicity_or_a_certificate_recorded_two_ways_is_settled_by_recording_it_again() {
    // Two phones open the round with different slots: the page says so and offers the
    // form again, and opening it again replaces both.
    let mut a = county();
    let mut b = Device::new("phone-b");
    a.send_to(&mut b);
    open(&mut a, 1);
    open(&mut b, 2);
    b.send_to(&mut a);
    assert!(county_round(a.state(), YEAR).is_none());
    let page = texts(&round_screen(a.state(), YEAR, &viewer(Role::Admin)));
    assert!(
        page.iter()
            .any(|l| l.starts_with("本年度选聘在两部手机上开启时名额或日期不一致")),
        "{page:?}"
    );
    open(&mut a, 1);
    assert_eq!(county_round(a.state(), YEAR).unwrap().slots, 1);
    assert_eq!(
        a.refused(
            Role::Admin,
            d(2026, 11, 1),
            Command::OpenRound {
                year: YEAR,
                slots: vec![Slots {
                    township: TOWNSHIP.into(),
                    slots: 3
                }],
                on: d(2026, 11, 1),
            }
        ),
        "career.round_open"
    );
    // The eligible list publicized from two different days: the township starts it again.
    let mut a = reviewed_unpublicized();
    let mut b = Device::new("phone-b");
    a.send_to(&mut b);
    a.ok(Role::Organizer, d(2026, 11, 10), publicize(d(2026, 11, 10)));
    b.ok(Role::Organizer, d(2026, 11, 10), publicize(d(2026, 11, 11)));
    b.send_to(&mut a);
    let round = township_round(a.state(), YEAR, TOWNSHIP);
    assert!(matches!(round.publicity, Standing::Conflict));
    let page = texts(&township_screen(
        a.state(),
        YEAR,
        TOWNSHIP,
        &viewer(Role::Organizer),
    ));
    assert!(
        page.iter()
            .any(|l| l.starts_with("资格审查名单的公示在两部手机上记录不一致")),
        "{page:?}"
    );
    a.ok(Role::Organizer, d(2026, 11, 10), publicize(d(2026, 11, 11)));
    let round = township_round(a.state(), YEAR, TOWNSHIP);
    assert!(matches!(round.publicity, Standing::One((start, _, _)) if *start == d(2026, 11, 11)));
    // Two certificates of one person with different numbers: neither prints nor pays
    // until the county issues it again.
    let mut a = result_publicized();
    let mut b = Device::new("phone-b");
    a.send_to(&mut b);
    a.ok(Role::Admin, d(2026, 12, 2), certify("扎选聘〔2026〕1号"));
    b.ok(Role::Admin, d(2026, 12, 2), certify("扎选聘〔2026〕9号"));
    b.send_to(&mut a);
    let page = texts(&round_screen(a.state(), YEAR, &viewer(Role::Admin)));
    assert!(
        page.contains(&"刘建国：证书在两部手机上记录不一致，请核对后重新颁发".to_string()),
        "{page:?}"
    );
    let printed = texts(&jishi::domain::career_pay::screens::certificate_screen(
        a.state(),
        "ca-liu",
        &viewer(Role::Admin),
    ));
    assert!(printed.contains(&"未找到该证书".to_string()), "{printed:?}");
    let (_, provisional) = liu_pay(&a, 2026);
    assert!(
        provisional.contains(&"有选聘证书或待遇终止在两部手机上记录不一致，待核对".to_string()),
        "{provisional:?}"
    );
    a.ok(Role::Admin, d(2026, 12, 2), certify("扎选聘〔2026〕1号"));
    let (line, provisional) = liu_pay(&a, 2026);
    assert_eq!(line[4], "2500");
    assert!(
        !provisional.iter().any(|p| p.contains("证书")),
        "{provisional:?}"
    );
}

/// The printed 公示 of the eligible list (issue 14): the township's three people who
/// passed both reviews (not 白玉兰, who failed the county's), each with their village and
/// post from the tenures, the window as recorded (2026-11-10 to 11-16, 7 days), how and to
/// whom to object, signed by the township's party committee; the page leads there.
#[test]
fn the_eligible_list_prints_as_a_notice_with_its_window_and_how_to_object() {
    use jishi::domain::career_pay::notice::eligible_notice;
    use jishi::domain::career_pay::Page;
    use jishi::domain::screen::Block;
    let before = reviewed_unpublicized();
    let none = texts(&eligible_notice(before.state(), YEAR, TOWNSHIP, true));
    assert!(none.contains(&"该名单尚未公示".to_string()), "{none:?}");
    let dev = reviewed();
    let notice = eligible_notice(dev.state(), YEAR, TOWNSHIP, true);
    let doc = &notice[1];
    assert!(doc.document);
    assert_eq!(doc.class, "notice");
    let mut read = Vec::new();
    for block in &doc.blocks {
        match block {
            Block::Line { text, .. } | Block::DocTitle(text) => read.push(text.clone()),
            Block::Sheet(s) => {
                read.push(s.columns.join(" | "));
                let rows = s.rows.iter().map(|r| r.iter().map(|c| c.said()));
                read.extend(rows.map(|r| r.collect::<Vec<_>>().join(" | ")));
            }
            Block::Sign(lines) => read.extend(lines.iter().cloned()),
            _ => {}
        }
    }
    assert_eq!(
        read,
        [
            "乌力吉木仁苏木2026年选聘嘎查村书记（主任）享受事业单位基础工资待遇符合条件人员名单公示",
            "根据《关于从嘎查村书记（主任）中选聘参照事业单位基础工资待遇人员的实施办法》，经本人书面申请、乌力吉木仁苏木党委资格初审、旗县委组织部复审，以下3名同志符合选聘条件，现在乌力吉木仁苏木所在地和各嘎查村分别予以公示，接受党员干部群众监督：",
            "序号 | 姓名 | 所在嘎查村 | 现任职务",
            "1 | 刘建国 | 乌力吉木仁嘎查 | 村委会主任",
            "2 | 吴桂芝 | 乌兰哈达嘎查 | 村委会主任",
            "3 | 陈淑华 | 白音花嘎查 | 村委会主任",
            "公示时间：2026年11月10日 至 2026年11月16日（共 7 天）。",
            "公示期间，党员干部群众对公示对象有异议的，可通过来信、来电、来访等方式向中共乌力吉木仁苏木委员会反映，由乡镇组织委员登记并在核实后答复。公示期满无异议的，方可推荐为初步人选。反映问题要实事求是，以个人名义反映的请提供真实姓名和联系方式。",
            "中共乌力吉木仁苏木委员会",
            "2026年11月10日",
        ]
    );
    // In English too.
    let en = texts(&eligible_notice(dev.state(), YEAR, TOWNSHIP, false)).join("\n");
    assert!(
        en.contains("Publicity: 2026-11-10 to 2026-11-16 (7 days)."),
        "{en}"
    );
    // The township's page leads to it.
    let page = township_screen(dev.state(), YEAR, TOWNSHIP, &viewer(Role::Organizer));
    let links = page.iter().flat_map(|c| &c.blocks).filter_map(|b| match b {
        Block::Actions { links, .. } => Some(links),
        _ => None,
    });
    let to_notice = links
        .flatten()
        .find(|l| l.text == "打印公示")
        .expect("a link");
    assert_eq!(
        to_notice.route,
        jishi::route::Route::CareerPay(Page::Notice(YEAR, TOWNSHIP.into()))
    );
    assert_eq!(
        to_notice.route.href(),
        format!("/career/{YEAR}/t/{TOWNSHIP}/notice")
    );
}
