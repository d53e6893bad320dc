//! The village-pay pages as screens (`domain::screen`): built here for one user and
//! one language, drawn by the one renderer. Today: the board of a township's year (each
//! village × period as a status chip) and its results page (scores, composite, grades
//! and pay, what changed since grading, the grading form and the 不合格 follow-ups).

use super::Page;
use crate::domain::screen::t;
use chrono::{Datelike, NaiveDate};

use super::forms::{
    DatedInput, RectificationInput, WarningTalkInput, GRADE_FORM, RECTIFICATION_FORM, REGRADE_FORM,
    WARNING_TALK_FORM,
};
use super::{
    Action, Command, Due, GradingChange, PeriodCell, PeriodStatus, TownshipYearView, VillageRow,
};
use crate::domain::command::Command as AnyCommand;
use crate::domain::event::Role;
use crate::domain::form::{Form, Inputs};
use crate::domain::policy::GradingRule;
use crate::domain::score::{format_halves, format_hundredths};
use crate::domain::screen::{
    not_this_form, Block, Card, Chip, FormBlock, Link, Place, Row, Screen, Sent, Table, TableCell,
    Tone,
};
use crate::domain::state::State;
use crate::domain::RuleViolation;
use crate::route::{Route, TownshipYear};

fn score(s: Option<u32>) -> String {
    s.map(format_hundredths).unwrap_or_else(|| "—".into())
}

/// Whether a user in `role` is offered the forms of `action` (`None`: nobody has
/// chosen a role yet; the forms are shown and the decider says who may).
pub fn may(role: Option<Role>, action: Action) -> bool {
    role.is_none_or(|r| action.allows(r))
}

/// "只有…可以…": who may take `action`, in place of its forms.
pub fn who_may(action: Action, zh: bool) -> Block {
    let why = action.only();
    Block::line(Tone::Hint, if zh { why.zh } else { why.en }).testid("not-yours")
}

/// Where a village's period stands, as a chip: its score and state, and its warnings.
pub fn period_chip(cell: &PeriodCell, zh: bool) -> Chip {
    let (state, label) = match &cell.status {
        PeriodStatus::NotScored => ("empty", t(zh, "未评", "—")),
        PeriodStatus::NeedsReview => ("review", t(zh, "需复核", "Review")),
        PeriodStatus::Scored => ("scored", t(zh, "已评", "Scored")),
        PeriodStatus::InPublicity { end } => {
            let to = t(zh, "公示至", "Public to ");
            (
                "publicity",
                format!("{to}{:02}-{:02}", end.month(), end.day()),
            )
        }
        PeriodStatus::AwaitingFinal => ("awaiting", t(zh, "待定稿", "To finalize")),
        PeriodStatus::Final(_) => ("final", t(zh, "定稿", "Final")),
    };
    let mut warnings = Vec::new();
    if cell.open_objections > 0 {
        warnings.push(format!(
            "{}{}",
            t(zh, "异议", "objections "),
            cell.open_objections
        ));
    }
    if cell.republish {
        warnings.push(t(zh, "须重新公示", "publicize again"));
    }
    Chip {
        state,
        value: cell.score.map(format_hundredths).unwrap_or_default(),
        label,
        warnings,
    }
}

/// The board of township `name`'s year: indicators, what needs attention, and each
/// village × period as a chip leading to its page.
pub fn board(name: &str, v: &TownshipYearView, zh: bool) -> Screen {
    if name.is_empty() {
        return no_such_township(zh);
    }
    let here = TownshipYear::new(v.township.clone(), v.year);
    let mut head = vec![
        Block::Title(format!("{name} · {}", v.year)),
        Block::Actions {
            links: vec![
                Link {
                    text: t(zh, "考评指标", "Indicators"),
                    route: Route::VillagePay(Page::Indicators(here.clone())),
                },
                Link {
                    text: t(zh, "结果与等次", "Results & grades"),
                    route: Route::VillagePay(Page::Results(here.clone())),
                },
            ],
            main: Some(1),
        },
        Block::line(Tone::Hint, indicators_line(v, zh)),
    ];
    head.extend(board_banners(v, &here, zh));
    let table = Table {
        class: "board",
        testid: "board",
        columns: columns(zh)[..6].to_vec(),
        rows: v.rows.iter().map(|r| board_row(r, &here, zh)).collect(),
    };
    vec![
        Card::new(head),
        // The board scrolls inside its own box on narrow screens; village names stay put.
        Card::new(vec![Block::Table(table)]).class("scroll board-box"),
        Card::new(vec![super::board_export::board_csv(name, v, zh)]),
    ]
}

fn indicators_line(v: &TownshipYearView, zh: bool) -> String {
    match &v.indicators {
        None => t(
            zh,
            "本年度考评指标尚未发布，请先发布指标。",
            "This year's indicators are not published yet.",
        ),
        Some(set) => {
            let each = set
                .indicators
                .iter()
                .map(|i| format!("{} ({})", i.name, format_halves(i.max_halves)));
            let list = each.collect::<Vec<_>>().join(if zh { "、" } else { ", " });
            format!(
                "{}{} · {list}",
                t(zh, "指标版本 ", "Indicator set v"),
                set.version
            )
        }
    }
}

fn board_banners(v: &TownshipYearView, here: &TownshipYear, zh: bool) -> Vec<Block> {
    let linked = |text: String, route: Route, id: &'static str| Block::Line {
        tone: Tone::Banner,
        text,
        testid: id,
        link: Some(route),
    };
    let mut out = Vec::new();
    if !v.indicator_conflict.is_empty() {
        let text = t(
            zh,
            "本年度考评指标有两个不同版本同时发布，须先确定指标",
            "Two different indicator sets were published concurrently; settle them first",
        );
        out.push(linked(
            text,
            Route::VillagePay(Page::Indicators(here.clone())),
            "indicator-conflict",
        ));
    }
    for n in &v.not_counted {
        let text = if zh { n.zh.clone() } else { n.en.clone() };
        out.push(Block::line(Tone::Banner, text).testid("not-counted"));
    }
    if v.needs_review() > 0 {
        out.push(Block::line(
            Tone::Banner,
            t(zh, "有结果需复核", "Some results need review"),
        ));
    }
    if v.grading_outdated() {
        let text = t(
            zh,
            "评定所用的评分已有变化，等次和工资须重新评定",
            "Scores used by the grading have changed: grades and pay must be re-graded",
        );
        out.push(linked(
            text,
            Route::VillagePay(Page::Results(here.clone())),
            "grading-outdated",
        ));
    }
    out
}

fn board_row(r: &VillageRow, here: &TownshipYear, zh: bool) -> Row {
    let name = &r.village.name;
    let cells = r.cells.iter().map(|cell| {
        let route = Route::VillagePay(Page::Slot(here.clone(), r.village.id.clone(), cell.period));
        // Read aloud as "东风村 Q2 95.00 已评", not "95.00已评".
        let spoken = format!("{name} {} ", cell.period.label(zh));
        TableCell::chip(period_chip(cell, zh), route, spoken)
    });
    Row {
        head: name.clone(),
        attrs: vec![("data-village", name.clone())],
        stale: false,
        cells: cells.collect(),
    }
}

/// A township page whose township the master data does not hold (`name` empty: every
/// township recorded has a name): says so, with the way home.
pub(crate) fn no_such_township(zh: bool) -> Screen {
    vec![Card::new(vec![
        Block::Back(crate::domain::screen::Link {
            text: t(zh, "← 首页", "← Home"),
            route: Route::Home,
        }),
        Block::line(Tone::Plain, t(zh, "未找到该乡镇", "No such township")),
    ])]
}

/// The results page of township `name`'s year for a user in `role` (none: nobody yet).
pub fn results(name: &str, v: &TownshipYearView, role: Option<Role>, zh: bool) -> Screen {
    if name.is_empty() {
        return no_such_township(zh);
    }
    let table = results_table(v, zh);
    let file = format!(
        "{name}{}{}",
        v.year,
        t(zh, "年村级考评结果", "-village-results")
    );
    let export = Block::table_csv(&table, &file, zh).testid("results-csv");
    let mut screen = vec![
        Card::new(results_head(name, v, zh)),
        Card::new(vec![Block::Table(table)]).class("scroll results-box"),
        Card::new(vec![export]),
    ];
    screen.extend(charts_card(v, zh));
    screen.extend(grade_card(v, role, zh));
    if role.is_some_and(|r| Action::Organize.allows(r)) {
        let failed = v.rows.iter().filter_map(|r| fail_card(r, v.year, zh));
        screen.extend(failed);
    }
    screen
}

/// The results' charts under a heading (none before anything is scored).
fn charts_card(v: &TownshipYearView, zh: bool) -> Option<Card> {
    let charts = super::charts::township_charts(v, zh);
    if charts.is_empty() {
        return None;
    }
    let mut blocks = vec![Block::Heading(t(zh, "图表", "Charts"))];
    blocks.extend(charts.into_iter().map(Block::Chart));
    Some(Card::new(blocks))
}

/// How grades are given: weights and the grading rule.
fn basis(v: &TownshipYearView, zh: bool) -> String {
    let rule = match v.policy.grading {
        GradingRule::Thresholds {
            outstanding_min,
            notable_min,
        } => {
            let (o, n) = (
                format_hundredths(outstanding_min),
                format_hundredths(notable_min),
            );
            if zh {
                format!("综合得分 ≥{o} 实绩突出，≥{n} 比较突出，以下 一般")
            } else {
                format!("Composite ≥{o} outstanding, ≥{n} notable, below that general")
            }
        }
        GradingRule::Shares {
            outstanding_pct,
            notable_pct,
        } => format!(
            "{} {outstanding_pct}% / {notable_pct}%",
            t(zh, "按比例：", "By share:")
        ),
    };
    format!(
        "{} {}% + {} {}% · {rule}",
        t(zh, "季度平均", "quarterly avg"),
        v.policy.quarterly_weight_pct,
        t(zh, "年度", "annual"),
        v.policy.annual_weight_pct
    )
}

fn results_head(name: &str, v: &TownshipYearView, zh: bool) -> Vec<Block> {
    let here = TownshipYear::new(v.township.clone(), v.year);
    let mut blocks = vec![
        Block::Back(Link {
            text: t(zh, "← 返回", "← Back"),
            route: Route::VillagePay(Page::Township(here)),
        }),
        Block::Title(format!(
            "{name} · {} · {}",
            v.year,
            t(zh, "考评结果", "Results")
        )),
        Block::line(Tone::Hint, basis(v, zh)),
    ];
    blocks.push(match &v.grading {
        Some(g) => {
            let text = format!(
                "{}{} · {}",
                t(zh, "已评定等次：", "Graded on "),
                g.graded_on,
                g.author
            );
            Block::line(Tone::Ok, text).testid("graded")
        }
        None => Block::line(
            Tone::Hint,
            t(
                zh,
                "尚未评定等次；下表综合得分为预估。",
                "Not graded yet; composites below are provisional.",
            ),
        ),
    });
    blocks.extend(banners(v, zh));
    blocks
}

/// What needs attention before the numbers can be trusted.
fn banners(v: &TownshipYearView, zh: bool) -> Vec<Block> {
    let mut out = Vec::new();
    let open = v.open_objections();
    if open > 0 {
        out.push(Block::line(
            Tone::Banner,
            format!("{}{open}", t(zh, "待处理异议：", "Open objections: ")),
        ));
    }
    if v.grading_conflict {
        let text = t(
            zh,
            "存在两份并发评定，请重新评定",
            "Two concurrent gradings exist; re-grade",
        );
        out.push(Block::line(Tone::Banner, text));
    }
    if v.grading_outdated() {
        let items = v.rows.iter().flat_map(|r| {
            r.grading_changes
                .iter()
                .map(|ch| change_text(zh, &r.village.name, ch))
        });
        out.push(Block::List {
            tone: Tone::Banner,
            head: t(zh, "评定所用的评分已有变化，下表的等次和工资不是现行结果，须重新评定：", "Scores used by this grading have changed; the grades and pay below are not the current result. Re-grade:"),
            items: items.collect(),
            testid: "grading-outdated",
        });
    }
    let review = v.needs_review();
    if review > 0 {
        let head = match v.grading {
            Some(_) => t(
                zh,
                "评定后有结果需复核：复核完成后请重新评定。需复核：",
                "Results changed after grading need review; re-grade once reviewed. Needs review: ",
            ),
            None => t(
                zh,
                "复核完成前不能评定等次。需复核：",
                "Grading waits for the review. Needs review: ",
            ),
        };
        out.push(Block::line(Tone::Banner, format!("{head}{review}")).testid("review-banner"));
    }
    if !v.indicator_conflict.is_empty() {
        let text = t(
            zh,
            "本年度考评指标有两个不同版本同时发布，须先确定指标",
            "Two different indicator sets were published concurrently; settle them first",
        );
        out.push(Block::line(Tone::Banner, text));
    }
    out
}

/// One changed number of a grading, in words: "乌兰哈达嘎查 第一季度：70.00 → 95.00".
fn change_text(zh: bool, village: &str, ch: &GradingChange) -> String {
    let what = match ch.period {
        Some(p) => p.label(zh),
        None if zh => "综合得分",
        None => "composite",
    };
    let colon = if zh { "：" } else { ": " };
    format!(
        "{village} {what}{colon}{} → {}",
        score(ch.graded),
        score(ch.now)
    )
}

/// The column heads: village, Q1–Q4, annual, composite, rank, team grade, heads' grade,
/// base pay, performance pay, total per head.
fn columns(zh: bool) -> Vec<String> {
    let mut heads = vec![t(zh, "村", "Village")];
    heads.extend(["Q1", "Q2", "Q3", "Q4"].map(String::from));
    for (z, e) in [
        ("年度", "Annual"),
        ("综合", "Composite"),
        ("名次", "Rank"),
        ("班子等次", "Team"),
        ("正职等次", "Heads"),
        ("基础工资", "Base"),
        ("绩效工资", "Perf."),
        ("合计/人", "Total/head"),
    ] {
        heads.push(t(zh, z, e));
    }
    heads
}

fn results_table(v: &TownshipYearView, zh: bool) -> Table {
    Table {
        class: "results",
        testid: "results",
        columns: columns(zh),
        rows: v.rows.iter().map(|r| result_row(r, zh)).collect(),
    }
}

/// A score cell with its 需复核 mark when its period needs review now.
fn score_cell(text: String, cell: Option<&PeriodCell>, zh: bool) -> TableCell {
    let mut out = TableCell::number(text, Place::Score);
    if cell.is_some_and(|c| c.status == PeriodStatus::NeedsReview) {
        out.marks.push((t(zh, "需复核", "review"), "needs-review"));
    }
    out
}

fn result_row(r: &VillageRow, zh: bool) -> Row {
    let stale = !r.grading_changes.is_empty();
    let cells = match &r.result {
        Some(res) => {
            let mut cells: Vec<TableCell> = res
                .quarters
                .iter()
                .zip(&r.cells)
                .map(|(q, cell)| score_cell(score(*q), Some(cell), zh))
                .collect();
            cells.push(TableCell::number(
                format_hundredths(res.annual),
                Place::Score,
            ));
            cells.push(TableCell {
                strong: true,
                ..TableCell::number(format_hundredths(res.composite), Place::Score)
            });
            cells.push(TableCell::number(res.rank.to_string(), Place::More));
            cells.push(TableCell {
                testid: "team-grade",
                ..TableCell::new(res.team_grade.label(zh), Place::Lead)
            });
            cells.push(TableCell {
                testid: "head-grade",
                ..TableCell::new(res.head_grade.label(zh), Place::Lead)
            });
            cells.push(TableCell::number(res.base_pay.to_string(), Place::More));
            cells.push(TableCell::number(
                res.performance_pay.to_string(),
                Place::More,
            ));
            let mut pay = TableCell {
                strong: true,
                testid: "pay",
                ..TableCell::number(res.total_pay().to_string(), Place::Lead)
            };
            if stale {
                pay.marks.push((t(zh, "须重新评定", "re-grade"), "regrade"));
            }
            cells.push(pay);
            cells
        }
        None => {
            let mut cells: Vec<TableCell> = r
                .cells
                .iter()
                .map(|cell| score_cell(score(cell.score), Some(cell), zh))
                .collect();
            cells.push(TableCell {
                provisional: true,
                ..TableCell::number(score(r.provisional), Place::Score)
            });
            cells.extend((0..6).map(|_| TableCell::new("", Place::More)));
            cells
        }
    };
    Row {
        head: r.village.name.clone(),
        attrs: vec![("data-village", r.village.name.clone())],
        stale: stale && r.result.is_some(),
        cells,
    }
}

/// The grading form for an organizer (folded once graded: re-grading is the exception),
/// or who may grade.
fn grade_card(v: &TownshipYearView, role: Option<Role>, zh: bool) -> Option<Card> {
    let role = role?;
    if !Action::Organize.allows(role) {
        return Some(Card::new(vec![who_may(Action::Organize, zh)]));
    }
    let regrade = v.grading.is_some();
    let form: Form = if regrade { REGRADE_FORM } else { GRADE_FORM };
    let template = Command::Grade {
        township: v.township.clone(),
        year: v.year,
        on: NaiveDate::MIN,
        reason: String::new(),
    };
    let button = t(zh, "评定等次", "Grade");
    let done = t(zh, "等次与工资已评定", "Grades and pay recorded");
    let mut block = FormBlock::new(form, template.into(), read_grade, button, done);
    block.testid = "grade-form";
    block.folded = Some(if regrade {
        t(zh, "重新评定（须说明理由）", "Re-grade (with a reason)")
    } else {
        t(zh, "评定等次与绩效工资", "Grade and compute pay")
    });
    block.open = !regrade;
    Some(Card::new(vec![Block::Form(Box::new(block))]))
}

fn due_text(d: &Due, zh: bool) -> String {
    match d.done {
        Some(done) => format!("{} {done}", t(zh, "已完成", "done")),
        None if d.overdue => format!(
            "{} {}{}",
            t(zh, "截止", "due"),
            d.due,
            t(zh, "（已逾期）", " (overdue)")
        ),
        None => format!("{} {}", t(zh, "截止", "due"), d.due),
    }
}

/// 不合格: 诫勉谈话 and 限期整改, each with its form until done.
fn fail_card(r: &VillageRow, year: i32, zh: bool) -> Option<Card> {
    let (talk, rect) = (r.talk.as_ref()?, r.rectification.as_ref()?);
    let name = r.village.name.clone();
    let village = r.village.id.clone();
    let tone = |d: &Due| if d.overdue { Tone::Warn } else { Tone::Plain };
    let recorded = t(zh, "已记录", "Recorded");
    let heading = format!("{name} · {}", t(zh, "不合格整改事项", "Fail: follow-up"));
    let mut blocks = vec![Block::Heading(heading)];
    let talk_head = t(
        zh,
        "诫勉谈话（乡镇党委书记）：",
        "Warning talk (township party secretary): ",
    );
    let talk_line = format!("{talk_head}{}", due_text(talk, zh));
    blocks.push(Block::line(tone(talk), talk_line).testid("talk"));
    if talk.done.is_none() {
        let template = Command::RecordWarningTalk {
            village: village.clone(),
            year,
            held_by: String::new(),
            held_on: NaiveDate::MIN,
            note: String::new(),
        };
        let button = t(zh, "记录诫勉谈话", "Record warning talk");
        let form = FormBlock::new(
            WARNING_TALK_FORM,
            template.into(),
            read_warning_talk,
            button,
            recorded.clone(),
        );
        blocks.push(Block::Form(Box::new(form)));
    }
    let rect_line = format!(
        "{}{}",
        t(zh, "限期整改：", "Rectification: "),
        due_text(rect, zh)
    );
    blocks.push(Block::line(tone(rect), rect_line).testid("rectification"));
    if rect.done.is_none() {
        let template = Command::CompleteRectification {
            village,
            year,
            completed_on: NaiveDate::MIN,
            note: String::new(),
        };
        let button = t(zh, "整改完成", "Mark rectified");
        let form = FormBlock::new(
            RECTIFICATION_FORM,
            template.into(),
            read_rectification,
            button,
            recorded,
        );
        blocks.push(Block::Form(Box::new(form)));
    }
    let card = Card::new(blocks)
        .class("fail")
        .attr("data-testid", "fail-items");
    Some(card.attr("data-village", name))
}

/// The grading form's inputs into its `Grade` command.
fn read_grade(
    block: &FormBlock,
    inputs: &Inputs,
    sent: &Sent,
    _: &State,
) -> Result<AnyCommand, Vec<RuleViolation>> {
    let input: DatedInput = block.form.read(&block.options, inputs, sent.today)?;
    match &block.template {
        AnyCommand::VillagePay(Command::Grade { township, year, .. }) => Ok(Command::Grade {
            township: township.clone(),
            year: *year,
            on: input.on,
            reason: input.reason,
        }
        .into()),
        _ => Err(not_this_form(&block.form)),
    }
}

/// The 诫勉谈话 form's inputs into its command.
fn read_warning_talk(
    block: &FormBlock,
    inputs: &Inputs,
    sent: &Sent,
    _: &State,
) -> Result<AnyCommand, Vec<RuleViolation>> {
    let x: WarningTalkInput = block.form.read(&block.options, inputs, sent.today)?;
    match &block.template {
        AnyCommand::VillagePay(Command::RecordWarningTalk { village, year, .. }) => {
            Ok(Command::RecordWarningTalk {
                village: village.clone(),
                year: *year,
                held_by: x.held_by,
                held_on: x.held_on,
                note: x.note,
            }
            .into())
        }
        _ => Err(not_this_form(&block.form)),
    }
}

/// The 限期整改 form's inputs into its command.
fn read_rectification(
    block: &FormBlock,
    inputs: &Inputs,
    sent: &Sent,
    _: &State,
) -> Result<AnyCommand, Vec<RuleViolation>> {
    let x: RectificationInput = block.form.read(&block.options, inputs, sent.today)?;
    match &block.template {
        AnyCommand::VillagePay(Command::CompleteRectification { village, year, .. }) => {
            Ok(Command::CompleteRectification {
                village: village.clone(),
                year: *year,
                completed_on: x.completed_on,
                note: x.note,
            }
            .into())
        }
        _ => Err(not_this_form(&block.form)),
    }
}
