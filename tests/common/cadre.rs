//! The W4 fixture: the post 格日朝鲁苏木副苏木达 (quota 2, one holder), nine cadres
//! covering every exclusion rule, and a case driven gate by gate through
//! `Ledger::record` (seeds 003, 001, 000, 002 开鲁).
#![allow(dead_code)]

use chrono::NaiveDate;
use jishi::domain::cadre_selection::{
    AnnualGrade, CadreFlags, CadreProfile, CheckKind, Command, Dimensions, NominatorKind,
    PersonalMatters, Position, RecommendationKind, Round, SignOff, StepRecord, Submission,
};
use jishi::domain::event::{Event, Role};

use super::{code, d, Device};

pub const CASE: &str = "case-2026-01";
pub const POST: &str = "p-fsmd";
/// Eligible: 称职/优秀, in post since 2020.
pub const A: &str = "c-wjj";
/// Eligible, but less than a year in the current post (extended inspection).
pub const B: &str = "c-lhm";
/// 2024 基本称职.
pub const GRADE: &str = "c-zs";
/// No spouse, both children emigrated (裸官).
pub const NAKED: &str = "c-ls";
/// Sanction affecting use until 2026-12-31.
pub const SANCTION: &str = "c-ww";
/// Recorded 拉票.
pub const CANVASS: &str = "c-zl";
/// Few recommendation votes.
pub const LOW: &str = "c-sq";
/// 2022 基本称职 only: outside the three-year look-back in 2026.
pub const OLD_GRADE: &str = "c-hy";
/// Holds the post now.
pub const HOLDER: &str = "c-holder";

pub const RECORDER: &str = "记录人 周静";
pub const RECHECKER: &str = "干部科 刘敏";
pub const CADRE_CHIEF: &str = "干部科科长 马强";
pub const SUPERVISION_CHIEF: &str = "干部监督科科长 孙丽";
pub const DEPUTY: &str = "分管副部长 高峰";

pub fn profile(name: &str, post_since: NaiveDate, grades: &[(i32, AnnualGrade)]) -> CadreProfile {
    CadreProfile {
        name: name.into(),
        gender: "男".into(),
        ethnicity: "蒙古族".into(),
        birth: d(1985, 6, 15),
        party_join: Some(d(2008, 7, 1)),
        work_start: d(2007, 8, 1),
        education: "大学本科".into(),
        identity: "公务员".into(),
        positions: vec![
            Position {
                unit: "扎鲁特旗农牧局".into(),
                title: "科员".into(),
                post: String::new(),
                start: d(2007, 8, 1),
                end: Some(post_since.pred_opt().unwrap()),
            },
            Position {
                unit: "格日朝鲁苏木".into(),
                title: "党委委员".into(),
                post: String::new(),
                start: post_since,
                end: None,
            },
        ],
        grades: grades.iter().copied().collect(),
        flags: CadreFlags {
            has_spouse: true,
            children: 1,
            ..CadreFlags::default()
        },
    }
}

pub fn good() -> Vec<(i32, AnnualGrade)> {
    vec![
        (2023, AnnualGrade::Competent),
        (2024, AnnualGrade::Excellent),
        (2025, AnnualGrade::Competent),
    ]
}

pub fn cadres() -> Vec<(&'static str, CadreProfile)> {
    let since = d(2020, 3, 1);
    let mut grade = profile("张三", since, &good());
    grade.grades.insert(2024, AnnualGrade::BasicallyCompetent);
    let mut naked = profile("李四", since, &good());
    naked.flags = CadreFlags {
        has_spouse: false,
        children: 2,
        children_emigrated: 2,
        ..CadreFlags::default()
    };
    let mut sanction = profile("王五", since, &good());
    sanction.flags.sanction_until = Some(d(2026, 12, 31));
    let mut canvass = profile("赵六", since, &good());
    canvass.flags.canvassing = "2025 年换届中拉票，经查属实".into();
    let mut old = profile("韩雨", since, &good());
    old.grades.insert(2022, AnnualGrade::BasicallyCompetent);
    let mut holder = profile("巴特尔", since, &good());
    holder.positions.push(Position {
        unit: "格日朝鲁苏木".into(),
        title: "副苏木达".into(),
        post: POST.into(),
        start: d(2022, 1, 1),
        end: None,
    });
    vec![
        (A, profile("王建军", since, &good())),
        (B, profile("李红梅", d(2026, 1, 5), &good())),
        (GRADE, grade),
        (NAKED, naked),
        (SANCTION, sanction),
        (CANVASS, canvass),
        (LOW, profile("孙强", since, &good())),
        (OLD_GRADE, old),
        (HOLDER, holder),
    ]
}

pub fn rec(record: StepRecord) -> Command {
    Command::Record {
        case: CASE.into(),
        record,
    }
}

pub fn nomination(cadre: &str, kind: NominatorKind, reasons: &str, signature: &str) -> StepRecord {
    StepRecord::Nomination {
        on: d(2026, 3, 5),
        post: POST.into(),
        cadre: cadre.into(),
        kind,
        first_nominator: "旗委副书记 赵刚".into(),
        reasons: reasons.into(),
        strengths: "熟悉农牧业工作，群众基础好".into(),
        weaknesses: "开拓创新意识有待加强".into(),
        kinship: "无".into(),
        signature: signature.into(),
    }
}

pub fn recommendation(on: NaiveDate, votes: &[(&str, u32)]) -> StepRecord {
    StepRecord::Recommendation {
        on,
        post: POST.into(),
        kind: RecommendationKind::Meeting,
        eligible: 45,
        participants: 40,
        votes: votes.iter().map(|(c, v)| (c.to_string(), *v)).collect(),
    }
}

pub fn target(cadre: &str, on: NaiveDate) -> StepRecord {
    StepRecord::Target {
        on,
        post: POST.into(),
        cadre: cadre.into(),
    }
}

pub fn inspection(cadre: &str, total_each: u32) -> StepRecord {
    StepRecord::Inspection {
        on: d(2026, 3, 20),
        post: POST.into(),
        cadre: cadre.into(),
        scores: Dimensions {
            character: total_each,
            ability: total_each,
            performance: total_each,
            support: total_each,
            potential: total_each,
        },
        extended: false,
        conclusion: "德才表现突出，群众公认".into(),
    }
}

#[allow(clippy::too_many_arguments)]
pub fn vote(on: NaiveDate, members: u32, present: u32, f: u32, a: u32, ab: u32) -> StepRecord {
    StepRecord::Vote {
        on,
        meeting: "旗委常委会".into(),
        post: POST.into(),
        cadre: A.into(),
        members,
        present,
        votes_for: f,
        against: a,
        abstain: ab,
        passed: false,
        minutes: "会议记录及录音第 12 号".into(),
    }
}

pub fn matters() -> PersonalMatters {
    PersonalMatters {
        marriage: "已婚，无变化".into(),
        passports: "因私护照 1 本，由组织部集中保管".into(),
        trips_abroad: "无".into(),
        family_emigration: "无".into(),
        family_employment: "配偶在旗第一中学任教师".into(),
        pay: "年工资收入 9.6 万元".into(),
        property: "住房 1 套 120 平方米".into(),
        investments: "无".into(),
        family_companies: "无".into(),
    }
}

/// A recorder's phone with cadres, the post (quota 2, one holder) and the case opened.
pub fn setup() -> Device {
    let mut dev = Device::new("phone-w4");
    let on = d(2026, 3, 2);
    for (id, p) in cadres() {
        dev.ok(
            Role::Admin,
            on,
            Command::RecordCadre {
                cadre: id.into(),
                profile: p,
                supersedes: vec![],
            },
        );
    }
    dev.ok(
        Role::Admin,
        on,
        Command::RecordPost {
            post: POST.into(),
            unit: "格日朝鲁苏木".into(),
            title: "副苏木达".into(),
            quota: 2,
            supersedes: vec![],
        },
    );
    dev.ok(
        Role::Recorder,
        on,
        Command::OpenCase {
            case: CASE.into(),
            title: "格日朝鲁苏木副苏木达选任".into(),
            posts: vec![POST.into()],
            on,
        },
    );
    dev
}

pub fn recorder(dev: &mut Device, on: NaiveDate, record: StepRecord) -> Vec<Event> {
    dev.ok(Role::Recorder, on, rec(record))
}

pub fn refused(dev: &mut Device, on: NaiveDate, record: StepRecord) -> &'static str {
    dev.refused(Role::Recorder, on, rec(record))
}

/// The case through 提名推荐: qualification, initiation, two nominations and a
/// recommendation held on 2026-03-10.
pub fn through_nomination() -> Device {
    let mut dev = setup();
    recorder(
        &mut dev,
        d(2026, 3, 2),
        StepRecord::Qualification {
            on: d(2026, 3, 2),
            conditions: "符合《干部任用条例》第七、八条任职资格".into(),
        },
    );
    recorder(
        &mut dev,
        d(2026, 3, 3),
        StepRecord::Initiation {
            on: d(2026, 3, 3),
            proposer: "旗委组织部部务会".into(),
            reason: "副苏木达 1 名职位空缺".into(),
            scope: "全旗科级干部".into(),
            method: "民主推荐".into(),
        },
    );
    recorder(
        &mut dev,
        d(2026, 3, 5),
        nomination(
            A,
            NominatorKind::Named,
            "长期在基层工作，实绩突出",
            "旗委副书记 赵刚",
        ),
    );
    recorder(
        &mut dev,
        d(2026, 3, 5),
        nomination(B, NominatorKind::Organization, "熟悉苏木工作，群众认可", ""),
    );
    for c in [GRADE, NAKED, SANCTION, CANVASS, LOW, OLD_GRADE] {
        recorder(
            &mut dev,
            d(2026, 3, 5),
            nomination(c, NominatorKind::UnitParty, "工作认真负责，成绩明显", ""),
        );
    }
    recorder(
        &mut dev,
        d(2026, 3, 10),
        recommendation(
            d(2026, 3, 10),
            &[
                (A, 30),
                (B, 25),
                (GRADE, 28),
                (NAKED, 26),
                (SANCTION, 22),
                (CANVASS, 21),
                (LOW, 8),
                (OLD_GRADE, 24),
            ],
        ),
    );
    dev
}

/// Through 组织考察: A and B targets (2:1) inspected, A scoring higher.
pub fn through_inspection() -> Device {
    let mut dev = through_nomination();
    recorder(&mut dev, d(2026, 3, 12), target(A, d(2026, 3, 12)));
    recorder(&mut dev, d(2026, 3, 12), target(B, d(2026, 3, 12)));
    recorder(&mut dev, d(2026, 3, 20), inspection(A, 92));
    recorder(&mut dev, d(2026, 3, 20), inspection(B, 88));
    dev
}

/// Through 征求意见: A proposed, four checks passed, three opinions recorded, the
/// first disclosure of A (2026-03-13, five working days).
pub fn through_consultation() -> Device {
    let mut dev = through_inspection();
    dev.ok(
        Role::Recorder,
        d(2026, 3, 13),
        Command::Disclose {
            case: CASE.into(),
            cadre: A.into(),
            round: Round::First,
            start: d(2026, 3, 13),
            matters: matters(),
        },
    );
    recorder(
        &mut dev,
        d(2026, 3, 25),
        StepRecord::Deliberation {
            on: d(2026, 3, 25),
            proposed: [(POST.to_string(), A.to_string())].into(),
            participants: "旗委书记、旗长、副书记".into(),
            opinion: "同意王建军为副苏木达拟任人选".into(),
        },
    );
    for check in CheckKind::ALL {
        recorder(
            &mut dev,
            d(2026, 3, 26),
            StepRecord::Check {
                on: d(2026, 3, 26),
                cadre: A.into(),
                check,
                passed: true,
                note: "经核，无问题".into(),
            },
        );
    }
    for body in ["纪委监委", "检察院", "综治办"] {
        recorder(
            &mut dev,
            d(2026, 3, 27),
            StepRecord::Opinion {
                on: d(2026, 3, 27),
                cadre: A.into(),
                body: body.into(),
                answer: "无不良反映".into(),
            },
        );
    }
    dev
}

/// Through 讨论决定: the standing committee passed A on 2026-04-01 (11 members,
/// 9 present, 7 for).
pub fn through_decision() -> Device {
    let mut dev = through_consultation();
    recorder(&mut dev, d(2026, 4, 1), vote(d(2026, 4, 1), 11, 9, 7, 1, 1));
    dev
}

/// 任前公示 opened on Thu 2026-04-02.
pub fn in_publicity() -> Device {
    let mut dev = through_decision();
    recorder(
        &mut dev,
        d(2026, 4, 2),
        StepRecord::PublicityOpened {
            on: d(2026, 4, 2),
            end: d(2026, 4, 2),
            channel: "扎鲁特旗党建网、格日朝鲁苏木公示栏".into(),
        },
    );
    dev
}

pub fn close(on: NaiveDate) -> StepRecord {
    StepRecord::PublicityClosed {
        on,
        result: "公示期满，无影响任用的问题".into(),
    }
}

pub fn appointment(on: NaiveDate) -> StepRecord {
    StepRecord::Appointment {
        on,
        post: POST.into(),
        cadre: A.into(),
        document: "扎党任〔2026〕15 号".into(),
    }
}

pub fn case(dev: &Device) -> &jishi::domain::cadre_selection::Case {
    &dev.state().cadre_selection.cases[CASE]
}

pub fn sign(
    dev: &mut Device,
    name: &str,
    role: Role,
    node: Submission,
    sign: SignOff,
    on: NaiveDate,
) {
    dev.run_as(
        name,
        role,
        on,
        Command::Sign {
            case: CASE.into(),
            node,
            sign,
        },
    )
    .unwrap_or_else(|e| panic!("{name} could not sign {sign:?}: {}", e.message(false)));
}

pub fn sign_all(dev: &mut Device, node: Submission, on: NaiveDate) {
    sign(dev, RECHECKER, Role::Reviewer, node, SignOff::Recheck, on);
    sign(dev, RECORDER, Role::Recorder, node, SignOff::Recorder, on);
    sign(
        dev,
        CADRE_CHIEF,
        Role::CadreChief,
        node,
        SignOff::CadreSectionChief,
        on,
    );
    sign(
        dev,
        SUPERVISION_CHIEF,
        Role::SupervisionChief,
        node,
        SignOff::SupervisionSectionChief,
        on,
    );
    sign(dev, DEPUTY, Role::Approver, node, SignOff::DeputyHead, on);
}

pub fn err_code(r: Result<Vec<Event>, jishi::store::RecordError>) -> &'static str {
    code(r)
}

/// The live versions of a cadre's profile (what an edit form shows and replaces).
pub fn cadre_versions(dev: &Device, cadre: &str) -> Vec<String> {
    dev.state().cadre_selection.cadres[cadre]
        .live()
        .iter()
        .map(|v| v.id.clone())
        .collect()
}

/// The live versions of a post.
pub fn post_versions(dev: &Device, post: &str) -> Vec<String> {
    dev.state().cadre_selection.posts[post]
        .live()
        .iter()
        .map(|v| v.id.clone())
        .collect()
}

/// The id of the live record of `form` (the only one, or the first).
pub fn live_id(dev: &Device, form: &str) -> String {
    case(dev)
        .live()
        .iter()
        .find(|e| e.record.form() == form)
        .map(|e| e.id.clone())
        .unwrap_or_else(|| panic!("no live {form} record"))
}

/// A correction of the live records `supersedes` as the recorder.
pub fn correct(
    dev: &mut Device,
    on: NaiveDate,
    supersedes: Vec<String>,
    record: StepRecord,
    reason: &str,
) -> Vec<Event> {
    dev.ok(
        Role::Recorder,
        on,
        Command::Correct {
            case: CASE.into(),
            supersedes,
            record,
            reason: reason.into(),
        },
    )
}

/// The recorder corrects 检察院's answer (recorded 2026-03-27) on `on` to `answer`.
pub fn correct_prosecutor_answer(dev: &mut Device, on: NaiveDate, answer: &str) -> Vec<Event> {
    let case = dev.state().cadre_selection.cases.get(CASE);
    let old = case
        .iter()
        .flat_map(|c| c.live())
        .find(|e| matches!(&*e.record, StepRecord::Opinion { body, .. } if body == "检察院"))
        .map(|e| e.id.clone())
        .expect("检察院's answer on record");
    let record = StepRecord::Opinion {
        on: d(2026, 3, 27),
        cadre: A.into(),
        body: "检察院".into(),
        answer: answer.into(),
    };
    correct(dev, on, vec![old], record, "检察院复函应写明查询结果")
}

/// The recorder corrects A's first-round disclosure (its pay, 年工资收入 10.2 万元) on
/// 2026-04-06.
pub fn correct_first_disclosure_pay(dev: &mut Device) -> Vec<Event> {
    let case = dev.state().cadre_selection.cases.get(CASE);
    let first = case
        .iter()
        .flat_map(|c| c.live_disclosures())
        .map(|x| x.id.clone())
        .next()
        .expect("a disclosure on record");
    let mut m = matters();
    m.pay = "年工资收入 10.2 万元".into();
    dev.ok(
        Role::Recorder,
        d(2026, 4, 6),
        Command::CorrectDisclosure {
            case: CASE.into(),
            supersedes: vec![first],
            cadre: A.into(),
            round: Round::First,
            start: d(2026, 3, 13),
            matters: m,
            reason: "工资收入填报有误".into(),
        },
    )
}
