//! The pages of the economic-responsibility audit as screens: the overview (levels and
//! coverage by year, this and next year's plans with what they will miss, the units, a
//! CSV of them, the forms), one unit (its years, level and why, audits done, forms) and
//! one year's plan (the units and why, the rules it will miss, the adjustments, a CSV).

use chrono::{Datelike, NaiveDate};

use super::decide::{Action, Command, Fix, UnitYearInput};
use super::forms::{
    read, ADD_FORM, DONE, DONE_FORM, FIX_DONE_FORM, PLANNED, REMOVE_FORM, UNITS, UNIT_FORM,
    UNPLANNED, WITHDRAW_DONE_FORM, YEAR_FORM,
};
use super::grading::{grade, grade_text, yuan, Level};
use super::plan::{plan, Plan};
use super::policy::AuditPolicy;
use super::state::{AuditGrading, UnitYear};
use super::Page;
use crate::domain::annual_assessment::screens::Viewer;
use crate::domain::csv::csv;
use crate::domain::form::{Form, Options};
use crate::domain::screen::{
    t, Block, Card, FormBlock, Item, Items, Link, Place, Row, Screen, Table, TableCell, Tone,
};
use crate::domain::State;
use crate::route::Route;

fn route(page: Page) -> Route {
    Route::AuditGrading(page)
}

fn form(f: Form, template: Command, (button, done): (String, String), options: Options) -> Block {
    let mut block = FormBlock::new(f, template.into(), read, button, done);
    block.testid = f.key;
    block.options = options;
    Block::Form(Box::new(block))
}

fn may(who: &Viewer) -> bool {
    who.may(Action::Record.roles())
}

fn policy(state: &State, today: NaiveDate) -> AuditPolicy {
    state.policies.at(today).audit_grading
}

fn differs(zh: bool) -> String {
    t(
        zh,
        "两部手机记录不一致，待更正",
        "differs between two phones: correct it",
    )
}

fn new_year_template(unit: &str, audit: &AuditGrading) -> Command {
    let seen = audit
        .units
        .get(unit)
        .into_iter()
        .flat_map(|y| y.values())
        .flat_map(|v| v.live_ids())
        .collect();
    Command::UnitYear {
        year: UnitYearInput {
            unit: unit.to_string(),
            name: String::new(),
            year: 0,
            budget: 0,
            decision: 0,
            allocation: 0,
            attention: 0,
            funds: Vec::new(),
            head_since: NaiveDate::MIN,
            head_left: None,
        },
        why: String::new(),
        seen,
    }
}

/// The overview: levels, coverage, plans, units, forms.
pub fn overview_screen(state: &State, who: &Viewer) -> Screen {
    let zh = who.zh;
    let today = who.today;
    let audit = &state.audit_grading;
    let p = policy(state, today);
    let this = today.year();
    let mut head = vec![
        Block::Title(t(zh, "经济责任审计动态分级", "Economic-responsibility audit")),
        Block::line(
            Tone::Hint,
            match zh {
                true => format!(
                    "一级每年审计{}%以上、{}年内全覆盖；二级每年{}%以上、{}年内全覆盖；三级离任必审、任期满{}年必审，每年抽审{}—{}个",
                    p.level1_pct, p.level1_years, p.level2_pct, p.level2_years, p.level3_term_years, p.sample_min, p.sample_max
                ),
                false => format!(
                    "Level 1: {}% or more a year, all within {} years; level 2: {}%, all within {} years; level 3: on leaving, at {} years in office, {}–{} sampled a year",
                    p.level1_pct, p.level1_years, p.level2_pct, p.level2_years, p.level3_term_years, p.sample_min, p.sample_max
                ),
            },
        ),
    ];
    let mut links = Vec::new();
    for year in [this, this.saturating_add(1)] {
        let pl = plan(audit, year, &p);
        let n = pl.misses.len();
        let text = match (zh, n) {
            (true, 0) => format!("{year}年审计计划（{}个单位）", pl.planned.len()),
            (true, n) => format!(
                "{year}年审计计划（{}个单位，{n}条规则将无法满足）",
                pl.planned.len()
            ),
            (false, 0) => format!("{year} plan ({} units)", pl.planned.len()),
            (false, n) => format!(
                "{year} plan ({} units, {n} rule(s) missed)",
                pl.planned.len()
            ),
        };
        links.push(Link {
            text,
            route: route(Page::Plan(year)),
        });
    }
    head.push(Block::Actions {
        links,
        main: Some(1),
    });
    let pl = plan(audit, this, &p);
    head.push(Block::Heading(match zh {
        true => format!("{this}年审计级别"),
        false => format!("Levels in {this}"),
    }));
    head.push(level_table(&pl, zh));
    let mut cards = vec![Card::new(head)];
    cards.push(Card::new(coverage_blocks(audit, this, &p, zh)));
    cards.push(Card::new(unit_blocks(audit, this, &p, zh)));
    cards.push(Card::new(overview_forms(audit, who)));
    cards
}

fn level_table(pl: &Plan, zh: bool) -> Block {
    let rows = pl
        .levels
        .iter()
        .map(|c| {
            let cell = |n: u64, lead: bool| {
                let mut c =
                    TableCell::new(n.to_string(), if lead { Place::Lead } else { Place::More });
                c.number = true;
                c
            };
            Row {
                head: c.level.label(zh).to_string(),
                attrs: vec![("data-level", format!("{:?}", c.level))],
                stale: false,
                cells: vec![
                    cell(c.units, true),
                    cell(c.needed, false),
                    cell(c.planned, false),
                    cell(c.audited, false),
                ],
            }
        })
        .collect();
    Block::Table(Table {
        class: "results",
        testid: "audit-levels",
        columns: vec![
            t(zh, "级别", "Level"),
            t(zh, "单位数", "Units"),
            t(zh, "当年至少审计", "Least a year"),
            t(zh, "计划", "Planned"),
            t(zh, "已审计", "Audited"),
        ],
        rows,
    })
}

/// Coverage per level per year: audited / units, for the recorded years up to this one
/// (the last six).
fn coverage_blocks(audit: &AuditGrading, this: i32, p: &AuditPolicy, zh: bool) -> Vec<Block> {
    let first = audit
        .units
        .values()
        .filter_map(|y| y.keys().next().copied())
        .min()
        .unwrap_or(this)
        .max(this.saturating_sub(5));
    let mut rows = Vec::new();
    let mut exported = Vec::new();
    for year in first..=this {
        let pl = plan(audit, year, p);
        exported.push(coverage_row(year, &pl));
        let cells = pl
            .levels
            .iter()
            .map(|c| {
                let mut cell = TableCell::new(format!("{}/{}", c.audited, c.units), Place::More);
                cell.number = true;
                if c.audited < c.needed && year < this {
                    cell.marks
                        .push((t(zh, "未达要求", "short"), "coverage-short"));
                }
                cell
            })
            .collect();
        rows.push(Row {
            head: year.to_string(),
            attrs: Vec::new(),
            stale: false,
            cells,
        });
    }
    let mut columns = vec![t(zh, "年度", "Year")];
    columns.extend(Level::ALL.iter().map(|l| l.label(zh).to_string()));
    vec![
        Block::Heading(t(
            zh,
            "各级别每年审计覆盖（已审计/单位数）",
            "Coverage by level and year (audited/units)",
        )),
        Block::Table(Table {
            class: "results",
            testid: "audit-coverage",
            columns,
            rows,
        }),
        Block::Chart(coverage_chart(audit, first..=this, p, zh)),
        coverage_csv(&exported, zh),
    ]
}

/// One year of coverage as CSV cells: the year, then per level audited and units.
fn coverage_row(year: i32, pl: &Plan) -> Vec<crate::domain::csv::Cell> {
    use crate::domain::csv::Cell;
    let counts = pl.levels.iter().flat_map(|c| {
        let n = |v: u64| Cell::int(i64::try_from(v).unwrap_or(i64::MAX));
        [n(c.audited), n(c.units)]
    });
    std::iter::once(Cell::int(i64::from(year)))
        .chain(counts)
        .collect()
}

/// The coverage table as CSV: audited and units as two number columns per level (never
/// "3/5", which a spreadsheet reads as a date).
fn coverage_csv(rows: &[Vec<crate::domain::csv::Cell>], zh: bool) -> Block {
    let mut heads = vec![t(zh, "年度", "Year")];
    for l in Level::ALL {
        let l = l.label(zh);
        heads.push(format!("{l}{}", t(zh, "已审计", " audited")));
        heads.push(format!("{l}{}", t(zh, "单位数", " units")));
    }
    Block::Download {
        text: t(
            zh,
            "导出 CSV（Excel、WPS 可打开）",
            "Export CSV (opens in Excel, WPS)",
        ),
        file: t(zh, "经济责任审计覆盖.csv", "audit-coverage.csv"),
        mime: "text/csv;charset=utf-8",
        content: crate::domain::csv::typed(&heads, rows),
        testid: "coverage-csv",
    }
}

/// The share of each level's units audited, each year of `years`, against the whole.
fn coverage_chart(
    audit: &AuditGrading,
    years: std::ops::RangeInclusive<i32>,
    p: &AuditPolicy,
    zh: bool,
) -> crate::domain::chart::Chart {
    use crate::domain::chart::{percent, share_bp, Chart, Group};
    let groups = years.map(|year| {
        let levels = plan(audit, year, p).levels;
        let shares = levels.iter().map(|c| {
            let whole = c.units;
            let part = c.audited;
            (whole > 0).then(|| share_bp(part, whole))
        });
        Group::new(year.to_string(), shares.collect(), percent)
    });
    Chart {
        testid: "chart-audit-coverage",
        caption: t(zh, "各级别审计覆盖率", "Share of units audited, by level"),
        group_head: t(zh, "年度", "Year"),
        series: Level::ALL.iter().map(|l| l.label(zh).to_string()).collect(),
        groups: groups.collect(),
        full: Some(10_000),
    }
}

/// The units, as rows of the list and of its CSV: (id, name, level, meta, differing).
fn unit_rows(
    audit: &AuditGrading,
    year: i32,
    p: &AuditPolicy,
    zh: bool,
) -> Vec<(String, String, Vec<String>, bool)> {
    let mut out = Vec::new();
    for (unit, years) in &audit.units {
        let Some(y) = audit
            .latest(unit, year)
            .or_else(|| years.values().find_map(|v| v.current()))
        else {
            continue;
        };
        let g = grade(y, year, p);
        let last = audit
            .audits_of(unit)
            .last()
            .map(|(_, a, _)| a.on.to_string())
            .unwrap_or_default();
        let two = years.values().any(|v| v.conflicted());
        let csv_row = vec![
            y.name.clone(),
            y.year.to_string(),
            y.budget.to_string(),
            g.level.label(zh).to_string(),
            grade_text(&g, p, zh),
            last,
        ];
        out.push((unit.clone(), y.name.clone(), csv_row, two));
    }
    crate::domain::sorting::sort_by(&mut out, |a, b| (&a.1, &a.0).cmp(&(&b.1, &b.0)));
    out
}

fn unit_blocks(audit: &AuditGrading, this: i32, p: &AuditPolicy, zh: bool) -> Vec<Block> {
    let rows = unit_rows(audit, this, p, zh);
    let items = rows
        .iter()
        .map(|(unit, name, row, two)| Item {
            link: Link {
                text: name.clone(),
                route: route(Page::Unit(unit.clone())),
            },
            meta: match zh {
                true => format!(
                    "{}年预算{}元 · {}",
                    row[1],
                    yuan(row[2].parse().unwrap_or(0)),
                    row[3]
                ),
                false => format!(
                    "{} budget {} yuan · {}",
                    row[1],
                    yuan(row[2].parse().unwrap_or(0)),
                    row[3]
                ),
            },
            warn: two.then(|| differs(zh)),
            urgent: false,
            attrs: vec![("data-unit", unit.clone())],
        })
        .collect();
    let headers: [&str; 6] = match zh {
        true => [
            "单位",
            "预算年度",
            "财政预算资金（元）",
            "审计级别",
            "定级依据",
            "最近审计日期",
        ],
        false => [
            "Unit",
            "Budget year",
            "Budget (yuan)",
            "Level",
            "Why",
            "Last audited",
        ],
    };
    let table: Vec<Vec<String>> = rows.into_iter().map(|r| r.2).collect();
    vec![
        Block::Heading(match zh {
            true => format!("审计单位（{}个）", table.len()),
            false => format!("Units ({})", table.len()),
        }),
        Block::Items(Items {
            testid: "audit-units",
            items,
        }),
        Block::Download {
            text: t(
                zh,
                "导出单位 CSV（Excel、WPS 可打开）",
                "Export units CSV (opens in Excel, WPS)",
            ),
            file: match zh {
                true => format!("{this}年经济责任审计单位.csv"),
                false => format!("audit-units-{this}.csv"),
            },
            mime: "text/csv;charset=utf-8",
            content: csv(&headers, &table),
            testid: "units-csv",
        },
    ]
}

fn saved(zh: bool) -> (String, String) {
    (t(zh, "保存", "Save"), t(zh, "已保存", "Saved"))
}

fn unit_options(audit: &AuditGrading) -> Vec<(String, String)> {
    audit
        .units
        .keys()
        .map(|u| (u.clone(), audit.name(u)))
        .collect()
}

fn overview_forms(audit: &AuditGrading, who: &Viewer) -> Vec<Block> {
    let zh = who.zh;
    let mut blocks = vec![Block::Heading(t(zh, "录入", "Record"))];
    if !may(who) {
        let why = Action::Record.only();
        blocks.push(Block::line(Tone::Hint, if zh { why.zh } else { why.en }).testid("not-yours"));
        return blocks;
    }
    blocks.push(form(
        UNIT_FORM,
        new_year_template("", audit),
        (t(zh, "添加审计单位", "Add the unit"), saved(zh).1),
        Options::default(),
    ));
    if !audit.units.is_empty() {
        blocks.push(done_form(unit_options(audit), zh));
    }
    blocks
}

fn done_form(units: Vec<(String, String)>, zh: bool) -> Block {
    let template = Command::Done {
        unit: String::new(),
        on: NaiveDate::MIN,
        report: String::new(),
        fix: Fix::default(),
    };
    form(
        DONE_FORM,
        template,
        (t(zh, "记录审计完成", "Record the audit done"), saved(zh).1),
        Options::default().with(UNITS, units),
    )
}

fn year_line(y: &UnitYear, p: &AuditPolicy, zh: bool) -> String {
    let g = grade(y, y.year, p);
    let funds: Vec<String> = y
        .funds
        .iter()
        .map(|f| format!("{}{}元", f.purpose, yuan(f.amount)))
        .collect();
    let left = y.head_left.map(|d| match zh {
        true => format!("，{d}离任"),
        false => format!(", left {d}"),
    });
    match zh {
        true => format!(
            "{}年：预算{}元；决策{}、分配{}、关注{}；专项资金：{}；负责人{}任职{}；{}（{}）",
            y.year,
            yuan(y.budget),
            y.decision,
            y.allocation,
            y.attention,
            if funds.is_empty() { "无".into() } else { funds.join("、") },
            y.head_since,
            left.unwrap_or_default(),
            g.level.label(true),
            grade_text(&g, p, true)
        ),
        false => format!(
            "{}: budget {} yuan; decision {}, allocation {}, attention {}; special funds: {}; head since {}{}; {} ({})",
            y.year,
            yuan(y.budget),
            y.decision,
            y.allocation,
            y.attention,
            if funds.is_empty() { "none".into() } else { funds.join(", ") },
            y.head_since,
            left.unwrap_or_default(),
            g.level.label(false),
            grade_text(&g, p, false)
        ),
    }
}

/// The year form's inputs as `y` recorded them (to correct it, or to start the next
/// year from).
fn year_inputs(y: &UnitYear) -> crate::domain::form::Inputs {
    let mut i = crate::domain::form::Inputs::new();
    let mut put = |k: String, v: String| {
        i.insert(k, v);
    };
    put("name".into(), y.name.clone());
    put("year".into(), y.year.to_string());
    put("budget".into(), y.budget.to_string());
    put("decision".into(), y.decision.to_string());
    put("allocation".into(), y.allocation.to_string());
    put("attention".into(), y.attention.to_string());
    put("head_since".into(), y.head_since.to_string());
    put(
        "head_left".into(),
        y.head_left.map(|d| d.to_string()).unwrap_or_default(),
    );
    for (row, f) in y.funds.iter().enumerate() {
        put(
            crate::domain::form::row_input("fund_amount", row),
            f.amount.to_string(),
        );
        put(
            crate::domain::form::row_input("fund_purpose", row),
            f.purpose.clone(),
        );
    }
    i
}

/// One unit: its years (each version while two phones differ), level and why, audits.
pub fn unit_screen(state: &State, unit: &str, who: &Viewer) -> Screen {
    let zh = who.zh;
    let audit = &state.audit_grading;
    let p = policy(state, who.today);
    let back = Block::Back(Link {
        text: t(zh, "← 经济责任审计", "← Economic-responsibility audit"),
        route: route(Page::Overview),
    });
    let Some(years) = audit.units.get(unit) else {
        return vec![Card::new(vec![
            back,
            Block::line(Tone::Warn, t(zh, "没有这个审计单位", "No such unit")).testid("not-found"),
        ])];
    };
    let this = who.today.year();
    let mut blocks = vec![back, Block::Title(audit.name(unit))];
    if let Some(y) = audit.latest(unit, this) {
        let g = grade(y, this, &p);
        blocks.push(
            Block::line(
                Tone::Plain,
                format!(
                    "{}{}{}（{}）",
                    this,
                    t(zh, "年审计级别：", " level: "),
                    g.level.label(zh),
                    grade_text(&g, &p, zh)
                ),
            )
            .testid("unit-level"),
        );
    }
    let mut lines = Vec::new();
    for versions in years.values().rev() {
        let live = versions.live();
        if versions.conflicted() {
            for v in live {
                lines.push(format!(
                    "{}（{}）",
                    year_line(&v.value, &p, zh),
                    differs(zh)
                ));
            }
        } else if let Some(y) = versions.current() {
            lines.push(year_line(y, &p, zh));
        }
    }
    blocks.push(Block::List {
        tone: Tone::Plain,
        head: t(zh, "各年度预算与定级：", "Years and levels:"),
        items: lines,
        testid: "unit-years",
    });
    let audits = audit.audits_of(unit);
    blocks.push(Block::List {
        tone: Tone::Plain,
        head: t(zh, "已完成的经济责任审计：", "Audits done:"),
        items: audits
            .iter()
            .map(|(_, a, two)| {
                let mark = if *two {
                    format!("（{}）", differs(zh))
                } else {
                    String::new()
                };
                format!("{} {}{mark}", a.on, a.report)
            })
            .collect(),
        testid: "unit-audits",
    });
    let mut cards = vec![Card::new(blocks)];
    if may(who) {
        let mut forms = vec![Block::Heading(t(zh, "录入与更正", "Record and correct"))];
        let mut year_form = form(
            YEAR_FORM,
            new_year_template(unit, audit),
            (t(zh, "保存年度记录", "Save the year"), saved(zh).1),
            Options::default(),
        );
        if let (Block::Form(f), Some(y)) = (
            &mut year_form,
            years.values().rev().find_map(|v| v.current()),
        ) {
            f.init = year_inputs(y);
        }
        forms.push(year_form);
        forms.push(done_form(vec![(unit.to_string(), audit.name(unit))], zh));
        if !audits.is_empty() {
            let seen: Vec<String> = audit
                .audits
                .by_id
                .values()
                .flat_map(|v| v.live_ids())
                .collect();
            let options: Vec<(String, String)> = audits
                .iter()
                .map(|(id, a, _)| (id.to_string(), format!("{} {}", a.on, a.report)))
                .collect();
            let template = |withdrawn: bool| Command::Done {
                unit: unit.to_string(),
                on: NaiveDate::MIN,
                report: String::new(),
                fix: Fix {
                    withdrawn,
                    seen: seen.clone(),
                    ..Default::default()
                },
            };
            let opts = Options::default().with(DONE, options);
            forms.push(form(
                FIX_DONE_FORM,
                template(false),
                (t(zh, "更正审计记录", "Correct an audit"), saved(zh).1),
                opts.clone(),
            ));
            forms.push(form(
                WITHDRAW_DONE_FORM,
                template(true),
                (t(zh, "撤销审计记录", "Withdraw an audit"), saved(zh).1),
                opts,
            ));
        }
        cards.push(Card::new(forms));
    }
    cards
}

/// One year's plan: the units and why, the rules it will miss, adjustments, completion.
pub fn plan_screen(state: &State, year: i32, who: &Viewer) -> Screen {
    let zh = who.zh;
    let audit = &state.audit_grading;
    let p = policy(state, who.today);
    let pl = plan(audit, year, &p);
    let mut blocks = vec![
        Block::Back(Link {
            text: t(zh, "← 经济责任审计", "← Economic-responsibility audit"),
            route: route(Page::Overview),
        }),
        Block::Title(match zh {
            true => format!("{year}年经济责任审计计划"),
            false => format!("{year} economic-responsibility audit plan"),
        }),
    ];
    if pl.misses.is_empty() {
        blocks.push(
            Block::line(
                Tone::Ok,
                t(
                    zh,
                    "计划满足全部覆盖规则",
                    "The plan meets every coverage rule",
                ),
            )
            .testid("plan-ok"),
        );
    }
    for m in &pl.misses {
        blocks.push(Block::line(Tone::Warn, m.text(zh).to_string()).testid("plan-miss"));
    }
    let done_n = pl
        .planned
        .iter()
        .filter(|x| pl.done.contains(&x.unit))
        .count();
    blocks.push(
        Block::line(
            Tone::Hint,
            match zh {
                true => format!("计划{}个单位，已完成审计{}个", pl.planned.len(), done_n),
                false => format!("{} units planned, {} audited", pl.planned.len(), done_n),
            },
        )
        .testid("plan-progress"),
    );
    blocks.push(level_table(&pl, zh));
    let items = pl
        .planned
        .iter()
        .map(|x| {
            let why: Vec<String> = x.why.iter().map(|w| w.text(&p, zh)).collect();
            let done = if pl.done.contains(&x.unit) {
                t(zh, " · 已审计", " · audited")
            } else {
                String::new()
            };
            Item {
                link: Link {
                    text: x.name.clone(),
                    route: route(Page::Unit(x.unit.clone())),
                },
                meta: format!(
                    "{} · {}{done}",
                    x.level.label(zh),
                    why.join(if zh { "；" } else { "; " })
                ),
                warn: None,
                urgent: false,
                attrs: vec![("data-unit", x.unit.clone())],
            }
        })
        .collect();
    blocks.push(Block::Heading(t(zh, "计划审计的单位", "Units planned")));
    blocks.push(Block::Items(Items {
        testid: "plan-units",
        items,
    }));
    for x in &pl.differing {
        let items = x
            .versions
            .iter()
            .map(|a| match (zh, a.add) {
                (true, true) => format!("加入计划：{}", a.reason),
                (true, false) => format!("移出计划：{}", a.reason),
                (false, true) => format!("Add: {}", a.reason),
                (false, false) => format!("Take out: {}", a.reason),
            })
            .collect();
        blocks.push(Block::List {
            tone: Tone::Warn,
            head: match zh {
                true => format!(
                    "{}：两部手机的调整不一致，均未计入，请重新调整以审定：",
                    x.name
                ),
                false => format!(
                    "{}: adjusted differently on two phones, neither applied; adjust it again to settle:",
                    x.name
                ),
            },
            items,
            testid: "plan-differing",
        });
    }
    if !pl.removed.is_empty() {
        blocks.push(Block::List {
            tone: Tone::Plain,
            head: t(zh, "县里移出计划的单位：", "Taken out by the county:"),
            items: pl
                .removed
                .iter()
                .map(|r| match zh {
                    true => format!(
                        "{}（{}）：{}",
                        r.planned.name,
                        r.planned.level.label(true),
                        r.reason
                    ),
                    false => format!(
                        "{} ({}): {}",
                        r.planned.name,
                        r.planned.level.label(false),
                        r.reason
                    ),
                })
                .collect(),
            testid: "plan-removed",
        });
    }
    let headers: [&str; 4] = match zh {
        true => ["单位", "审计级别", "列入原因", "完成情况"],
        false => ["Unit", "Level", "Why", "Done"],
    };
    let rows: Vec<Vec<String>> = pl
        .planned
        .iter()
        .map(|x| {
            let why: Vec<String> = x.why.iter().map(|w| w.text(&p, zh)).collect();
            vec![
                x.name.clone(),
                x.level.label(zh).to_string(),
                why.join(if zh { "；" } else { "; " }),
                if pl.done.contains(&x.unit) {
                    t(zh, "已审计", "audited")
                } else {
                    t(zh, "未审计", "not yet")
                },
            ]
        })
        .collect();
    blocks.push(Block::Download {
        text: t(
            zh,
            "导出计划 CSV（Excel、WPS 可打开）",
            "Export the plan CSV (opens in Excel, WPS)",
        ),
        file: match zh {
            true => format!("{year}年经济责任审计计划.csv"),
            false => format!("audit-plan-{year}.csv"),
        },
        mime: "text/csv;charset=utf-8",
        content: csv(&headers, &rows),
        testid: "plan-csv",
    });
    let mut cards = vec![Card::new(blocks)];
    if may(who) && year >= who.today.year() {
        let mut forms = vec![Block::Heading(t(zh, "调整计划", "Adjust the plan"))];
        // A unit two phones adjusted differently may be settled either way.
        let differing = |u: &str| pl.differing.iter().any(|x| x.unit == u);
        let mut planned: Vec<(String, String)> = pl
            .planned
            .iter()
            .map(|x| {
                (
                    x.unit.clone(),
                    format!("{}（{}）", x.name, x.level.label(zh)),
                )
            })
            .collect();
        let levels = super::plan::levels_in(audit, year, &p);
        let in_plan = |u: &str| pl.planned.iter().any(|x| x.unit == u);
        let label = |u: &String, g: &super::grading::Grade| {
            (
                u.clone(),
                format!("{}（{}）", audit.name(u), g.level.label(zh)),
            )
        };
        let unplanned: Vec<(String, String)> = levels
            .iter()
            .filter(|(u, _)| !in_plan(u) || differing(u))
            .map(|(u, g)| label(u, g))
            .collect();
        planned.extend(
            levels
                .iter()
                .filter(|(u, _)| !in_plan(u) && differing(u))
                .map(|(u, g)| label(u, g)),
        );
        // The adjustments of this year as drawn (the form keeps the chosen unit's).
        let seen: Vec<String> = audit
            .adjustments
            .iter()
            .filter(|((y, _), _)| *y == year)
            .flat_map(|(_, v)| v.live_ids())
            .collect();
        let template = |add: bool| Command::Adjust {
            year,
            unit: String::new(),
            add,
            reason: String::new(),
            seen: seen.clone(),
        };
        if !planned.is_empty() {
            forms.push(form(
                REMOVE_FORM,
                template(false),
                (t(zh, "移出计划", "Take out"), saved(zh).1),
                Options::default().with(PLANNED, planned),
            ));
        }
        if !unplanned.is_empty() {
            forms.push(form(
                ADD_FORM,
                template(true),
                (t(zh, "加入计划", "Add to the plan"), saved(zh).1),
                Options::default().with(UNPLANNED, unplanned),
            ));
        }
        cards.push(Card::new(forms));
    }
    cards
}
