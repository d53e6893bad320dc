//! The 选聘 (W2) fixture: 乌力吉木仁苏木 graded for 2026, its heads' history and three
//! long-serving directors, and a round driven step by step through `Ledger::record`.
#![allow(dead_code)]

use chrono::NaiveDate;
use jishi::domain::career_pay::{Command, RecommendationStage, ReviewLevel, Slots, Votes};
use jishi::domain::event::Role;
use jishi::domain::village_heads::HeadPost;

use super::heads::*;
use super::*;

pub const YEAR: i32 = 2026;

/// 乌力吉木仁苏木 graded for 2026 (its smallest village fails), its heads' history, and
/// three directors of long standing.
pub fn county() -> Device {
    let mut dev = graded_with_small_failing();
    heads_history(&mut dev);
    let on = d(2026, 11, 20);
    for (id, person, name, village, start) in [
        ("ht-wu", "hp-wu", "吴桂芝", MID, d(2015, 3, 1)),
        ("ht-liu", "hp-liu", "刘建国", LARGE, d(2012, 3, 1)),
        ("ht-chen", "hp-chen", "陈淑华", UPPER, d(2019, 3, 1)),
    ] {
        record(
            &mut dev,
            on,
            id,
            tenure(person, name, village, HeadPost::Director, start, None),
        );
    }
    dev
}

pub fn open(dev: &mut Device, slots: u32) {
    let cmd = Command::OpenRound {
        year: YEAR,
        slots: vec![Slots {
            township: TOWNSHIP.into(),
            slots,
        }],
        on: d(2026, 11, 1),
    };
    dev.ok(Role::Admin, d(2026, 11, 1), cmd);
}

pub fn apply(dev: &mut Device, id: &str, person: &str, village: &str) {
    let cmd = Command::Apply {
        year: YEAR,
        application: id.into(),
        person: person.into(),
        village: village.into(),
        on: d(2026, 11, 2),
    };
    dev.ok(Role::Organizer, d(2026, 11, 2), cmd);
}

pub fn review(level: ReviewLevel, application: &str, passed: bool, reason: &str) -> Command {
    Command::Review {
        application: application.into(),
        level,
        passed,
        reason: reason.into(),
        on: d(2026, 11, 5),
        seen: Vec::new(),
    }
}

pub fn recommend(stage: RecommendationStage, apps: &[&str], on: NaiveDate) -> Command {
    Command::Recommend {
        year: YEAR,
        township: TOWNSHIP.into(),
        stage,
        applications: apps.iter().map(|a| a.to_string()).collect(),
        on,
        seen: Vec::new(),
    }
}

pub fn inspect(application: &str) -> Command {
    Command::Inspect {
        application: application.into(),
        ballots: Votes {
            excellent: 30,
            competent: 8,
            basic: 2,
            incompetent: 0,
        },
        talks: 15,
        conclusion: "群众公认度高，工作实绩突出".into(),
        on: d(2026, 11, 22),
    }
}

pub fn choose(application: &[&str]) -> Vec<String> {
    application.iter().map(|a| a.to_string()).collect()
}

/// Four applications, reviewed: 吴桂芝, 刘建国 and 陈淑华 pass; 白玉兰 fails the county's
/// review. Publicized from 2026-11-10 (7 days, to 11-16).
pub fn reviewed() -> Device {
    let mut dev = reviewed_unpublicized();
    dev.ok(Role::Organizer, d(2026, 11, 10), publicize(d(2026, 11, 10)));
    dev
}

/// The eligible list's publicity from `start`.
pub fn publicize(start: NaiveDate) -> Command {
    Command::Publicize {
        year: YEAR,
        township: TOWNSHIP.into(),
        start,
    }
}

/// The four applications reviewed, the list not publicized yet.
pub fn reviewed_unpublicized() -> Device {
    let mut dev = county();
    open(&mut dev, 1);
    apply(&mut dev, "ca-wu", "hp-wu", MID);
    apply(&mut dev, "ca-liu", "hp-liu", LARGE);
    apply(&mut dev, "ca-chen", "hp-chen", UPPER);
    apply(&mut dev, "ca-bai", BAI, SMALL);
    for app in ["ca-wu", "ca-liu", "ca-chen", "ca-bai"] {
        dev.ok(
            Role::Organizer,
            d(2026, 11, 5),
            review(ReviewLevel::Township, app, true, ""),
        );
    }
    for app in ["ca-wu", "ca-liu", "ca-chen"] {
        dev.ok(
            Role::Admin,
            d(2026, 11, 6),
            review(ReviewLevel::County, app, true, ""),
        );
    }
    let failed = review(
        ReviewLevel::County,
        "ca-bai",
        false,
        "2026年所在嘎查考评不合格",
    );
    dev.ok(Role::Admin, d(2026, 11, 6), failed);
    dev
}

/// Through the reserve recommendation (吴桂芝 and 刘建国), an objection to 吴桂芝
/// dismissed on the way.
pub fn recommended() -> Device {
    let mut dev = reviewed();
    // An objection to 吴桂芝 during the publicity, found groundless.
    let objection = Command::Object {
        objection: "co-wu".into(),
        application: "ca-wu".into(),
        content: "反映其长期不在村".into(),
        on: d(2026, 11, 12),
    };
    dev.ok(Role::Organizer, d(2026, 11, 12), objection);
    let resolve = Command::Resolve {
        objection: "co-wu".into(),
        upheld: false,
        note: "经走访核实，其常年在村工作，异议不成立".into(),
        on: d(2026, 11, 17),
    };
    dev.ok(Role::Organizer, d(2026, 11, 17), resolve);
    dev.ok(
        Role::Organizer,
        d(2026, 11, 18),
        recommend(
            RecommendationStage::Initial,
            &["ca-wu", "ca-liu", "ca-chen"],
            d(2026, 11, 18),
        ),
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
    dev
}

/// A whole round, to 刘建国's certificate (the golden corpus's).
pub fn certified() -> Device {
    let mut dev = result_publicized();
    dev.ok(Role::Admin, d(2026, 12, 2), certify("扎选聘〔2026〕1号"));
    dev
}

/// 刘建国's certificate numbered `number`, pay from 2026-12-02.
pub fn certify(number: &str) -> Command {
    Command::Certify {
        application: "ca-liu".into(),
        number: number.into(),
        issued_on: d(2026, 12, 2),
        pay_from: d(2026, 12, 2),
    }
}

/// A whole round up to the certificate: the result publicized 2026-11-25 to 12-01.
pub fn result_publicized() -> Device {
    let mut dev = recommended();
    dev.ok(Role::Admin, d(2026, 11, 22), inspect("ca-wu"));
    dev.ok(Role::Admin, d(2026, 11, 22), inspect("ca-liu"));
    let fix = Command::FixCandidates {
        year: YEAR,
        applications: choose(&["ca-wu", "ca-liu"]),
        on: d(2026, 11, 24),
        seen: Vec::new(),
    };
    dev.ok(Role::Admin, d(2026, 11, 24), fix);
    let decide = Command::Decide {
        year: YEAR,
        applications: choose(&["ca-liu"]),
        on: d(2026, 11, 25),
        seen: Vec::new(),
    };
    dev.ok(Role::Admin, d(2026, 11, 25), decide);
    dev.ok(
        Role::Admin,
        d(2026, 11, 25),
        Command::PublicizeResult {
            year: YEAR,
            start: d(2026, 11, 25),
        },
    );
    dev
}

/// 刘建国's appointment renewed for `year`, reviewed on `on`.
pub fn renew(year: i32, on: NaiveDate) -> Command {
    Command::Renew {
        application: "ca-liu".into(),
        year,
        on,
    }
}

/// 刘建国's pay ended on `condition` with `note`, unpaid from `pay_ends`, decided
/// 2026-12-10, replacing the ends `seen`.
pub fn end_with(condition: &str, note: &str, pay_ends: NaiveDate, seen: Vec<String>) -> Command {
    Command::Terminate {
        application: "ca-liu".into(),
        condition: condition.into(),
        note: note.into(),
        pay_ends,
        on: d(2026, 12, 10),
        seen,
    }
}

/// [`end_with`] on his own written request.
pub fn end(condition: &str, pay_ends: NaiveDate, seen: Vec<String>) -> Command {
    end_with(condition, "本人书面申请辞去选聘待遇", pay_ends, seen)
}
