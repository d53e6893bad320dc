#![cfg(not(target_arch = "wasm32"))]
//! The printed W1 公示 notice for the village bulletin board (issue 14 part 4; seed 002
//! 扎鲁特旗: "考评结果公示7天，接受党员干部群众监督"): village, township, quarter, each
//! indicator's score and the total, the window's first and last day as the 公示
//! announced it, how and to whom to object.

mod common;

use common::*;
use jishi::domain::master_decide::Command as MasterCommand;
use jishi::domain::policy::Policy;
use jishi::domain::screen::{Block, Screen, Sheet};
use jishi::domain::village_pay::notice::village_notice;
use jishi::domain::village_pay::Period;

/// 巴彦芒哈嘎查's 2026 Q1 scored 89 of 100 (27.5 + 20 + 18 + 14 + 9.5) and publicized
/// from 2026-03-26.
fn publicized() -> Device {
    let mut dev = Device::new("phone-notice");
    dev.township_2026();
    let scores = halves(&[("dj", 55), ("cy", 40), ("zl", 36), ("ms", 28), ("zf", 19)]);
    dev.submit(SMALL, 2026, Period::Q1, scores);
    dev.open_publicity(SMALL, 2026, Period::Q1);
    dev
}

/// What a reader of the notice reads: its lines, sheet cells and signature, in order.
fn read(screen: &Screen) -> Vec<String> {
    let mut out = vec![];
    for block in screen.iter().flat_map(|c| &c.blocks) {
        match block {
            Block::Line { text, .. } | Block::DocTitle(text) => out.push(text.clone()),
            Block::Sheet(s) => {
                out.push(s.columns.join(" | "));
                let rows = s.rows.iter().map(|r| r.iter().map(|c| c.said()));
                out.extend(rows.map(|r| r.collect::<Vec<_>>().join(" | ")));
            }
            Block::Sign(lines) => out.extend(lines.iter().cloned()),
            _ => {}
        }
    }
    out
}

/// The notice's score table.
fn scores(screen: &Screen) -> &Sheet {
    let blocks = screen.iter().flat_map(|c| &c.blocks);
    let sheets = blocks.filter_map(|b| match b {
        Block::Sheet(s) => Some(s),
        _ => None,
    });
    sheets.into_iter().next().expect("a score table")
}

#[test]
fn the_notice_says_village_quarter_each_score_the_total_the_window_and_how_to_object() {
    let dev = publicized();
    let notice = village_notice(dev.state(), (SMALL, 2026, Period::Q1), d(2026, 3, 27), true);
    let text = read(&notice);
    assert_eq!(
        text,
        [
            "巴彦芒哈嘎查2026年第一季度工作实绩考评结果公示",
            "乌力吉木仁苏木 · 巴彦芒哈嘎查 · 书记：包金山 · 主任：白玉兰",
            "根据《嘎查村“两委”班子工作实绩考评办法》，乌力吉木仁苏木考核领导小组深入实地查验，对巴彦芒哈嘎查“两委”班子2026年第一季度工作实绩进行了量化赋分。现将考评结果公示如下，接受党员干部群众监督：",
            "考评指标 | 满分 | 得分",
            "党建引领 | 30 | 27.5",
            "产业发展 | 25 | 20",
            "基层治理 | 20 | 18",
            "民生服务 | 15 | 14",
            "作风建设 | 10 | 9.5",
            "合计 | 100 | 89",
            "折合百分制 | 100 | 89.00",
            "公示时间：2026年03月26日 至 2026年04月01日（共 7 天）。",
            "公示期间，党员干部群众对考评结果有异议的，可通过来信、来电、来访等方式向中共乌力吉木仁苏木委员会反映，由乡镇组织委员登记并在核实后答复。反映问题要实事求是，以个人名义反映的请提供真实姓名和联系方式。",
            "中共乌力吉木仁苏木委员会",
            "2026年03月26日",
        ]
    );
    let doc = notice
        .iter()
        .find(|c| c.document)
        .expect("a printable document");
    assert_eq!(
        doc.class, "notice",
        "the same notice block as W4's 任前公示"
    );
}

#[test]
fn the_window_is_the_one_the_publicity_announced_under_the_policy_of_its_day() {
    let mut dev = Device::new("phone-notice");
    dev.township_2026();
    let ten = Policy {
        publicity_days: 10,
        ..Policy::default()
    };
    let change = MasterCommand::ChangePolicy {
        effective_from: d(2026, 3, 1),
        policy: Box::new(ten),
    };
    dev.ok(jishi::domain::event::Role::Admin, d(2026, 3, 1), change);
    dev.submit(MID, 2026, Period::Q1, scores_of(70.0));
    dev.open_publicity(MID, 2026, Period::Q1);
    // A later policy does not move a window already announced.
    let seven = MasterCommand::ChangePolicy {
        effective_from: d(2026, 3, 27),
        policy: Box::new(Policy::default()),
    };
    dev.ok(jishi::domain::event::Role::Admin, d(2026, 3, 27), seven);
    let notice = village_notice(dev.state(), (MID, 2026, Period::Q1), d(2026, 3, 28), true);
    let text = read(&notice);
    assert!(
        text.contains(&"公示时间：2026年03月26日 至 2026年04月04日（共 10 天）。".to_string()),
        "{text:?}"
    );
    assert!(text.contains(&"折合百分制 | 100 | 70.00".to_string()));
}

#[test]
fn before_its_publicity_a_quarter_has_no_notice_and_says_so() {
    let mut dev = Device::new("phone-notice");
    dev.township_2026();
    dev.submit(SMALL, 2026, Period::Q2, scores_of(80.0));
    let notice = village_notice(dev.state(), (SMALL, 2026, Period::Q2), d(2026, 6, 25), true);
    assert!(notice.iter().all(|c| !c.document));
    assert!(read(&notice).contains(&"该考核期结果尚未公示".to_string()));
    let unknown = village_notice(
        dev.state(),
        ("v-none", 2026, Period::Q1),
        d(2026, 6, 25),
        false,
    );
    assert_eq!(read(&unknown), ["Unknown village or period"]);
}

#[test]
fn the_english_notice_has_no_chinese_but_the_names() {
    let dev = publicized();
    let notice = village_notice(
        dev.state(),
        (SMALL, 2026, Period::Q1),
        d(2026, 3, 27),
        false,
    );
    let heads = scores(&notice).columns.join(" ");
    assert_eq!(heads, "Indicator Maximum Score");
    let text = read(&notice).join("\n");
    assert!(text.contains("Publicity: 2026-03-26 to 2026-04-01 (7 days)."));
    let fixed = text
        .replace("巴彦芒哈嘎查", "")
        .replace("乌力吉木仁苏木", "")
        .replace("包金山", "")
        .replace("白玉兰", "");
    for name in ["党建引领", "产业发展", "基层治理", "民生服务", "作风建设"] {
        assert!(fixed.contains(name));
    }
    let fixed = ["党建引领", "产业发展", "基层治理", "民生服务", "作风建设"]
        .iter()
        .fold(fixed, |t, n| t.replace(n, ""));
    // The separator "·" is shared by both languages.
    assert!(fixed.replace('·', "").is_ascii(), "{fixed}");
}

/// Scores recorded after the 公示 opened (a second phone's, unseen when it opened): the
/// notice still shows the scores publicized, and says the result is under review.
#[test]
fn scores_changed_after_the_publicity_leave_the_publicized_ones_and_say_so() {
    let mut a = Device::new("phone-a");
    a.township_2026();
    let mut b = Device::new("phone-b");
    a.send_to(&mut b);
    let scores = halves(&[("dj", 55), ("cy", 40), ("zl", 36), ("ms", 28), ("zf", 19)]);
    a.submit(SMALL, 2026, Period::Q1, scores);
    a.open_publicity(SMALL, 2026, Period::Q1);
    b.submit(SMALL, 2026, Period::Q1, scores_of(60.0));
    b.send_to(&mut a);
    let notice = village_notice(a.state(), (SMALL, 2026, Period::Q1), d(2026, 3, 28), true);
    let text = read(&notice);
    assert!(
        text.contains(&"折合百分制 | 100 | 89.00".to_string()),
        "{text:?}"
    );
    assert!(
        text.contains(&"注意：该结果正在复核，以复核后的公示为准。".to_string()),
        "{text:?}"
    );
}

/// A Q4 公示 opened on 2026-12-28 runs into 2027, past the official holiday calendar's
/// last day: the notice is drawn (no panic) with the window's last day in 2027.
#[test]
fn a_fourth_quarter_window_running_into_2027_is_drawn() {
    use jishi::domain::village_pay::Command;
    let mut dev = Device::new("phone-notice");
    dev.township_2026();
    dev.submit(SMALL, 2026, Period::Q4, scores_of(80.0));
    let start = d(2026, 12, 28);
    let open = Command::OpenPublicity {
        village: SMALL.into(),
        year: 2026,
        period: Period::Q4,
        start,
    };
    dev.ok(jishi::domain::event::Role::Organizer, start, open);
    for today in [
        d(2026, 12, 28),
        d(2026, 12, 31),
        d(2027, 1, 4),
        d(2027, 3, 1),
    ] {
        let notice = village_notice(dev.state(), (SMALL, 2026, Period::Q4), today, true);
        let text = read(&notice);
        let window = text.iter().find(|l| l.starts_with("公示时间：")).unwrap();
        assert!(window.contains("至 2027年01月03日"), "{window}");
    }
}

/// The scores and the 公示 arrived but not the indicator set they were scored on (a
/// partial sync): the notice cannot say each indicator's score and maximum, so it says
/// so instead of printing an empty table with a total of 0 of 0.
#[test]
fn without_the_indicator_set_the_notice_says_it_cannot_be_printed_yet() {
    let dev = publicized();
    let events = dev.events();
    let held = events.iter().filter(|e| e.kind != "indicators_published");
    let state = jishi::domain::state::State::fold(held);
    let notice = village_notice(&state, (SMALL, 2026, Period::Q1), d(2026, 3, 28), true);
    assert!(notice.iter().all(|c| !c.document), "{:?}", read(&notice));
    assert!(
        read(&notice).contains(&"该考核期的考评指标尚未同步到本机，暂不能打印公示".to_string()),
        "{:?}",
        read(&notice)
    );
}
