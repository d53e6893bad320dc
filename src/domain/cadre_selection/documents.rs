//! The printable W4 documents as screens (`domain::screen`): the 干部选拔任用工作纪实表
//! of a case (every step, who recorded and signed what, when; how it ended) and the
//! 任前公示 notice. Drawn by the one renderer; print CSS fits A4 and phones.

use super::Page;
use crate::domain::screen::t;
use chrono::{Datelike, NaiveDate};

use super::forms::{describe, Choices};
use super::screens::percent;
use super::words::{annex_unchecked_note, ending_text, gender_label, line_text, sanling_line};
use super::{case_view, current_position, disclosures_for, disclosures_of, form_label};
use super::{AsSubmitted, Reconstructed, Sight, Submitted};
use super::{Case, CaseView, Round, SignOff, Step, StepEntry, StepRecord, Submission};
use crate::domain::event::Role;
use crate::domain::screen::{Block, Card, CellLine, Link, Screen, Sheet, SheetCell, Tone};
use crate::domain::state::State;
use crate::domain::time::format_beijing;
use crate::route::Route;

/// Back to the case, and print.
fn print_bar(id: &str, zh: bool) -> Block {
    Block::PrintBar {
        back: Link {
            text: t(zh, "← 返回", "← Back"),
            route: Route::CadreSelection(Page::Case(id.to_string())),
        },
        print: t(zh, "打印", "Print"),
    }
}

/// A printout of a case the records don't hold.
fn no_such_case(zh: bool) -> Card {
    Card::new(vec![Block::line(
        Tone::Plain,
        t(zh, "未找到该选任事项", "No such case"),
    )])
}

/// One record in the sheet: its form, its lines, a correction's reason; who, when.
fn record_cells(zh: bool, e: &StepEntry, ch: &Choices) -> [SheetCell; 2] {
    let mut lines = vec![CellLine::strong(form_label(e.record.form(), zh))];
    let described = describe(zh, &e.record, ch).into_iter();
    lines.extend(described.map(|(l, x)| CellLine::labelled(zh, l, x)));
    if !e.supersedes.is_empty() {
        let why = t(zh, "（更正）理由：", "(correction) reason: ") + &e.reason;
        lines.push(CellLine::text(why));
    }
    let who = vec![
        CellLine::text(e.author.clone()),
        CellLine::text(format_beijing(e.recorded_at)),
    ];
    let who = SheetCell {
        hint: true,
        ..SheetCell::lines(who)
    };
    [SheetCell::lines(lines), who]
}

/// The rows of one step: its records, or "no record".
fn step_rows(zh: bool, case: &Case, step: Step, ch: &Choices) -> Vec<Vec<SheetCell>> {
    let entries = case.records(step);
    let head = SheetCell {
        head: true,
        rows: entries.len().max(1),
        ..SheetCell::text(step.label(zh))
    };
    if entries.is_empty() {
        let none = SheetCell {
            hint: true,
            columns: 2,
            ..SheetCell::text(t(zh, "（无记录）", "(no record)"))
        };
        return vec![vec![head, none]];
    }
    let mut head = Some(head);
    let rows = entries.into_iter().map(|e| {
        let mut cells: Vec<SheetCell> = head.take().into_iter().collect();
        cells.extend(record_cells(zh, e, ch));
        cells
    });
    rows.collect()
}

/// The steps' records as one table.
fn steps_sheet(zh: bool, case: &Case, ch: &Choices) -> Sheet {
    steps_through(zh, case, Step::Probation, ch)
}

/// The records of the steps up to `last` as one table.
fn steps_through(zh: bool, case: &Case, last: Step, ch: &Choices) -> Sheet {
    let columns = vec![
        t(zh, "环节", "Step"),
        t(zh, "纪实内容", "Record"),
        t(zh, "记录人/时间", "By / when"),
    ];
    let rows = Step::ALL
        .into_iter()
        .filter(|step| *step <= last)
        .flat_map(|step| step_rows(zh, case, step, ch));
    Sheet {
        columns,
        rows: rows.collect(),
        ..Sheet::default()
    }
}

/// The signatures heading and sheet as a phone with `sight` reads them, with the note
/// where some stand on the step records alone.
fn signature_blocks(zh: bool, case: &Case, sight: Sight) -> Vec<Block> {
    let signs = t(zh, "复核、签字与提交", "Re-check, signatures, submission");
    let mut blocks = vec![
        Block::Heading(signs),
        Block::Sheet(signatures_sheet(zh, case, sight)),
    ];
    let nodes = [Submission::Initial, Submission::Second];
    if nodes.iter().any(|n| case.annex_unchecked(*n, sight)) {
        blocks.push(Block::line(Tone::Hint, annex_unchecked_note(zh)).testid("annex-unchecked"));
    }
    blocks
}

/// Signatures of both nodes: who counts on each line, or why a signature does not.
fn signatures_sheet(zh: bool, case: &Case, sight: Sight) -> Sheet {
    let mut columns = vec![String::new()];
    columns.extend(SignOff::CHAIN.iter().map(|x| x.label_in(zh).to_string()));
    columns.push(t(zh, "提交", "Submitted"));
    let row = |node: Submission| {
        let mut row = vec![node.label_in(zh).to_string()];
        let lines = SignOff::CHAIN.into_iter();
        row.extend(lines.map(|line| line_text(zh, case, node, line, sight)));
        let submitted = case.submission_seen(node, sight).map(|x| x.on.to_string());
        row.push(submitted.unwrap_or_default());
        row
    };
    let rows = vec![row(Submission::Initial), row(Submission::Second)];
    Sheet::plain("signatures", columns, rows)
}

/// The case's disclosures as `role` may see them: content only for those who may.
fn disclosures_sheet(zh: bool, s: &State, id: &str, role: Role) -> Sheet {
    disclosures_table(zh, disclosures_for(s, id, role))
}

/// Disclosures as a table (content as `DisclosureView` holds it).
fn disclosures_table(zh: bool, disclosures: Vec<super::DisclosureView>) -> Sheet {
    let row = |d: super::DisclosureView| {
        let round = match d.round {
            Round::First => t(zh, "第一次", "first"),
            Round::Second => t(zh, "第二次", "second"),
        };
        let colon = if zh { "：" } else { ": " };
        let content = match &d.content {
            Some((m, _)) => m
                .listed(zh)
                .into_iter()
                .map(|(label, value)| format!("{label}{colon}{value}"))
                .collect::<Vec<_>>()
                .join(if zh { "；" } else { "; " }),
            None => t(
                zh,
                "内容仅限记录人、审核人、审批人查看",
                "content visible to recorder, reviewers and approver only",
            ),
        };
        let window = format!("{} – {}", d.start, d.end);
        vec![format!("{} {round}", d.name), window, content]
    };
    let columns = vec![
        t(zh, "公开对象", "Cadre"),
        t(zh, "公开期", "Window"),
        t(zh, "内容", "Content"),
    ];
    let rows = disclosures.into_iter().map(row).collect();
    Sheet::plain("disclosure-sheet", columns, rows)
}

/// The sheet's heading: case, posts, opened, rates, how it ended, reviews.
fn sheet_head(zh: bool, case: &Case, v: &CaseView, ch: &Choices) -> Vec<Block> {
    let posts: Vec<&str> = ch.posts.iter().map(|p| p.1.as_str()).collect();
    let opened = case.opened_on.map(|d| d.to_string()).unwrap_or_default();
    let what = format!(
        "{}{} · {}{}",
        t(zh, "事项：", "Case: "),
        case.title,
        t(zh, "职位：", "Posts: "),
        posts.join(if zh { "、" } else { ", " })
    );
    let info = format!(
        "{}{opened} {} · {}{} · {}{}",
        t(zh, "建立：", "Opened: "),
        case.opened_by,
        t(zh, "填写率 ", "fill "),
        percent(v.rates.fill_bp()),
        t(zh, "完整度 ", "completeness "),
        percent(v.rates.completeness_bp())
    );
    let mut blocks = vec![
        Block::line(Tone::Plain, what),
        Block::line(Tone::Plain, info),
    ];
    if let Some(e) = &v.ended {
        blocks.push(Block::line(Tone::Warn, ending_text(zh, e)).testid("ended"));
    }
    for m in &v.reviews {
        let text = t(zh, "需复核：", "Needs review: ") + if zh { &m.zh } else { &m.en };
        blocks.push(Block::line(Tone::Warn, text));
    }
    blocks
}

/// 干部选拔任用工作纪实表 of case `id`, as `role` may see it on `today`.
pub fn record_sheet(s: &State, id: &str, role: Role, today: NaiveDate, zh: bool) -> Screen {
    let bar = Card::new(vec![print_bar(id, zh)]).class("no-print");
    let case = s.cadre_selection.cases.get(id);
    let (Some(case), Some(mut v)) = (case, case_view(s, id, today)) else {
        return vec![bar, no_such_case(zh)];
    };
    if Sight::of(Some(role)) != Sight::Full {
        v.reviews = super::view::reviews_seen(s, case, today, Sight::of(Some(role)));
    }
    let ch = Choices::named(s, case, zh);
    let title = t(
        zh,
        "干部选拔任用工作纪实表",
        "Cadre selection full-process record",
    );
    let mut blocks = vec![Block::DocTitle(title)];
    blocks.extend(sheet_head(zh, case, &v, &ch));
    blocks.push(Block::Sheet(steps_sheet(zh, case, &ch)));
    blocks.push(Block::Heading(t(zh, "有关事项公开", "Disclosures")));
    blocks.push(Block::Sheet(disclosures_sheet(zh, s, id, role)));
    blocks.extend(signature_blocks(zh, case, Sight::of(Some(role))));
    let sheet = Card::document(blocks).attr("data-testid", "record-sheet");
    vec![bar, sheet]
}

/// The heading of a sheet as submitted: when, by whom, whether it still stands.
fn as_submitted_head(zh: bool, case: &Case, x: &Submitted, ch: &Choices, role: Role) -> Vec<Block> {
    let current = case.submission_seen(x.node, Sight::of(Some(role)));
    let stands = current.is_some_and(|s| s.id == x.id);
    let version = match (zh, stands) {
        (true, true) => format!("于{}提交的版本（现行）", x.on),
        (true, false) => format!("于{}提交的版本（非现行）", x.on),
        (false, true) => format!("Version submitted on {} (current)", x.on),
        (false, false) => format!("Version submitted on {} (not current)", x.on),
    };
    let tone = if stands { Tone::Plain } else { Tone::Warn };
    let posts: Vec<&str> = ch.posts.iter().map(|p| p.1.as_str()).collect();
    let what = format!(
        "{}{} · {}{}",
        t(zh, "事项：", "Case: "),
        case.title,
        t(zh, "职位：", "Posts: "),
        posts.join(if zh { "、" } else { ", " })
    );
    let by = format!(
        "{}{} · {}{}",
        x.node.label_in(zh),
        paren_date(zh, x.on),
        t(zh, "提交人 ", "by "),
        x.by
    );
    vec![
        Block::line(tone, version).testid("submitted-version"),
        Block::line(Tone::Plain, what),
        Block::line(Tone::Plain, by),
    ]
}

/// A date in brackets.
fn paren_date(zh: bool, on: NaiveDate) -> String {
    crate::domain::screen::paren(zh, on)
}

/// What the page can say of how it was put back together, and what it reads as it is
/// now (names of cadres and posts).
fn fidelity(zh: bool, how: Reconstructed) -> Vec<Block> {
    let (tone, zh_text, en_text) = match how {
        Reconstructed::Exact => (
            Tone::Hint,
            "所列记录与签字即该次提交的校验码所覆盖的记录，按提交时的状态还原。",
            "The records and signatures are those the submission's digests cover, as they stood when it was made.",
        ),
        Reconstructed::ByTime => (
            Tone::Warn,
            "该次提交为旧记录，未存校验码：以下按记录时间还原为提交前已记录的内容，无法核对是否与提交时一致。",
            "An old submission without digests: shown as recorded before it, which cannot be checked against what it covered.",
        ),
        Reconstructed::StepsOnly => (
            Tone::Warn,
            "各环节记录与签字即该次提交所覆盖的；有关事项公开（及终止）记录与该次提交的校验码不一致（本机可能未存这些记录），按提交前已记录的显示。",
            "The step records and signatures are those the submission covered; the disclosures (and endings) do not match its digests (this phone may not hold them): shown as recorded before it.",
        ),
        Reconstructed::Unmatched => (
            Tone::Warn,
            "本机记录无法还原出与该次提交校验码一致的内容（记录不全或手机时钟有误）：以下为提交前已记录的内容，可能与提交时不同。",
            "This phone's records cannot rebuild what the submission's digests cover (records missing or a phone's clock wrong): shown as recorded before it, which may differ.",
        ),
    };
    let names = t(
        zh,
        "干部姓名、职位名称与三龄两历一身份按现行干部信息显示。",
        "Cadre and post names, and age, service and education, are shown as the cadre records read now.",
    );
    vec![
        Block::line(tone, t(zh, zh_text, en_text)).testid("submitted-fidelity"),
        Block::line(Tone::Hint, names),
    ]
}

/// The chain as it stood for submission `x`: who stood on each line, or 未签.
fn signers_sheet(zh: bool, case: &Case, x: &Submitted) -> Sheet {
    let signed = case.signed_for(x);
    let later = case.signed_for_recorded_later(x, &signed);
    let columns = vec![t(zh, "签字栏", "Line"), t(zh, "签字", "Signed")];
    let row = |line: SignOff| {
        let who = match (signed.get(&line), later.get(&line)) {
            (Some(s), _) => format!("{} · {}", s.signer, s.on),
            (None, Some(s)) => format!("{} · {}{}", s.signer, s.on, recorded_later(zh)),
            (None, None) => t(zh, "未签", "not signed"),
        };
        vec![line.label_in(zh).to_string(), who]
    };
    let rows = SignOff::CHAIN.into_iter().map(row).collect();
    Sheet::plain("submitted-signatures", columns, rows)
}

/// Said of a signature that stood for a submission but was recorded after it (a
/// phone's clock): [`Case::signed_for_recorded_later`].
pub fn recorded_later(zh: bool) -> String {
    t(
        zh,
        "（签字记录时间晚于提交，手机时钟可能有误）",
        " (recorded after the submission: a phone's clock may be wrong)",
    )
}

/// The disclosures (and, for 二次提交, the ending) a submission covered.
fn covered_annex(zh: bool, s: &State, then: &Case, node: Submission, role: Role) -> Vec<Block> {
    let covered = |d: &super::DisclosureView| node == Submission::Second || d.round == Round::First;
    let mut disclosures = disclosures_of(s, then, role);
    disclosures.retain(covered);
    let mut blocks = vec![
        Block::Heading(t(zh, "有关事项公开", "Disclosures")),
        Block::Sheet(disclosures_table(zh, disclosures)),
    ];
    if let Some(e) = then.ended().filter(|_| node == Submission::Second) {
        blocks.push(Block::line(Tone::Warn, ending_text(zh, e)));
    }
    blocks
}

/// 干部选拔任用工作纪实表 of case `id` as its submission `sub` covered it: the records
/// of the steps it covers and the signatures that stood for it, headed with the date
/// it was submitted and whether it still stands.
pub fn as_submitted_sheet(s: &State, id: &str, sub: &str, role: Role, zh: bool) -> Screen {
    let bar = Card::new(vec![print_bar(id, zh)]).class("no-print");
    let case = s.cadre_selection.cases.get(id);
    let Some((case, x)) = case.and_then(|c| Some((c, c.submissions.get(sub)?))) else {
        let none = t(zh, "未找到该次提交", "No such submission");
        return vec![bar, Card::new(vec![Block::line(Tone::Plain, none)])];
    };
    let AsSubmitted { case: then, how } = case.as_submitted(x);
    let ch = Choices::named(s, &then, zh);
    let title = t(
        zh,
        "干部选拔任用工作纪实表",
        "Cadre selection full-process record",
    );
    let mut blocks = vec![Block::DocTitle(title)];
    blocks.extend(as_submitted_head(zh, case, x, &ch, role));
    blocks.extend(fidelity(zh, how));
    blocks.push(Block::Sheet(steps_through(
        zh,
        &then,
        x.node.last_step(),
        &ch,
    )));
    blocks.extend(covered_annex(zh, s, &then, x.node, role));
    let signs = t(zh, "提交时的签字", "Signatures when submitted");
    blocks.push(Block::Heading(signs));
    blocks.push(Block::Sheet(signers_sheet(zh, case, x)));
    let sheet = Card::document(blocks).attr("data-testid", "record-sheet");
    vec![bar, sheet]
}

fn ym(zh: bool, d: NaiveDate) -> String {
    if zh {
        format!("{}年{:02}月", d.year(), d.month())
    } else {
        format!("{}-{:02}", d.year(), d.month())
    }
}

fn ymd(zh: bool, d: NaiveDate) -> String {
    if zh {
        format!("{}年{:02}月{:02}日", d.year(), d.month(), d.day())
    } else {
        d.to_string()
    }
}

/// The notice's table: each appointee decided, with the post proposed.
fn notice_sheet(zh: bool, s: &State, case: &Case, start: NaiveDate) -> Sheet {
    let pool = &s.cadre_selection;
    let row = |(cadre, (post, _)): (String, (String, NaiveDate))| {
        let p = pool.cadre(&cadre)?;
        let now = current_position(p, start).map(|x| format!("{}{}", x.unit, x.title));
        Some(vec![
            p.name.clone(),
            gender_label(&p.gender, zh),
            ym(zh, p.birth),
            now.unwrap_or_default(),
            pool.post_name(&post),
            sanling_line(p, start, zh),
        ])
    };
    let columns = [
        t(zh, "姓名", "Name"),
        t(zh, "性别", "Gender"),
        t(zh, "出生年月", "Born"),
        t(zh, "现任职务", "Current post"),
        t(zh, "拟任职务", "Proposed post"),
        t(zh, "三龄两历一身份", "Age, service, education, identity"),
    ];
    let rows = case.decided().into_iter().filter_map(row).collect();
    Sheet::plain("notice-table", columns.to_vec(), rows)
}

/// The channel the publicity named for reports.
fn channel(case: &Case) -> String {
    let opened = case.records(Step::Publicity).into_iter();
    let mut channels = opened.filter_map(|e| match &*e.record {
        StepRecord::PublicityOpened { channel, .. } => Some(channel.clone()),
        _ => None,
    });
    channels.next().unwrap_or_default()
}

const NOTICE_LEAD: (&str, &str) = (
    "根据《党政领导干部选拔任用工作条例》有关规定，经研究，拟对下列同志进行任前公示：",
    "Under the Regulations on the Selection and Appointment of Party and Government Leaders, the following comrades are publicized before appointment:",
);

const NOTICE_REPORTS: (&str, &str) = (
    "公示期间，如对公示对象有意见或反映问题，可通过来信、来电、来访等方式向县委组织部反映。反映问题要实事求是，以个人名义反映的请提供真实姓名和联系方式，以单位名义反映的请加盖公章。",
    "During the publicity, opinions or problems concerning those publicized may be reported to the county party committee's organization department by letter, telephone or visit. Reports must be truthful; individuals please give their real name and contact details, units please affix their seal.",
);

/// 任前公示 notice of case `id` (a line saying it has not started, before it has).
pub fn publicity_notice(s: &State, id: &str, zh: bool) -> Screen {
    let bar = Card::new(vec![print_bar(id, zh)]).class("no-print");
    let case = s.cadre_selection.cases.get(id);
    let Some(case) = case else {
        return vec![bar, no_such_case(zh)];
    };
    let Some((start, end)) = case.publicity() else {
        let none = t(zh, "任前公示尚未开始", "Publicity has not started");
        return vec![bar, Card::new(vec![Block::line(Tone::Hint, none)])];
    };
    let days = s.policies.at(start).cadre_selection.publicity_working_days;
    let (a, b) = (ymd(zh, start), ymd(zh, end));
    let window = if zh {
        format!("公示时间：{a} 至 {b}（{days} 个工作日）。")
    } else {
        format!("Publicity: {a} to {b} ({days} working days).")
    };
    let plain = |text: String| Block::line(Tone::Plain, text);
    let blocks = vec![
        Block::DocTitle(t(zh, "干部任前公示", "Notice of pre-appointment publicity")),
        plain(t(zh, NOTICE_LEAD.0, NOTICE_LEAD.1)),
        Block::Sheet(notice_sheet(zh, s, case, start)),
        plain(window).testid("notice-window"),
        plain(t(zh, NOTICE_REPORTS.0, NOTICE_REPORTS.1)),
        plain(t(zh, "反映渠道：", "How to report: ") + &channel(case)),
        Block::Sign(vec![
            t(
                zh,
                "中共县委组织部",
                "Organization Department of the County Party Committee",
            ),
            ymd(zh, start),
        ]),
    ];
    let notice = Card::document(blocks).class("notice");
    vec![bar, notice.attr("data-testid", "notice")]
}
