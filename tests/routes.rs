//! Typed routes: every page's path is written and read in one place (`jishi::route`).

use jishi::domain::audit_grading::Page as AuditGrading;
use jishi::domain::cadre_selection::Page as CadreSelection;
use jishi::domain::career_pay::Page as CareerPay;
use jishi::domain::county_overview::Page as Overview;
use jishi::domain::performance_record::Page as PerformanceRecord;
use jishi::domain::rotation::Page as Rotation;
use jishi::domain::village_heads::Page as VillageHeads;
use jishi::domain::village_pay::{Page as VillagePay, Period};
use jishi::route::{Route, TownshipYear};

fn every_route() -> Vec<Route> {
    let ty = TownshipYear::new("t-bayan", 2026);
    let mut all = vec![
        Route::Home,
        Route::Setup,
        Route::Master,
        Route::Data,
        Route::Settings,
        Route::from(VillagePay::Township(ty.clone())),
        Route::from(VillagePay::Indicators(ty.clone())),
        Route::from(VillagePay::Results(ty.clone())),
        Route::from(VillagePay::Notice(ty.clone(), "v-bymh".into(), Period::Q1)),
        Route::from(CadreSelection::Cases),
        Route::from(CadreSelection::Cadres),
        Route::from(CadreSelection::Case("case-01HZX".into())),
        Route::from(CadreSelection::CasePrint("case-01HZX".into())),
        Route::from(CadreSelection::CaseAsSubmitted(
            "case-01HZX".into(),
            "01HZXSUB-a_1".into(),
        )),
        Route::from(CadreSelection::CaseNotice("case-01HZX".into())),
        Route::from(CadreSelection::CaseTrace("case-01HZX".into())),
        Route::from(CadreSelection::CadreTrace("c-wjj".into())),
        Route::from(VillageHeads::People),
        Route::from(VillageHeads::Person("hp-01HZX".into())),
        Route::from(VillageHeads::Care(2027)),
        Route::from(VillageHeads::PaySheet(2026)),
        Route::from(CareerPay::Round(2026)),
        Route::from(CareerPay::Township(2026, "t-wljmr".into())),
        Route::from(CareerPay::Certificate("ca-01HZX".into())),
        Route::from(CareerPay::Holders(2027)),
        Route::from(CareerPay::Notice(2026, "t-1".into())),
        Route::from(CareerPay::ResultNotice(2026)),
        Route::from(PerformanceRecord::Start),
        Route::from(PerformanceRecord::Cadre("c-wjj".into(), 2026)),
        Route::from(PerformanceRecord::Unit("格日朝鲁苏木".into())),
        Route::from(Rotation::List),
        Route::from(Rotation::Cadre("c-wjj".into())),
        Route::from(AuditGrading::Overview),
        Route::from(AuditGrading::Unit("au-01HZX".into())),
        Route::from(AuditGrading::Plan(2027)),
        Route::Overview(Overview::Overview),
        Route::Overview(Overview::Submitted),
    ];
    for p in Period::ALL {
        all.push(Route::from(VillagePay::Slot(
            ty.clone(),
            "v-dongfeng".into(),
            p,
        )));
    }
    all
}

#[test]
fn every_page_reads_back_from_the_path_it_writes() {
    for route in every_route() {
        assert_eq!(Route::parse(&route.href()), route, "{}", route.href());
    }
}

#[test]
fn the_paths_people_have_bookmarked_still_open_the_same_pages() {
    let ty = TownshipYear::new("t-1", 2025);
    let cases = [
        ("/", Route::Home),
        ("/index.html", Route::Home),
        ("/master", Route::Master),
        ("/t/t-1/2025", Route::from(VillagePay::Township(ty.clone()))),
        (
            "/t/t-1/2025/results",
            Route::from(VillagePay::Results(ty.clone())),
        ),
        (
            "/t/t-1/2025/indicators/",
            Route::from(VillagePay::Indicators(ty.clone())),
        ),
        (
            "/t/t-1/2025/v/v-9/q2",
            Route::from(VillagePay::Slot(ty.clone(), "v-9".into(), Period::Q2)),
        ),
        ("/heads", Route::from(VillageHeads::People)),
        ("/audit", Route::from(AuditGrading::Overview)),
        ("/audit/plan/2027", Route::from(AuditGrading::Plan(2027))),
        (
            "/audit/unit/au-1",
            Route::from(AuditGrading::Unit("au-1".into())),
        ),
        ("/heads/care/2027", Route::from(VillageHeads::Care(2027))),
        ("/w4", Route::from(CadreSelection::Cases)),
        ("/w4/cadres", Route::from(CadreSelection::Cadres)),
        (
            "/w4/case/c-1/print",
            Route::from(CadreSelection::CasePrint("c-1".into())),
        ),
        (
            "/w4/case/c-1/print/01HZX-sub",
            Route::from(CadreSelection::CaseAsSubmitted(
                "c-1".into(),
                "01HZX-sub".into(),
            )),
        ),
        (
            "/w4/case/c-1/notice?x=1#top",
            Route::from(CadreSelection::CaseNotice("c-1".into())),
        ),
        (
            "/w4/case/c-1/trace",
            Route::from(CadreSelection::CaseTrace("c-1".into())),
        ),
        (
            "/w4/cadre/c-wjj/trace",
            Route::from(CadreSelection::CadreTrace("c-wjj".into())),
        ),
    ];
    for (path, route) in cases {
        assert_eq!(Route::parse(path), route, "{path}");
    }
}

#[test]
fn a_hostile_or_malformed_path_is_no_page_at_all() {
    for path in [
        "/w4/case/<script>alert(1)<%2Fscript>",
        "/w4/case/%3Cimg%20src%3Dx%3E",
        "/w4/case/a\"b",
        "/t/t-1/20x6",
        "/t/t-1/02026",
        "/t/t-1/+2026",
        "/t/t-1/99999999999",
        "/w4/case/c%2",
        "/audit/plan/02027",
        "/audit/plan/+2027",
        "/audit/plan/1999",
        "/audit/unit/%3Cb%3E",
        "/w4/case/%3Cb%3E",
        "/w4/case/c-1/print/%3Cb%3E",
        "/t/t-1/",
        "/t/t-1/2026/v/v-1/q5",
        "/t/t-1/2026/v/v-1",
        "/t/t-1/2026/results/extra",
        "/t/../2026",
        "/w4/case",
        "/rotation/cadre/%3Cb%3E",
        "/rotation/cadre",
        "/rotation/x/c-1",
        "/nowhere",
    ] {
        assert_eq!(Route::parse(path), Route::NotFound, "{path}");
    }
}

#[test]
fn a_village_pay_page_names_its_township_and_year_and_a_case_page_its_case() {
    let Route::VillagePay(slot) = Route::parse("/t/t-1/2026/v/v-1/annual") else {
        panic!("a village-pay page");
    };
    let ty = slot.township_year();
    assert_eq!((ty.township.as_str(), ty.year), ("t-1", 2026));
    let case = |path| match Route::parse(path) {
        Route::CadreSelection(page) => page.case().map(str::to_string),
        other => panic!("{path} is {other:?}"),
    };
    assert_eq!(case("/w4/case/c-7/print").as_deref(), Some("c-7"));
    assert_eq!(case("/w4/cadres"), None);
    assert_eq!(Route::NotFound.href(), "/");
}

/// Each workflow's pages are its own (`Page::parse`, `Page::path`), reached through the
/// registry: a workflow's path never reads as another's page or an app page.
#[test]
fn each_workflow_reads_only_its_own_paths() {
    for route in every_route() {
        let path = route.href();
        let parts: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let as_village_pay = VillagePay::parse(&parts).map(Route::from);
        let as_cadre_selection = CadreSelection::parse(&parts).map(Route::from);
        match &route {
            Route::VillagePay(_) => {
                assert_eq!(as_village_pay.as_ref(), Some(&route), "{path}");
                assert_eq!(as_cadre_selection, None, "{path}");
            }
            Route::CadreSelection(_) => {
                assert_eq!(as_cadre_selection.as_ref(), Some(&route), "{path}");
                assert_eq!(as_village_pay, None, "{path}");
            }
            _ => assert_eq!((as_village_pay, as_cadre_selection), (None, None), "{path}"),
        }
    }
}

#[test]
fn every_year_a_page_can_link_to_opens_and_escapes_are_read() {
    for year in [0, 26, 10_000, -2026, i32::MAX, i32::MIN] {
        let route = Route::from(VillagePay::Results(TownshipYear::new("t-1", year)));
        assert_eq!(Route::parse(&route.href()), route, "{year}");
    }
    assert_eq!(
        Route::parse("/w4/case/c%2D1"),
        Route::from(CadreSelection::Case("c-1".into()))
    );
}
