//! The pages of the demotion chain as screens: the list (the candidates the annual
//! assessment raised, each with its evidence and the form opening its case; every case
//! and where it stands; the form opening a case on any standard of the catalogue) and a
//! case (its six steps with their records and corrections, the next step's form, the
//! follow-up's due talks and visits, the end of the follow-up).

use chrono::NaiveDate;

use super::decide::{catalogue, Action, Command};
use super::event::{DemotionStep, FollowUpKind, StepContent};
use super::forms::{
    read, step_form, step_inputs, CADRES, CANDIDATE_FORM, CLOSE_FORM, FIX_FOLLOW_UP_FORM,
    FOLLOW_UP_FORM, OPEN_FORM, RECORDS, STANDARDS, WITHDRAW_FOLLOW_UP_FORM, WITHDRAW_FORM,
};
use super::progress::{next_due, progress, Phase, Progress};
use super::triggers::candidates;
use super::Page;
use crate::domain::annual_assessment::screens::Viewer;
use crate::domain::form::{Form, Options};
use crate::domain::screen::{
    colon, paren, t, Block, Card, CellLine, Focus, Focuses, FormBlock, Item, Items, Link, Record,
    Screen, Stage, Tone,
};
use crate::domain::versions::Standing;
use crate::domain::State;
use crate::route::Route;

/// The part of a case page a correction turns.
pub const STEP_AREA: &str = "demotion_step";

fn route(page: Page) -> Route {
    Route::DemotionChain(page)
}

fn form(
    f: Form,
    template: Command,
    (button, done): (String, String),
    options: Options,
) -> FormBlock {
    let mut block = FormBlock::new(f, template.into(), read, button, done);
    block.testid = f.key;
    block.options = options;
    block
}

fn who_may(zh: bool) -> Block {
    let why = Action::Record.only();
    Block::line(Tone::Hint, if zh { why.zh } else { why.en }).testid("not-yours")
}

fn may(who: &Viewer) -> bool {
    who.may(Action::Record.roles())
}

/// Where a case stands, in words (its follow-up's dues: [`phase_text_in`]).
fn phase_text(p: &Progress, zh: bool) -> (Tone, String) {
    match &p.phase {
        Phase::Next(s) => (
            Tone::Plain,
            match zh {
                true => format!("待「{}」", s.label(true)),
                false => format!("{} next", s.label(false)),
            },
        ),
        Phase::Held(s) => (
            Tone::Warn,
            match zh {
                true => format!("「{}」在两部手机上记录不一致，待更正", s.label(true)),
                false => format!("{} differs between two phones", s.label(false)),
            },
        ),
        Phase::Ended(DemotionStep::Analysis) => (
            Tone::Ok,
            t(zh, "经综合分析不属于不胜任现职，已终结", "Found fit: ended"),
        ),
        Phase::Ended(_) => (
            Tone::Ok,
            t(zh, "决定不予调整，已终结", "No adjustment decided: ended"),
        ),
        Phase::FollowUp => (Tone::Plain, t(zh, "跟踪管理中", "Under follow-up")),
        Phase::Closed(c) if c.reinstated => (
            Tone::Ok,
            match zh {
                true => format!("{}重新使用：{}", c.on, c.post),
                false => format!("Used again on {}: {}", c.on, c.post),
            },
        ),
        Phase::Closed(c) if c.withdrawn => (
            Tone::Hint,
            match zh {
                true => format!("{}撤销：{}", c.on, c.note),
                false => format!("Withdrawn on {}: {}", c.on, c.note),
            },
        ),
        Phase::Closed(c) => (
            Tone::Ok,
            match zh {
                true => format!("{}结束跟踪：{}", c.on, c.note),
                false => format!("Follow-up ended on {}: {}", c.on, c.note),
            },
        ),
        Phase::ClosingHeld => (
            Tone::Warn,
            t(
                zh,
                "结束跟踪的记录在两部手机上不一致，待更正",
                "Its end differs between two phones",
            ),
        ),
    }
}

/// The six steps and the follow-up's intervals as policy sets them, in words.
fn steps_hint(state: &State, who: &Viewer) -> String {
    let p = state.policies.at(who.today).demotion_chain;
    let (talk, visit) = (p.talk_months, p.visit_months);
    match who.zh {
        true => format!("处置依次经过动议启动、调查核实、综合分析、讨论决定、告知谈话、备案跟踪六个环节；备案后每{talk}个月谈心谈话一次、每{visit}个月回访一次。"),
        false => format!("Six steps in order: initiation, investigation, analysis, decision, notice talk, filing; then a talk every {talk} months and a visit every {visit} months."),
    }
}

/// Cadres with more than one open case on one standard (opened on two phones): (name,
/// standard, how many).
pub fn duplicates(state: &State) -> Vec<(String, String, usize)> {
    let mut open: std::collections::BTreeMap<(&str, &str), usize> = Default::default();
    for (_, h) in state.demotion_chain.cases.values() {
        let still = progress(state, &h.id)
            .is_some_and(|p| !matches!(p.phase, Phase::Ended(_) | Phase::Closed(_)));
        if still {
            *open
                .entry((h.cadre.as_str(), h.standard.as_str()))
                .or_default() += 1;
        }
    }
    open.into_iter()
        .filter(|(_, n)| *n > 1)
        .map(|((cadre, standard), n)| {
            (
                state.cadre_selection.cadre_name(cadre),
                standard.to_string(),
                n,
            )
        })
        .collect()
}

/// The list: candidates, cases, the form opening a case.
pub fn list_screen(state: &State, who: &Viewer) -> Screen {
    let zh = who.zh;
    let mut head = vec![
        Block::Back(Link {
            text: t(zh, "← 年度考核", "← Annual assessment"),
            route: Route::AnnualAssessment(crate::domain::annual_assessment::Page::Current),
        }),
        Block::Title(t(
            zh,
            "能上能下 · 不胜任现职干部处置",
            "Moving unfit cadres down",
        )),
        Block::line(Tone::Hint, steps_hint(state, who)),
    ];
    for (name, standard, n) in duplicates(state) {
        let text = match zh {
            true => format!("{name}依据“{standard}”有{n}个未办结的处置事项（两部手机分别启动），请核对后结束多余的事项"),
            false => format!("{name} has {n} open cases on \"{standard}\" (opened on two phones): end the extra ones"),
        };
        head.push(Block::line(Tone::Warn, text).testid("duplicate-cases"));
    }
    let mut cases: Vec<Progress> = state
        .demotion_chain
        .cases
        .keys()
        .filter_map(|id| progress(state, id))
        .collect();
    crate::domain::sorting::sort_by(&mut cases, |a, b| {
        (b.head.opened_on, &b.head.id).cmp(&(a.head.opened_on, &a.head.id))
    });
    if cases.is_empty() {
        head.push(
            Block::line(Tone::Hint, t(zh, "还没有处置事项", "No case yet")).testid("no-cases"),
        );
    }
    head.push(Block::Items(Items {
        testid: "demotion-cases",
        items: cases.iter().map(|p| case_item(state, p, who)).collect(),
    }));
    let mut cards = vec![Card::new(head)];
    cards.push(Card::new(candidate_blocks(state, who)));
    cards.push(Card::new(open_blocks(state, who)));
    cards
}

fn case_item(state: &State, p: &Progress, who: &Viewer) -> Item {
    let zh = who.zh;
    let (tone, said) = phase_text_in(state, p, who.today, zh);
    let name = state.cadre_selection.cadre_name(&p.head.cadre);
    Item {
        link: Link {
            text: format!("{name} · {}", p.head.standard),
            route: route(Page::Case(p.head.id.clone())),
        },
        meta: match zh {
            true => format!("{}动议 · {said}", p.head.opened_on),
            false => format!("opened {} · {said}", p.head.opened_on),
        },
        warn: (tone == Tone::Warn).then(|| said.clone()),
        urgent: tone == Tone::Warn,
        attrs: vec![("data-case", p.head.id.clone())],
    }
}

/// Where a case stands in words, its follow-up's dues read from the state.
pub fn phase_text_in(state: &State, p: &Progress, today: NaiveDate, zh: bool) -> (Tone, String) {
    if p.phase != Phase::FollowUp {
        return phase_text(p, zh);
    }
    let filed = p.filed_on.unwrap_or(today);
    let talk = next_due(state, &p.head.id, FollowUpKind::Talk, filed);
    let visit = next_due(state, &p.head.id, FollowUpKind::Visit, filed);
    let late = today > talk || today > visit;
    let said = match zh {
        true => format!(
            "跟踪管理中：谈心谈话应于{talk}前，回访应于{visit}前{}",
            if late { "（已逾期）" } else { "" }
        ),
        false => format!(
            "Under follow-up: talk due by {talk}, visit by {visit}{}",
            if late { " (overdue)" } else { "" }
        ),
    };
    (if late { Tone::Warn } else { Tone::Plain }, said)
}

fn candidate_blocks(state: &State, who: &Viewer) -> Vec<Block> {
    let zh = who.zh;
    let mut blocks = vec![Block::Heading(t(
        zh,
        "年度考核结果提示的情形",
        "Raised by the annual assessment",
    ))];
    let found = candidates(state, who.today);
    if found.is_empty() {
        blocks.push(
            Block::line(
                Tone::Hint,
                t(
                    zh,
                    "年度考核结果未触发定量标准",
                    "No quantitative standard is met",
                ),
            )
            .testid("no-candidates"),
        );
        return blocks;
    }
    for c in found {
        blocks.push(Block::List {
            tone: Tone::Warn,
            head: format!("{}{}{}", c.name, colon(zh), c.standard),
            items: c.evidence.clone(),
            testid: "candidate",
        });
        if !may(who) {
            continue;
        }
        let evidence = c.evidence.join("；");
        let template = Command::Open {
            case: String::new(),
            cadre: c.cadre.clone(),
            standard: c.standard.clone(),
            facts: String::new(),
            evidence: evidence.clone(),
            proposer: String::new(),
            on: NaiveDate::MIN,
        };
        let mut block = form(
            CANDIDATE_FORM,
            template,
            (
                t(zh, "启动处置动议", "Open the case"),
                t(zh, "已启动", "Opened"),
            ),
            Options::default(),
        );
        // The evidence is recorded with the case; the facts start from the standard.
        block.init.insert("facts".into(), c.standard.clone());
        block.instance = format!("{}:{}", c.cadre, c.standard);
        blocks.push(Block::Form(Box::new(block)));
    }
    if !may(who) {
        blocks.push(who_may(zh));
    }
    blocks
}

fn open_blocks(state: &State, who: &Viewer) -> Vec<Block> {
    let zh = who.zh;
    let mut blocks = vec![Block::Heading(t(
        zh,
        "按标准启动动议",
        "Open a case on a standard",
    ))];
    if !may(who) {
        blocks.push(who_may(zh));
        return blocks;
    }
    let cadres: Vec<(String, String)> = state
        .cadre_selection
        .cadre_list()
        .map(|(id, p)| (id.clone(), p.name.clone()))
        .collect();
    if cadres.is_empty() {
        blocks.push(Block::line(
            Tone::Hint,
            t(zh, "干部库中还没有干部", "No cadre in the pool yet"),
        ));
        return blocks;
    }
    let standards = catalogue(state, who.today)
        .into_iter()
        .map(|(s, _)| (s.clone(), s))
        .collect();
    let template = Command::Open {
        case: String::new(),
        cadre: String::new(),
        standard: String::new(),
        facts: String::new(),
        evidence: String::new(),
        proposer: String::new(),
        on: NaiveDate::MIN,
    };
    let options = Options::default()
        .with(CADRES, cadres)
        .with(STANDARDS, standards);
    blocks.push(Block::Form(Box::new(form(
        OPEN_FORM,
        template,
        (
            t(zh, "启动处置动议", "Open the case"),
            t(zh, "已启动", "Opened"),
        ),
        options,
    ))));
    blocks
}

/// A case: its head, six steps, the form of the next step or of a correction, the follow-up.
pub fn case_screen(state: &State, case: &str, who: &Viewer, focus: &Focuses) -> Screen {
    let zh = who.zh;
    let back = Block::Back(Link {
        text: t(zh, "← 能上能下", "← Demotion cases"),
        route: route(Page::List),
    });
    let Some(p) = progress(state, case) else {
        return vec![Card::new(vec![
            back,
            Block::line(Tone::Warn, t(zh, "没有这个处置事项", "No such case")),
        ])];
    };
    let name = state.cadre_selection.cadre_name(&p.head.cadre);
    let (tone, said) = phase_text_in(state, &p, who.today, zh);
    let mut head = vec![
        back,
        Block::Title(match zh {
            true => format!("{name} · 能上能下处置"),
            false => format!("{name} · demotion case"),
        }),
        Block::Facts {
            tone: Tone::Plain,
            testid: "case-facts",
            lines: vec![
                CellLine::labelled(
                    zh,
                    &t(zh, "依据的标准", "Standard"),
                    p.head.standard.clone(),
                ),
                CellLine::labelled(
                    zh,
                    &t(zh, "动议日期", "Opened on"),
                    p.head.opened_on.to_string(),
                ),
                CellLine::labelled(
                    zh,
                    &t(zh, "处置方式", "Disposal"),
                    p.disposal.map_or_else(
                        || t(zh, "尚未决定", "not decided"),
                        |(d, on)| format!("{}{}", d.label(zh), paren(zh, on)),
                    ),
                ),
            ],
        },
        Block::line(tone, said).testid("case-phase"),
    ];
    head.push(Block::Stages(stages(state, &p, who)));
    let mut cards = vec![Card::new(head)];
    cards.push(Card::new(step_blocks(state, &p, who, focus)));
    if p.filed_on.is_some() {
        cards.push(Card::new(follow_up_blocks(state, &p, who)));
    } else if may(who)
        && matches!(
            p.phase,
            Phase::Next(_) | Phase::Held(_) | Phase::Closed(_) | Phase::ClosingHeld
        )
    {
        cards.push(Card::new(withdraw_blocks(state, &p, zh)));
    }
    cards
}

fn stages(state: &State, p: &Progress, who: &Viewer) -> Vec<Stage> {
    let zh = who.zh;
    DemotionStep::ALL
        .into_iter()
        .map(|s| {
            let standing = p
                .steps
                .iter()
                .find(|(x, _)| *x == s)
                .map(|(_, st)| *st)
                .unwrap_or(Standing::None);
            let current = matches!(p.phase, Phase::Next(n) | Phase::Held(n) if n == s);
            let state_said = match standing {
                Standing::One(e) => (
                    Tone::Ok,
                    match zh {
                        true => format!("已记录（{}）", e.on),
                        false => format!("recorded ({})", e.on),
                    },
                ),
                Standing::Conflict => (Tone::Warn, t(zh, "记录不一致", "recorded two ways")),
                Standing::None if current => (Tone::Plain, t(zh, "待记录", "next")),
                Standing::None => (Tone::Hint, t(zh, "未到", "not yet")),
            };
            Stage {
                title: s.label(zh).to_string(),
                state: state_said,
                current,
                notes: Vec::new(),
                records: records_of(state, &p.head.id, s, who),
                attrs: vec![("data-step", s.key().to_string())],
            }
        })
        .collect()
}

fn records_of(state: &State, case: &str, s: DemotionStep, who: &Viewer) -> Vec<Record> {
    let zh = who.zh;
    let Some(versions) = state.demotion_chain.steps.get(&(case.to_string(), s)) else {
        return Vec::new();
    };
    let live = versions.live();
    let replaces: Vec<String> = live.iter().map(|v| v.id.clone()).collect();
    live.iter()
        .map(|v| {
            let mut body = vec![Block::line(Tone::Plain, content_text(&v.value.record, zh))];
            if !v.value.record.evidence.is_empty() {
                body.push(Block::line(
                    Tone::Hint,
                    format!(
                        "{}{}",
                        t(zh, "考核记录：", "Records: "),
                        v.value.record.evidence
                    ),
                ));
            }
            if !v.value.reason.is_empty() {
                body.push(Block::line(
                    Tone::Hint,
                    format!(
                        "{}{}",
                        t(zh, "更正原因：", "Corrected because: "),
                        v.value.reason
                    ),
                ));
            }
            let correct = may(who).then(|| {
                let focus = Focus {
                    area: STEP_AREA,
                    form: s.key().to_string(),
                    replaces: replaces.clone(),
                    from: v.id.clone(),
                    follow: false,
                    each: false,
                };
                (t(zh, "更正", "Correct"), focus)
            });
            Record {
                title: s.label(zh).to_string(),
                body,
                meta: format!("{} · {}", v.author, v.value.on),
                correct,
                attrs: vec![("data-step", s.key().to_string())],
            }
        })
        .collect()
}

/// A step's record in words.
fn content_text(r: &StepContent, zh: bool) -> String {
    let mut out = String::new();
    if let Some(unfit) = r.unfit {
        out.push_str(&match (unfit, zh) {
            (true, true) => "认定为不胜任现职。".to_string(),
            (false, true) => "不属于不胜任现职。".to_string(),
            (true, false) => "Found unfit for the post. ".to_string(),
            (false, false) => "Not found unfit. ".to_string(),
        });
    }
    if r.unfit.is_none() && r.text.is_empty() {
        return out;
    }
    out.push_str(&r.text);
    out
}

fn step_blocks(state: &State, p: &Progress, who: &Viewer, focus: &Focuses) -> Vec<Block> {
    let zh = who.zh;
    if !may(who) {
        return vec![who_may(zh)];
    }
    let chosen = focus.get(STEP_AREA);
    let fixing = DemotionStep::ALL
        .into_iter()
        .find(|s| s.key() == chosen.form);
    let (s, replaces) = match (fixing, &p.phase) {
        (Some(s), _) => (s, chosen.replaces.clone()),
        (None, Phase::Held(s)) => {
            let live = state
                .demotion_chain
                .steps
                .get(&(p.head.id.clone(), *s))
                .map(|v| v.live_ids())
                .unwrap_or_default();
            (*s, live)
        }
        (None, Phase::Next(s)) => (*s, Vec::new()),
        _ => return Vec::new(),
    };
    let correcting = !replaces.is_empty();
    let heading = match (correcting, zh) {
        (true, true) => format!("更正「{}」", s.label(true)),
        (true, false) => format!("Correct {}", s.label(false)),
        (false, true) => format!("记录「{}」", s.label(true)),
        (false, false) => format!("Record {}", s.label(false)),
    };
    let template = Command::Step {
        case: p.head.id.clone(),
        step: s,
        record: StepContent {
            text: String::new(),
            unfit: None,
            disposal: None,
            evidence: String::new(),
        },
        on: NaiveDate::MIN,
        reason: String::new(),
        replaces,
    };
    let mut block = form(
        step_form(s),
        template,
        (t(zh, "记录", "Record"), t(zh, "已记录", "Recorded")),
        Options::default(),
    );
    block.testid = "step-form";
    if correcting {
        let shown = state.demotion_chain.steps.get(&(p.head.id.clone(), s));
        let from = shown.and_then(|v| {
            v.all()
                .find(|x| x.id == chosen.from)
                .or_else(|| v.live().last().copied())
        });
        if let Some(v) = from {
            block.init = step_inputs(&v.value.record, v.value.on);
        }
        block.after = Some(chosen.cleared());
    }
    vec![Block::Heading(heading), Block::Form(Box::new(block))]
}

/// The form withdrawing a case not yet filed (or correcting its withdrawal).
fn withdraw_blocks(state: &State, p: &Progress, zh: bool) -> Vec<Block> {
    let seen = state
        .demotion_chain
        .closings
        .get(&p.head.id)
        .map(|v| v.live_ids())
        .unwrap_or_default();
    let template = Command::Close {
        case: p.head.id.clone(),
        reinstated: false,
        post: String::new(),
        note: String::new(),
        on: NaiveDate::MIN,
        reason: String::new(),
        seen,
    };
    let heading = t(
        zh,
        "撤销处置事项（动议有误，如干部或标准选错）",
        "Withdraw the case (opened by mistake: wrong cadre or standard)",
    );
    let button = (t(zh, "撤销", "Withdraw"), t(zh, "已撤销", "Withdrawn"));
    vec![
        Block::Heading(heading),
        Block::Form(Box::new(form(
            WITHDRAW_FORM,
            template,
            button,
            Options::default(),
        ))),
    ]
}

fn follow_up_blocks(state: &State, p: &Progress, who: &Viewer) -> Vec<Block> {
    let zh = who.zh;
    let mut blocks = vec![Block::Heading(t(zh, "跟踪管理", "Follow-up"))];
    let filed = p.filed_on.unwrap_or(who.today);
    if p.phase == Phase::FollowUp {
        for kind in [FollowUpKind::Talk, FollowUpKind::Visit] {
            let due = next_due(state, &p.head.id, kind, filed);
            let late = who.today > due;
            let text = match zh {
                true => format!(
                    "下次{}应于{due}前{}",
                    kind.label(true),
                    if late { "（已逾期）" } else { "" }
                ),
                false => format!(
                    "Next {} due by {due}{}",
                    kind.label(false).to_lowercase(),
                    if late { " (overdue)" } else { "" }
                ),
            };
            blocks.push(
                Block::line(if late { Tone::Warn } else { Tone::Plain }, text)
                    .testid("follow-up-due"),
            );
        }
    }
    let records = state.demotion_chain.follow_ups.get(&p.head.id);
    let mut held: Vec<(&str, &super::state::FollowUp, bool)> =
        records.into_iter().flat_map(|f| f.standing()).collect();
    crate::domain::sorting::sort_by(&mut held, |a, b| (a.1.on, &a.1.by).cmp(&(b.1.on, &b.1.by)));
    let said = |f: &super::state::FollowUp| {
        format!(
            "{} {} · {}{}{}",
            f.on,
            f.kind.label(zh),
            f.by,
            colon(zh),
            f.note
        )
    };
    if !held.is_empty() {
        let differs = t(
            zh,
            "（两部手机记录不一致，待更正）",
            " (differs between two phones: correct it)",
        );
        blocks.push(Block::List {
            tone: Tone::Plain,
            head: t(zh, "谈话与回访台账：", "Talks and visits:"),
            items: held
                .iter()
                .map(|(_, f, two)| {
                    format!("{}{}", said(f), if *two { differs.as_str() } else { "" })
                })
                .collect(),
            testid: "follow-ups",
        });
    }
    if !may(who) {
        blocks.push(who_may(zh));
        return blocks;
    }
    if matches!(p.phase, Phase::FollowUp) {
        let template = Command::FollowUp {
            case: p.head.id.clone(),
            kind: FollowUpKind::Talk,
            by: String::new(),
            note: String::new(),
            on: NaiveDate::MIN,
        };
        blocks.push(Block::Form(Box::new(form(
            FOLLOW_UP_FORM,
            template,
            (
                t(zh, "记录谈话或回访", "Record it"),
                t(zh, "已记录", "Recorded"),
            ),
            Options::default(),
        ))));
    }
    if !held.is_empty() {
        let options = Options::default().with(
            RECORDS,
            held.iter()
                .map(|(id, f, _)| (id.to_string(), said(f)))
                .collect(),
        );
        let seen: Vec<String> = records
            .into_iter()
            .flat_map(|r| r.by_id.values())
            .flat_map(|v| v.live_ids())
            .collect();
        let fix = |withdrawn| Command::FixFollowUp {
            case: p.head.id.clone(),
            record: String::new(),
            kind: FollowUpKind::Talk,
            by: String::new(),
            note: String::new(),
            on: NaiveDate::MIN,
            withdrawn,
            reason: String::new(),
            seen: seen.clone(),
        };
        let done = t(zh, "已记录", "Recorded");
        let forms = [
            (
                FIX_FOLLOW_UP_FORM,
                fix(false),
                t(zh, "更正谈话或回访记录", "Correct a record"),
            ),
            (
                WITHDRAW_FOLLOW_UP_FORM,
                fix(true),
                t(zh, "撤销谈话或回访记录", "Withdraw a record"),
            ),
        ];
        for (f, template, button) in forms {
            let block = form(f, template, (button, done.clone()), options.clone());
            blocks.push(Block::Form(Box::new(block)));
        }
    }
    let seen = state
        .demotion_chain
        .closings
        .get(&p.head.id)
        .map(|v| v.live_ids())
        .unwrap_or_default();
    let template = Command::Close {
        case: p.head.id.clone(),
        reinstated: false,
        post: String::new(),
        note: String::new(),
        on: NaiveDate::MIN,
        reason: String::new(),
        seen,
    };
    blocks.push(Block::Form(Box::new(form(
        CLOSE_FORM,
        template,
        (
            t(zh, "结束跟踪", "End the follow-up"),
            t(zh, "已记录", "Recorded"),
        ),
        Options::default(),
    ))));
    blocks
}
