#![cfg(not(target_arch = "wasm32"))]
//! 责任追究 (证据保全, issue 14 part 2): the accountability trace of a W4 case lists every
//! actor and correction in the order they were recorded, each with its event's hash,
//! built from the phone's own log; an appointed cadre's trace holds every case that
//! appointed them.

mod common;

use common::cadre::*;
use common::*;
use jishi::domain::cadre_selection::trace::{
    cadre_trace_screen, case_events, case_trace, case_trace_screen, short_hash,
};
use jishi::domain::cadre_selection::{Command, Finding, StepRecord, Submission};
use jishi::domain::event::{Event, Role};
use jishi::domain::screen::{Block, Screen, Sheet};

/// The case through appointment: 动议 corrected with a reason, a complaint verified
/// and dismissed, five signers of the 初次提交 and its submission. Returns the device
/// and the ids of the corrected 动议 and of the complaint.
fn traced_case() -> (Device, String, String) {
    let mut dev = in_publicity();
    let old = live_id(&dev, "initiation");
    correct(
        &mut dev,
        d(2026, 4, 3),
        vec![old.clone()],
        StepRecord::Initiation {
            on: d(2026, 3, 3),
            proposer: "旗委组织部部务会".into(),
            reason: "格日朝鲁苏木副苏木达 1 名职位空缺".into(),
            scope: "全旗科级干部".into(),
            method: "民主推荐".into(),
        },
        "动议理由未写明职位所在苏木",
    );
    let complaint = recorder(
        &mut dev,
        d(2026, 4, 3),
        StepRecord::Complaint {
            on: d(2026, 4, 3),
            cadre: A.into(),
            complainant: "匿名来信".into(),
            content: "反映其亲属违规经营".into(),
        },
    )[0]
    .id
    .clone();
    recorder(
        &mut dev,
        d(2026, 4, 8),
        StepRecord::ComplaintVerified {
            on: d(2026, 4, 8),
            complaint: complaint.clone(),
            finding: Finding::Dismissed,
            note: "经核查，所反映问题不属实".into(),
        },
    );
    sign_all(&mut dev, Submission::Initial, d(2026, 4, 8));
    dev.ok(
        Role::Approver,
        d(2026, 4, 8),
        Command::Submit {
            case: CASE.into(),
            node: Submission::Initial,
            on: d(2026, 4, 8),
        },
    );
    recorder(&mut dev, d(2026, 4, 10), close(d(2026, 4, 10)));
    recorder(&mut dev, d(2026, 4, 13), appointment(d(2026, 4, 13)));
    (dev, old, complaint)
}

/// The case's events in the phone's log, in the order they were recorded.
fn recorded(dev: &Device) -> Vec<Event> {
    let subject = format!("w4/{CASE}");
    let events = dev.events().into_iter();
    let mut mine: Vec<Event> = events.filter(|e| e.subject == subject).collect();
    mine.sort_by(|a, b| (a.recorded_at, &a.id).cmp(&(b.recorded_at, &b.id)));
    mine
}

/// The first sheet of a screen's document.
fn sheet(screen: &Screen) -> &Sheet {
    let blocks = screen.iter().flat_map(|c| &c.blocks);
    let mut sheets = blocks.filter_map(|b| match b {
        Block::Sheet(s) => Some(s),
        _ => None,
    });
    sheets.next().expect("the trace has a sheet")
}

/// Every text of a screen, joined (what a reader of the page sees): lines, labelled
/// facts, sheet cells.
fn said(screen: &Screen) -> String {
    let mut out = vec![];
    for block in screen.iter().flat_map(|c| &c.blocks) {
        match block {
            Block::Line { text, .. } | Block::Heading(text) | Block::DocTitle(text) => {
                out.push(text.clone())
            }
            Block::Facts { lines, .. } => {
                out.extend(lines.iter().map(|l| format!("{}{}", l.label, l.text)))
            }
            Block::Sheet(s) => out.extend(s.rows.iter().flatten().map(|c| c.said())),
            _ => {}
        }
    }
    out.join("\n")
}

#[test]
fn a_case_trace_lists_every_actor_and_correction_in_order_with_the_events_hashes() {
    let (dev, old, complaint) = traced_case();
    let events = dev.events();
    let lines = case_trace(&events, dev.state(), CASE, true);
    let log = recorded(&dev);
    // One line per event of the case, in the order recorded, each with its hash whole.
    assert_eq!(lines.len(), log.len());
    let ids: Vec<&str> = lines.iter().map(|l| l.id.as_str()).collect();
    let logged: Vec<&str> = log.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, logged);
    for (line, e) in lines.iter().zip(&log) {
        assert_eq!(line.hash, e.hash, "{}", line.what);
        assert_eq!(line.hash.len(), 64);
        assert_eq!(
            (line.author.as_str(), line.role),
            (e.author.as_str(), e.role)
        );
        assert_eq!(line.recorded_at, e.recorded_at);
    }
    // Every actor, in the order each first acted.
    let mut actors: Vec<(&str, Role)> = vec![];
    for l in &lines {
        if !actors.iter().any(|a| a.0 == l.author) {
            actors.push((&l.author, l.role));
        }
    }
    assert_eq!(
        actors,
        [
            (RECORDER, Role::Recorder),
            (RECHECKER, Role::Reviewer),
            (CADRE_CHIEF, Role::CadreChief),
            (SUPERVISION_CHIEF, Role::SupervisionChief),
            (DEPUTY, Role::Approver),
        ]
    );
    // The five signatures, in the order signed, then the submission by the approver.
    let signed: Vec<&str> = lines
        .iter()
        .filter(|l| l.what.starts_with("签字："))
        .map(|l| l.author.as_str())
        .collect();
    assert_eq!(
        signed,
        [RECHECKER, RECORDER, CADRE_CHIEF, SUPERVISION_CHIEF, DEPUTY]
    );
    // The correction names the hash of the record it corrects, and why; it comes after it.
    let old_hash = &log.iter().find(|e| e.id == old).unwrap().hash;
    let at = |id: &str| lines.iter().position(|l| l.id == id).unwrap();
    let corrections: Vec<_> = lines.iter().filter(|l| !l.corrects.is_empty()).collect();
    assert_eq!(corrections.len(), 1);
    let fix = corrections[0];
    assert_eq!(&fix.corrects, &vec![old_hash.clone()]);
    assert_eq!(fix.reason, "动议理由未写明职位所在苏木");
    assert_eq!(fix.what, "动议");
    assert!(at(&old) < at(&fix.id));
    // The complaint and its verification, in order.
    let verified = lines
        .iter()
        .position(|l| l.what.contains("举报核实"))
        .unwrap();
    assert!(at(&complaint) < verified);
    assert!(lines[verified]
        .lines
        .iter()
        .any(|(_, x)| x.contains("不影响任用")));
}

#[test]
fn the_printed_trace_shows_whole_hashes_who_answers_and_what_the_phone_holds() {
    let (dev, old, _) = traced_case();
    let events = dev.events();
    let screen = case_trace_screen(&events, dev.state(), CASE, true);
    let text = said(&screen);
    let log = recorded(&dev);
    let rows = &sheet(&screen).rows;
    assert_eq!(rows.len(), log.len());
    for (row, e) in rows.iter().zip(&log) {
        assert_eq!(row.last().unwrap().said(), e.hash);
    }
    // Who answers: who proposed, the 首提责任人, the complaint resolved, the appointment.
    for part in [
        "动议提出：",
        "旗委组织部部务会",
        "首提责任人：",
        "旗委副书记 赵刚（个人署名推荐） → 王建军",
        "反映其亲属违规经营 → 2026-04-08 不影响任用（查否） · 经核查，所反映问题不属实",
        "王建军 → 格日朝鲁苏木副苏木达 · 2026-04-13",
        "其中更正或替换 1 条",
        "本页依据本机所存记录生成",
        "动议理由未写明职位所在苏木",
    ] {
        assert!(text.contains(part), "{part} missing");
    }
    // The correction names the corrected record by the start of its hash.
    let old_hash = &log.iter().find(|e| e.id == old).unwrap().hash;
    assert!(text.contains(&format!("更正/替换：{}", short_hash(old_hash))));
    // In English, no Chinese label is left in the sheet's heads.
    let en = case_trace_screen(&events, dev.state(), CASE, false);
    let heads = sheet(&en).columns.join(" ");
    assert!(heads.is_ascii(), "{heads}");
}

#[test]
fn an_appointed_cadres_trace_holds_the_case_that_appointed_them_and_no_other_case() {
    let (dev, _, _) = traced_case();
    let events = dev.events();
    let appointed = cadre_trace_screen(&events, dev.state(), A, true);
    let text = said(&appointed);
    assert!(text.contains("王建军"));
    assert!(text.contains("格日朝鲁苏木副苏木达选任"));
    assert_eq!(sheet(&appointed).rows.len(), recorded(&dev).len());
    // 巴特尔 holds the post and no case names him: the page says so.
    let other = cadre_trace_screen(&events, dev.state(), HOLDER, true);
    assert!(said(&other).contains("没有涉及该干部的选任事项"));
    // Only this case's events are in the trace.
    assert!(case_events(&events, "case-none").is_empty());
}

#[test]
fn the_trace_lists_only_what_this_phone_holds() {
    let (dev, _, _) = traced_case();
    // A phone that received only part of the log traces only that part.
    let log = recorded(&dev);
    let half: Vec<Event> = dev
        .events()
        .into_iter()
        .take(dev.events().len() - 3)
        .collect();
    let lines = case_trace(&half, dev.state(), CASE, true);
    assert_eq!(lines.len(), log.len() - 3);
    assert!(lines.iter().zip(&log).all(|(l, e)| l.hash == e.hash));
}

/// A correction whose corrected record is not on this phone (not synced yet): the trace
/// names that record by its id, said to be not held, never passing the id off as a hash.
#[test]
fn a_corrected_record_not_on_this_phone_is_named_by_id_not_as_a_hash() {
    let (dev, old, _) = traced_case();
    let held: Vec<Event> = dev.events().into_iter().filter(|e| e.id != old).collect();
    let lines = case_trace(&held, dev.state(), CASE, true);
    let correction = lines.iter().find(|l| !l.reason.is_empty()).unwrap();
    assert!(correction.corrects.is_empty(), "{:?}", correction.corrects);
    assert_eq!(correction.corrects_unheld, std::slice::from_ref(&old));
    let screen =
        jishi::domain::cadre_selection::trace::case_trace_screen(&held, dev.state(), CASE, true);
    assert!(said(&screen).contains(&format!("本机未存的被更正记录：{old}")));
}

/// The line of a cadre's trace saying their part in the case and how it ended.
fn part(dev: &Device, cadre: &str, zh: bool) -> String {
    let screen = cadre_trace_screen(&dev.events(), dev.state(), cadre, zh);
    let blocks = screen.iter().flat_map(|c| &c.blocks);
    let mut parts = blocks.filter_map(|b| match b {
        Block::Line { text, testid, .. } if *testid == "cadre-part" => Some(text.clone()),
        _ => None,
    });
    parts.next().unwrap_or_default()
}

/// A cadre's trace holds every case naming them — nominated, recommended, inspected —
/// not only the one appointing them, each with their part and how it ended for them.
#[test]
fn a_cadres_trace_holds_every_case_naming_them_with_their_part_and_outcome() {
    let (dev, _, _) = traced_case();
    assert_eq!(
        part(&dev, A, true),
        "该干部在本事项中：被提名、民主推荐得 30 票、考察对象、已考察、有关事项公开、酝酿拟任人选、讨论决定通过、公示期间被举报、任职 · 结果：任职：格日朝鲁苏木副苏木达 · 2026-04-13"
    );
    // 李红梅: nominated by the organization, 25 votes, inspected; the post went to 王建军.
    assert_eq!(
        part(&dev, B, true),
        "该干部在本事项中：被提名、民主推荐得 25 票、考察对象、已考察 · 结果：未任用（职位已任用他人）"
    );
    // 张三 (2024 基本称职): nominated and recommended, never a target.
    assert_eq!(
        part(&dev, GRADE, true),
        "该干部在本事项中：被提名、民主推荐得 28 票 · 结果：未任用（职位已任用他人）"
    );
    let text = said(&cadre_trace_screen(&dev.events(), dev.state(), B, true));
    assert!(text.contains("格日朝鲁苏木副苏木达选任"));
    assert!(!text.contains("没有涉及该干部的选任事项"));
    assert_eq!(
        part(&dev, B, false),
        "This cadre in the case: nominated, 25 votes in the recommendation, inspection target, inspected · outcome: not appointed (the post went to another)"
    );

    // While the case is under way it says so; ended, it says how.
    let mut open = through_inspection();
    assert_eq!(
        part(&open, B, true),
        "该干部在本事项中：被提名、民主推荐得 25 票、考察对象、已考察 · 结果：事项进行中"
    );
    open.ok(
        Role::Recorder,
        d(2026, 3, 23),
        Command::EndCase {
            case: CASE.into(),
            on: d(2026, 3, 23),
            ending: jishi::domain::cadre_selection::Ending::Withdrawn,
            reason: "拟任人选王建军本人书面申请退出".into(),
        },
    );
    assert!(
        part(&open, B, true).ends_with("结果：事项终止，未任用：人选退出"),
        "{}",
        part(&open, B, true)
    );
    // The pool leads to the trace of every cadre a case names, not only the appointed.
    let pool = jishi::domain::cadre_selection::pool_screen::cadre_list(
        open.state(),
        Some(Role::Recorder),
        d(2026, 3, 23),
        true,
    );
    let pool = format!("{pool:?}");
    assert!(
        pool.contains("CadreTrace(\"c-lhm\")"),
        "B's trace is linked"
    );
    assert!(
        !pool.contains("CadreTrace(\"c-holder\")"),
        "no case names 巴特尔"
    );
}
