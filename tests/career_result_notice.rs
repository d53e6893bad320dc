//! The printed 公示 of a year's 选聘 result (issue 14; seed 002 扎鲁特旗: 旗委选聘工作领导小组
//! 召开会议，最终确定拟选聘人选名单，经公示无异议的，发放选聘证书): who the leading group
//! selected, the window as recorded, whom to object to (the county organization
//! department), issuer and date; refused before there is a decision or a window; a
//! decision that changed after the window opened is said.

mod common;

use common::career::*;
use common::*;
use jishi::domain::career_pay::result_notice::result_notice;
use jishi::domain::career_pay::screens::{round_screen, Viewer};
use jishi::domain::career_pay::{Command, Page};
use jishi::domain::event::Role;
use jishi::domain::screen::{texts, Block, Screen};

/// The notice's document as read top to bottom: lines, the list's rows, the signature.
fn read(notice: &Screen) -> Vec<String> {
    let doc = notice.iter().find(|c| c.document).expect("a document");
    assert_eq!(doc.class, "notice");
    let mut out = Vec::new();
    for block in &doc.blocks {
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

/// Through the formal candidates (吴桂芝 and 刘建国, fixed 2026-11-24), not decided.
fn candidates_fixed() -> Device {
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
    dev
}

/// The leading group's decision for `apps`, on 2026-11-25.
fn decide(apps: &[&str]) -> Command {
    Command::Decide {
        year: YEAR,
        applications: choose(apps),
        on: d(2026, 11, 25),
        seen: Vec::new(),
    }
}

fn viewer(role: Role) -> Viewer {
    Viewer {
        role: Some(role),
        townships: vec![TOWNSHIP.into()],
        today: d(2026, 11, 26),
        zh: true,
    }
}

#[test]
fn the_result_prints_with_who_was_selected_the_window_and_whom_to_object_to() {
    let dev = result_publicized();
    assert_eq!(
        read(&result_notice(dev.state(), YEAR, true)),
        [
            "2026年选聘嘎查村书记（主任）享受事业单位基础工资待遇拟选聘人员公示",
            "根据《关于从嘎查村书记（主任）中选聘参照事业单位基础工资待遇人员的实施办法》，经本人书面申请、苏木镇党委资格初审、旗县委组织部复审并公示、苏木镇推荐、旗县委组织部考察，旗县委选聘工作领导小组于2026年11月25日研究决定，拟选聘以下1名同志享受事业单位基础工资待遇，现予以公示，接受党员干部群众监督：",
            "序号 | 姓名 | 所在苏木镇嘎查村 | 现任职务",
            "1 | 刘建国 | 乌力吉木仁苏木乌力吉木仁嘎查 | 村委会主任",
            "公示时间：2026年11月25日 至 2026年12月01日（共 7 天）。",
            "公示期间，党员干部群众对公示对象有异议的，可通过来信、来电、来访等方式向旗县委组织部反映。经公示无异议的，发放选聘证书，落实工资待遇。反映问题要实事求是，以个人名义反映的请提供真实姓名和联系方式，以单位名义反映的请加盖公章。",
            "中共旗县委组织部",
            "2026年11月25日",
        ]
    );
    let en = read(&result_notice(dev.state(), YEAR, false)).join("\n");
    for part in [
        "1 | 刘建国 | 乌力吉木仁嘎查, 乌力吉木仁苏木 | Committee director",
        "Publicity: 2026-11-25 to 2026-12-01 (7 days).",
        "decided on 2026-11-25 to select the person below for",
        "county party committee's organization department",
    ] {
        assert!(en.contains(part), "{part} missing from:\n{en}");
    }
    // The round's page, where the publicity is recorded, leads to it.
    let page = round_screen(dev.state(), YEAR, &viewer(Role::Admin));
    let links = page.iter().flat_map(|c| &c.blocks).filter_map(|b| match b {
        Block::Actions { links, .. } => Some(links),
        _ => None,
    });
    let to_notice = links.flatten().find(|l| l.text == "打印结果公示");
    let route = to_notice.expect("a link to the notice").route.clone();
    assert_eq!(
        route,
        jishi::route::Route::CareerPay(Page::ResultNotice(YEAR))
    );
    assert_eq!(route.href(), format!("/career/{YEAR}/notice"));
}

#[test]
fn no_notice_before_the_decision_or_before_its_window() {
    let said = |dev: &Device, zh| texts(&result_notice(dev.state(), YEAR, zh));
    let undecided = candidates_fixed();
    assert!(said(&undecided, true).contains(&"选聘领导小组尚未作出决定，暂无结果可公示".into()));
    let en = said(&undecided, false);
    assert!(en.contains(
        &"The leading group has not decided yet: there is no result to publicize".into()
    ));
    let mut decided = candidates_fixed();
    decided.ok(Role::Admin, d(2026, 11, 25), decide(&["ca-liu"]));
    assert!(said(&decided, true).contains(&"选聘结果尚未公示".into()));
    assert!(said(&decided, false).contains(&"The result is not publicized yet".into()));
    for dev in [&undecided, &decided] {
        assert!(!result_notice(dev.state(), YEAR, true)
            .iter()
            .any(|c| c.document));
        let page = texts(&round_screen(dev.state(), YEAR, &viewer(Role::Admin)));
        assert!(!page.contains(&"打印结果公示".into()), "{page:?}");
    }
    let no_round = texts(&result_notice(undecided.state(), YEAR + 1, true));
    assert!(no_round.contains(&"该年度没有选聘".into()), "{no_round:?}");
}

/// Phone B, offline since the candidates were fixed, records a decision for 吴桂芝 while
/// phone A decides for 刘建国 and publicizes him: once they sync, the notice still shows
/// what was publicized, and says the decision no longer stands as one.
#[test]
fn a_decision_changed_after_the_window_opened_is_said_on_the_notice() {
    let mut a = candidates_fixed();
    let mut b = Device::new("phone-b");
    a.send_to(&mut b);
    b.ok(Role::Admin, d(2026, 11, 25), decide(&["ca-wu"]));
    a.ok(Role::Admin, d(2026, 11, 25), decide(&["ca-liu"]));
    let publicize = Command::PublicizeResult {
        year: YEAR,
        start: d(2026, 11, 25),
    };
    a.ok(Role::Admin, d(2026, 11, 25), publicize);
    let clean = read(&result_notice(a.state(), YEAR, true));
    assert!(!clean.iter().any(|l| l.starts_with("注意")), "{clean:?}");
    b.send_to(&mut a);
    let zh = read(&result_notice(a.state(), YEAR, true));
    assert!(zh.contains(&"1 | 刘建国 | 乌力吉木仁苏木乌力吉木仁嘎查 | 村委会主任".into()));
    assert!(
        zh.contains(
            &"注意：公示开始后，选聘决定在两部手机上记录不一致，待核对。本公告为公示时的名单。"
                .into()
        ),
        "{zh:?}"
    );
    let en = read(&result_notice(a.state(), YEAR, false)).join("\n");
    assert!(
        en.contains("two phones recorded the decision differently"),
        "{en}"
    );
}

/// Phone B, offline since the reserve recommendation, records 刘建国's inspection too
/// (one more talk):
/// once synced, his inspection stands two ways, so he is no longer on the list as it
/// stands; the notice keeps him, as publicized, and says so.
#[test]
fn a_person_off_the_list_after_the_window_opened_is_named_on_the_notice() {
    let mut b = Device::new("phone-b");
    recommended().send_to(&mut b);
    let mut talks_differently = inspect("ca-liu");
    if let Command::Inspect { talks, .. } = &mut talks_differently {
        *talks += 1;
    }
    b.ok(Role::Admin, d(2026, 11, 22), talks_differently);
    let mut a = result_publicized();
    b.send_to(&mut a);
    let zh = read(&result_notice(a.state(), YEAR, true));
    assert!(zh.contains(&"1 | 刘建国 | 乌力吉木仁苏木乌力吉木仁嘎查 | 村委会主任".into()));
    let note = "注意：公示开始后选聘名单有变化（刘建国已不在现行选聘名单中）。本公告为公示时的名单，以现行名单为准。";
    assert!(zh.contains(&note.into()), "{zh:?}");
    let en = read(&result_notice(a.state(), YEAR, false)).join("\n");
    assert!(
        en.contains("(刘建国 no longer on the list as it stands)"),
        "{en}"
    );
}
