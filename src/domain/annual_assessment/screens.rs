//! The pages of 年度考核 as screens: a year (its units, each with how far it has got,
//! and the consequences its grades call for, with the form recording one carried out)
//! and a unit's year (the ranking by composite score, each rater group's score, the
//! grades, the team's grade, and the forms recording them).

use chrono::{Datelike, NaiveDate};

use super::consequences::{consequences, Consequence};
use super::decide::{Action, Command};
use super::event::{RaterGroup, TeamGrade};
use super::forms::{owed_key, read, CADRES, CARRY_FORM, GRADE_FORM, OWED, RATING_FORM, TEAM_FORM};
use super::results::{
    grade, members, members_by_unit, policy_of, ranking, rating, shown_score, team_grade, units,
    Ranked,
};
use super::state::Subject;
use super::Page;
use crate::domain::cadre_selection::AnnualGrade;
use crate::domain::event::Role;
use crate::domain::form::{Form, Options};
use crate::domain::screen::{
    t, Block, Card, FormBlock, Item, Items, Link, Place, Row, Screen, Table, TableCell, Tone,
};
use crate::domain::versions::Standing;
use crate::domain::State;
use crate::route::Route;

/// Who looks at a page of the cadre-management workflows (W5, W7, W9).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Viewer {
    /// Their role (`None`: no user).
    pub role: Option<Role>,
    /// Today.
    pub today: NaiveDate,
    /// Chinese or English.
    pub zh: bool,
}

impl Viewer {
    /// Whether they may record here.
    pub fn may(&self, roles: &[Role]) -> bool {
        self.role.is_some_and(|r| roles.contains(&r))
    }
}

fn route(page: Page) -> Route {
    Route::AnnualAssessment(page)
}

fn form(f: Form, template: Command, (button, done): (String, String), options: Options) -> Block {
    let mut block = FormBlock::new(f, template.into(), read, button, done);
    block.testid = f.key;
    block.options = options;
    Block::Form(Box::new(block))
}

fn who_may(zh: bool) -> Block {
    let why = Action::Record.only();
    Block::line(Tone::Hint, if zh { why.zh } else { why.en }).testid("not-yours")
}

/// A year's assessment: units and consequences.
pub fn year_screen(state: &State, year: i32, who: &Viewer) -> Screen {
    let zh = who.zh;
    let years = [year.checked_sub(1), year.checked_add(1)]
        .into_iter()
        .flatten()
        .filter(|y| *y <= who.today.year())
        .map(|y| Link {
            text: y.to_string(),
            route: route(Page::Year(y)),
        });
    let mut head = vec![
        Block::Title(match zh {
            true => format!("{year}年度考核"),
            false => format!("{year} annual assessment"),
        }),
        Block::Actions {
            links: years.collect(),
            main: None,
        },
        Block::Actions {
            links: vec![
                Link {
                    text: t(zh, "能上能下", "Demotion cases"),
                    route: Route::DemotionChain(crate::domain::demotion_chain::Page::List),
                },
                Link {
                    text: t(zh, "后备干部库", "Reserve pools"),
                    route: Route::ReservePool(crate::domain::reserve_pool::Page::Pools),
                },
                Link {
                    text: t(zh, "轮岗与借用", "Rotation and secondment"),
                    route: Route::Rotation(crate::domain::rotation::Page::List),
                },
            ],
            main: None,
        },
    ];
    let list = units(state, year, who.today);
    if list.is_empty() {
        head.push(Block::line(
            Tone::Hint,
            t(
                zh,
                "干部库中还没有干部的任职单位：请先在干部库录入干部及其任职经历",
                "No cadre's unit is recorded yet: record cadres and their positions first",
            ),
        ));
    }
    let mut people = members_by_unit(state, year, who.today);
    head.push(Block::Items(Items {
        testid: "assessment-units",
        items: list
            .iter()
            .map(|u| unit_item(state, year, u, &people.remove(u).unwrap_or_default(), who))
            .collect(),
    }));
    vec![
        Card::new(head),
        Card::new(consequence_blocks(state, year, who)),
    ]
}

/// The unit a cadre's rating of `year` names (the latest live version), if rated.
fn rated_unit(state: &State, year: i32, cadre: &str) -> Option<String> {
    let versions = state
        .annual_assessment
        .ratings
        .get(&(year, cadre.to_string()));
    versions.and_then(|v| v.current()).map(|r| r.unit.clone())
}

fn unit_item(state: &State, year: i32, unit: &str, people: &[String], who: &Viewer) -> Item {
    let zh = who.zh;
    let rated = people
        .iter()
        .filter(|c| rated_unit(state, year, c).as_deref() == Some(unit))
        .count();
    let graded = people
        .iter()
        .filter(|c| !matches!(grade(state, year, c), Standing::None))
        .count();
    let team = match team_grade(state, year, unit) {
        Standing::One(g) => g.grade.label(zh).to_string(),
        Standing::Conflict => t(zh, "待核对", "to review"),
        Standing::None => t(zh, "未定等", "not graded"),
    };
    let n = people.len();
    let meta = match zh {
        true => format!("{n}人 · 已测评{rated}人 · 已定等{graded}人 · 班子：{team}"),
        false => format!("{n} cadres · {rated} rated · {graded} graded · team: {team}"),
    };
    let conflicts = conflicts(state, year, people);
    Item {
        link: Link {
            text: unit.to_string(),
            route: route(Page::Unit(year, unit.to_string())),
        },
        meta,
        warn: (!conflicts.is_empty()).then(|| {
            t(
                zh,
                "有记录在两部手机上不一致，待更正",
                "Records differ between two phones: correct them",
            )
        }),
        urgent: !conflicts.is_empty(),
        attrs: vec![("data-unit", unit.to_string())],
    }
}

/// The cadres among `people` whose rating or grade of `year` waits to be settled.
fn conflicts(state: &State, year: i32, people: &[String]) -> Vec<String> {
    people
        .iter()
        .filter(|c| {
            matches!(rating(state, year, c), Standing::Conflict)
                || matches!(grade(state, year, c), Standing::Conflict)
        })
        .cloned()
        .collect()
}

fn consequence_blocks(state: &State, year: i32, who: &Viewer) -> Vec<Block> {
    let zh = who.zh;
    let all = consequences(state, year);
    let mut blocks = vec![Block::Heading(t(
        zh,
        "考核结果运用",
        "What the grades call for",
    ))];
    if all.is_empty() {
        blocks.push(Block::line(
            Tone::Hint,
            t(
                zh,
                "本年度的等次没有需要处理的事项",
                "No grade of this year calls for action",
            ),
        ));
        return blocks;
    }
    blocks.push(Block::Items(Items {
        testid: "consequences",
        items: all.iter().map(|c| consequence_item(c, who)).collect(),
    }));
    if !who.may(Action::Record.roles()) {
        blocks.push(who_may(zh));
        return blocks;
    }
    let owed: Vec<(String, String)> = all
        .iter()
        .filter(|c| !c.moot)
        .map(|c| {
            let label = format!("{} · {}", c.name, c.kind.label(zh));
            let label = match (c.done.is_some(), zh) {
                (false, _) => label,
                (true, true) => format!("{label}（更正落实记录）"),
                (true, false) => format!("{label} (correct the record)"),
            };
            (owed_key(&c.subject, c.kind), label)
        })
        .collect();
    let drawn = state.annual_assessment.done.iter();
    let drawn = drawn.filter(|((y, _, _), _)| *y == year);
    let template = Command::Carry {
        year,
        subject: Subject::Cadre(String::new()),
        consequence: super::event::ConsequenceKind::Warning,
        done: String::new(),
        on: NaiveDate::MIN,
        reason: String::new(),
        seen: drawn.flat_map(|(_, v)| v.live_ids()).collect(),
    };
    let options = Options::default().with(OWED, owed);
    blocks.push(form(
        CARRY_FORM,
        template,
        (
            t(zh, "记录落实情况", "Record it done"),
            t(zh, "已记录", "Recorded"),
        ),
        options,
    ));
    blocks
}

fn consequence_item(c: &Consequence, who: &Viewer) -> Item {
    let zh = who.zh;
    let what = c.kind.label(zh);
    let meta = match (&c.done, zh) {
        (Some(d), true) => format!("已落实（{}）：{}", d.on, d.done),
        (Some(d), false) => format!("done on {}: {}", d.on, d.done),
        (None, true) => format!("应于{}前落实（定等于{}）", c.due, c.since),
        (None, false) => format!("due by {} (graded on {})", c.due, c.since),
    };
    let meta = match (c.moot, zh) {
        (true, true) => format!("{meta}；等次已更正，此项不再需要"),
        (true, false) => {
            format!("{meta}; the grade was corrected since and no longer calls for it")
        }
        (false, _) => meta,
    };
    let overdue = c.overdue(who.today);
    let warn = match (overdue, c.conflicted) {
        (_, true) => Some(t(
            zh,
            "落实记录在两部手机上不一致，待更正",
            "Recorded two ways: correct it",
        )),
        (true, _) => Some(t(zh, "已逾期", "Overdue")),
        _ => None,
    };
    let link = match &c.subject {
        Subject::Cadre(_) => route(Page::Year(c.year)),
        Subject::Team(unit) => route(Page::Unit(c.year, unit.clone())),
    };
    Item {
        link: Link {
            text: format!("{} · {what}", c.name),
            route: link,
        },
        meta,
        urgent: warn.is_some(),
        warn,
        attrs: vec![("data-consequence", c.kind.label(true).to_string())],
    }
}

/// A unit's year: ranking, grades, team grade, forms.
pub fn unit_screen(state: &State, year: i32, unit: &str, who: &Viewer) -> Screen {
    let zh = who.zh;
    let mut blocks = vec![
        Block::Back(Link {
            text: match zh {
                true => format!("← {year}年度考核"),
                false => format!("← {year} annual assessment"),
            },
            route: route(Page::Year(year)),
        }),
        Block::Title(match zh {
            true => format!("{unit} · {year}年度考核"),
            false => format!("{unit} · {year} annual assessment"),
        }),
    ];
    let policy = policy_of(state, year);
    let weights: Vec<String> = RaterGroup::ALL
        .iter()
        .map(|g| format!("{} {}%", g.label(zh), policy.weight(*g)))
        .collect();
    let weights = match zh {
        true => format!("综合得分按权重计算：{}", weights.join("、")),
        false => format!("Composite by weight: {}", weights.join(", ")),
    };
    blocks.push(Block::line(Tone::Hint, weights));
    let ranked = ranking(state, year, unit);
    let table = ranking_table(state, year, &ranked, zh);
    let file = match zh {
        true => format!("{unit}{year}年度考核排名"),
        false => format!("{unit}-{year}-assessment-ranking"),
    };
    let export = Block::table_csv(&table, &file, zh).testid("ranking-csv");
    blocks.push(Block::Table(table));
    blocks.push(export);
    let people = members(state, year, unit, who.today);
    if let Some((excellent, cap)) = super::results::excellent_over(state, year, &ranked) {
        let text = match zh {
            true => format!("优秀等次超过政策比例：现有{excellent}人，最多{cap}人（两部手机分别定等或比例已调低），请复核"),
            false => format!("Excellent is over the policy's share: {excellent}, at most {cap} (graded on two phones, or the share lowered): review"),
        };
        blocks.push(Block::line(Tone::Warn, text).testid("excellent-over"));
    }
    blocks.extend(waiting(state, year, unit, &people, zh));
    blocks.push(team_line(state, year, unit, zh));
    let mut cards = vec![Card::new(blocks)];
    cards.push(Card::new(unit_forms(
        state, year, unit, &people, &ranked, who,
    )));
    let evidence = crate::domain::performance_record::screens::evidence_blocks(
        state, year, unit, who.today, zh,
    );
    if !evidence.is_empty() {
        cards.push(Card::new(evidence));
    }
    cards
}

fn ranking_table(state: &State, year: i32, ranked: &[Ranked], zh: bool) -> Table {
    let mut columns = vec![
        t(zh, "姓名", "Name"),
        t(zh, "名次", "Place"),
        t(zh, "综合得分", "Composite"),
    ];
    columns.extend(RaterGroup::ALL.iter().map(|g| g.label(zh).to_string()));
    columns.push(t(zh, "党风廉政", "Party conduct"));
    columns.push(t(zh, "等次", "Grade"));
    let rows = ranked
        .iter()
        .map(|r| {
            let rated = match rating(state, year, &r.cadre) {
                Standing::One(x) => Some(x),
                _ => None,
            };
            let mut place = TableCell::new(r.place.to_string(), Place::More);
            place.number = true;
            let mut composite = TableCell::new(r.composite.shown(), Place::Lead);
            composite.strong = true;
            composite.number = true;
            let mut cells = vec![place, composite];
            for g in RaterGroup::ALL {
                let score = rated
                    .and_then(|x| x.scores.get(&g))
                    .map(|s| shown_score(*s));
                let mut cell = TableCell::new(score.unwrap_or_else(|| "—".into()), Place::Score);
                cell.number = true;
                cells.push(cell);
            }
            let integrity = match rated.map(|x| x.integrity_passed) {
                Some(true) => t(zh, "达标", "passed"),
                Some(false) => t(zh, "未达标", "failed"),
                None => String::new(),
            };
            cells.push(TableCell::new(integrity, Place::More));
            let g = match grade(state, year, &r.cadre) {
                Standing::One(g) => g.grade.label_in(zh).to_string(),
                Standing::Conflict => t(zh, "待核对", "to review"),
                Standing::None => t(zh, "未定等", "not graded"),
            };
            let mut g = TableCell::new(g, Place::Lead);
            if super::results::graded_before_rescored(state, year, &r.cadre) {
                let mark = t(
                    zh,
                    "测评得分在定等后已更正，请复核等次",
                    "Scores corrected after grading: review the grade",
                );
                g.marks.push((mark, "regrade"));
            }
            cells.push(g);
            Row {
                head: r.name.clone(),
                attrs: vec![("data-cadre", r.cadre.clone())],
                stale: false,
                cells,
            }
        })
        .collect();
    Table {
        class: "results",
        testid: "assessment-ranking",
        columns,
        rows,
    }
}

/// Who is not rated yet, and every record two phones made differently, with each version.
fn waiting(state: &State, year: i32, unit: &str, people: &[String], zh: bool) -> Vec<Block> {
    let names = |ids: Vec<&String>| -> Vec<String> {
        ids.into_iter()
            .map(|c| state.cadre_selection.cadre_name(c))
            .collect()
    };
    let unrated = names(
        people
            .iter()
            .filter(|c| matches!(rating(state, year, c), Standing::None))
            .collect(),
    );
    let mut out = Vec::new();
    let elsewhere: Vec<String> = people
        .iter()
        .filter_map(|c| {
            let there = rated_unit(state, year, c)?;
            let shown = state.cadre_selection.cadre_name(c);
            (there != unit).then(|| match zh {
                true => format!("{shown}（{there}）"),
                false => format!("{shown} ({there})"),
            })
        })
        .collect();
    if !elsewhere.is_empty() {
        let head = t(
            zh,
            "年末在本单位、已在其他单位测评：",
            "Here at the year's end, rated elsewhere: ",
        );
        let sep = if zh { "、" } else { ", " };
        out.push(
            Block::line(Tone::Hint, format!("{head}{}", elsewhere.join(sep)))
                .testid("rated-elsewhere"),
        );
    }
    if !unrated.is_empty() {
        let head = t(zh, "尚未测评：", "Not rated yet: ");
        out.push(
            Block::line(
                Tone::Hint,
                format!("{head}{}", unrated.join(if zh { "、" } else { ", " })),
            )
            .testid("unrated"),
        );
    }
    let a = &state.annual_assessment;
    for cadre in people {
        let name = state.cadre_selection.cadre_name(cadre);
        let profile_differs = matches!(grade(state, year, cadre), Standing::One(_))
            && super::results::annual_grades(state, cadre)
                .get(&year)
                .is_some_and(|g| g.conflicted);
        if profile_differs {
            let text = match zh {
                true => format!("{name}的{year}年度等次与干部档案中填写的不一致，按较低等次计：请管理员核对干部档案"),
                false => format!("{name}'s {year} grade differs from the one typed in the profile; the lower counts: the administrator should check the profile"),
            };
            out.push(Block::line(Tone::Warn, text).testid("profile-differs"));
        }
        if let Some(v) = a
            .ratings
            .get(&(year, cadre.clone()))
            .filter(|v| v.conflicted())
        {
            let each = v
                .live()
                .iter()
                .map(|x| {
                    let s: Vec<String> = x
                        .value
                        .scores
                        .iter()
                        .map(|(g, s)| format!("{} {}", g.label(zh), shown_score(*s)))
                        .collect();
                    format!(
                        "{}{}",
                        s.join(" "),
                        crate::domain::screen::paren(zh, x.value.on)
                    )
                })
                .collect();
            out.push(Block::List {
                tone: Tone::Warn,
                head: match zh {
                    true => format!("{name}的测评得分在两部手机上不一致，请重新录入以更正："),
                    false => format!(
                        "{name}'s scores differ between two phones; record them again to correct:"
                    ),
                },
                items: each,
                testid: "conflict",
            });
        }
        if let Some(v) = a
            .grades
            .get(&(cadre.clone(), year))
            .filter(|v| v.conflicted())
        {
            let each = v
                .live()
                .iter()
                .map(|x| {
                    format!(
                        "{}（{}）{}",
                        x.value.grade.label_in(zh),
                        x.value.on,
                        x.value.grounds
                    )
                })
                .collect();
            out.push(Block::List {
                tone: Tone::Warn,
                head: match zh {
                    true => format!("{name}的考核等次在两部手机上不一致，请重新定等以更正："),
                    false => format!(
                        "{name}'s grade differs between two phones; grade again to correct:"
                    ),
                },
                items: each,
                testid: "conflict",
            });
        }
    }
    out
}

fn team_line(state: &State, year: i32, unit: &str, zh: bool) -> Block {
    let (tone, text) = match team_grade(state, year, unit) {
        Standing::One(g) => {
            let grounds = match g.grounds.is_empty() {
                true => String::new(),
                false => crate::domain::screen::paren(zh, &g.grounds),
            };
            let tone = if g.grade >= TeamGrade::Average {
                Tone::Warn
            } else {
                Tone::Ok
            };
            (
                tone,
                format!(
                    "{}{}{grounds}",
                    t(zh, "班子考核等次：", "Team grade: "),
                    g.grade.label(zh)
                ),
            )
        }
        Standing::Conflict => (
            Tone::Warn,
            t(
                zh,
                "班子等次在两部手机上不一致，请重新定等以更正",
                "The team's grade differs between two phones: grade it again",
            ),
        ),
        Standing::None => (
            Tone::Hint,
            t(zh, "班子尚未定等", "The team is not graded yet"),
        ),
    };
    Block::line(tone, text).testid("team-grade")
}

fn unit_forms(
    state: &State,
    year: i32,
    unit: &str,
    people: &[String],
    ranked: &[Ranked],
    who: &Viewer,
) -> Vec<Block> {
    let zh = who.zh;
    let mut blocks = vec![Block::Heading(t(
        zh,
        "录入测评与等次",
        "Record scores and grades",
    ))];
    if !who.may(Action::Record.roles()) {
        blocks.push(who_may(zh));
        return blocks;
    }
    if year > who.today.year() {
        return blocks;
    }
    let a = &state.annual_assessment;
    let name = |c: &String| {
        let n = state.cadre_selection.cadre_name(c);
        let label = match (rated_unit(state, year, c), zh) {
            (Some(u), true) if u != unit => format!("{n}（已在{u}测评，保存即改为本单位）"),
            (Some(u), false) if u != unit => format!("{n} (rated in {u}; saving moves them here)"),
            _ => n,
        };
        (c.clone(), label)
    };
    let everyone: Vec<(String, String)> = people.iter().map(name).collect();
    if !everyone.is_empty() {
        let seen = people.iter().flat_map(|c| {
            a.ratings
                .get(&(year, c.clone()))
                .map(|v| v.live_ids())
                .unwrap_or_default()
        });
        let template = Command::Rate {
            year,
            cadre: String::new(),
            unit: unit.to_string(),
            scores: Default::default(),
            integrity_passed: true,
            on: NaiveDate::MIN,
            reason: String::new(),
            seen: seen.collect(),
        };
        let options = Options::default().with(CADRES, everyone);
        blocks.push(form(
            RATING_FORM,
            template,
            (
                t(zh, "保存测评得分", "Save the scores"),
                t(zh, "已保存", "Saved"),
            ),
            options,
        ));
    }
    let rated: Vec<(String, String)> = ranked.iter().map(|r| name(&r.cadre)).collect();
    if !rated.is_empty() {
        blocks.push(Block::line(
            Tone::Hint,
            excellent_note(state, year, ranked.len(), zh),
        ));
        let seen = ranked.iter().flat_map(|r| {
            a.grades
                .get(&(r.cadre.clone(), year))
                .map(|v| v.live_ids())
                .unwrap_or_default()
        });
        let template = Command::Grade {
            year,
            cadre: String::new(),
            grade: AnnualGrade::Competent,
            grounds: String::new(),
            on: NaiveDate::MIN,
            reason: String::new(),
            seen: seen.collect(),
        };
        let options = Options::default().with(CADRES, rated);
        blocks.push(form(
            GRADE_FORM,
            template,
            (
                t(zh, "确定等次", "Record the grade"),
                t(zh, "已定等", "Graded"),
            ),
            options,
        ));
    }
    let seen = a
        .teams
        .get(&(year, unit.to_string()))
        .map(|v| v.live_ids())
        .unwrap_or_default();
    let template = Command::GradeTeam {
        year,
        unit: unit.to_string(),
        grade: TeamGrade::Good,
        grounds: String::new(),
        on: NaiveDate::MIN,
        reason: String::new(),
        seen,
    };
    blocks.push(form(
        TEAM_FORM,
        template,
        (
            t(zh, "确定班子等次", "Record the team's grade"),
            t(zh, "已定等", "Graded"),
        ),
        Options::default(),
    ));
    blocks
}

fn excellent_note(state: &State, year: i32, rated: usize, zh: bool) -> String {
    let policy = policy_of(state, year);
    match (policy.excellent_cap(rated), zh) {
        (None, true) => "优秀等次不设比例限制（政策可设）".into(),
        (None, false) => "No cap on Excellent (policy may set one)".into(),
        (Some(cap), true) => format!(
            "优秀等次不超过{}%：本单位{rated}人中最多{cap}人",
            policy.excellent_cap_pct
        ),
        (Some(cap), false) => format!(
            "Excellent at most {}% of the unit: {cap} of {rated} cadres",
            policy.excellent_cap_pct
        ),
    }
}
