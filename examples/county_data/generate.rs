//! A realistic county's records, made through the domain's own commands: every record
//! is a command decided by the rules and sealed by `Ledger::record`, exactly as a phone
//! makes it, in the order of the dates it is made on.
//!
//! The county: 15 townships and 206 villages (扎鲁特旗) with their heads; for each year
//! from 2022 each township's indicator set, every village's four quarterly score
//! sheets and its annual one (W1), each quarter publicized for 7 days, objections
//! raised and upheld or dismissed, results finalized, the township graded and its
//! 不合格 villages talked to and rectified; and through the year cadre selection cases
//! (W4) for the posts of the townships and county units that fall vacant: cadres and
//! posts, every gate of "1+8", the two disclosures, the two sign-offs and submissions,
//! and probation a year after appointment. A few things go wrong the way they do in a
//! county: scores corrected before publicity, a draft indicator set replaced, a vote
//! that fails, a complaint upheld, a candidate who withdraws, a cadre not confirmed.
//!
//! Everything is driven by one agenda of dated actions, run in date order; an action
//! may schedule later ones (an objection's resolution, the next gate of a case). Random
//! choices come from a seeded xorshift generator, so a data set is reproducible: the
//! same target gives the same file. Dates stay within 2022-01-04..=2026-11-30 (the
//! holiday calendar ends in 2026), and each record is stamped with a time on the day
//! it is dated (never later than that date's evening), so nothing is recorded in the
//! future of the real clock.

use jishi::domain::master_decide::Command as MasterCommand;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BinaryHeap};

use chrono::{Datelike, NaiveDate};
use jishi::domain::cadre_selection::{
    self as w4, AnnualGrade, CadreFlags, CadreProfile, CheckKind, Dimensions, Ending, Finding,
    NominatorKind, PersonalMatters, Position, RecommendationKind, Round, SignOff, StepRecord,
    Submission,
};
use jishi::domain::calendar::WorkCalendar;
use jishi::domain::command::Command;
use jishi::domain::event::{Event, Role};
use jishi::domain::policy::Policy;
use jishi::domain::state::Actor;
use jishi::domain::village_pay::{self as w1, HeadGrade, Indicator, Period};
use jishi::domain::workflows::CadreSelectionEvent;
use jishi::domain::EventBody;
use jishi::store::{Ledger, MemoryStore};

use super::names;

/// The device every record is made on (and the backup is exported from).
pub const DEVICE: &str = "county-data";

/// The county administrator (县委组织部), who keeps master data, policy, cadres and posts.
const ADMIN: &str = "旗委组织部 张卫东";
/// The two recorders of the organization department: each case is recorded by one and
/// re-checked by the other.
const RECORDERS: [&str; 2] = ["记录人 周静", "记录人 李娜"];
/// The 干部科科长.
const CADRE_CHIEF: &str = "干部科科长 马强";
/// The 干部监督科科长.
const SUPERVISION_CHIEF: &str = "干部监督科科长 孙丽";
/// The 分管副部长, who signs last and submits.
const DEPUTY_HEAD: &str = "分管副部长 高峰";

/// The first day of the history (master data is recorded on it).
pub fn first_day() -> NaiveDate {
    date(2022, 1, 4)
}

/// The last day anything may be dated: `chinese_holiday` knows the official calendar
/// only to 2026-12-25 (and panics past it), and a 任前公示 opened on this day still ends
/// well before that.
pub fn last_day() -> NaiveDate {
    date(2026, 11, 30)
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
}

fn plus(day: NaiveDate, days: i64) -> NaiveDate {
    day + chrono::Duration::days(days)
}

/// 08:30 Beijing time on `day`, in UTC milliseconds.
fn morning_ms(day: NaiveDate) -> i64 {
    let local = day.and_hms_opt(8, 30, 0).expect("a valid time");
    local.and_utc().timestamp_millis() - 8 * 3_600_000
}

/// A generated county: its ledger, and when its backup is exported.
pub struct County {
    /// Every record, as a phone holds it.
    pub ledger: Ledger<MemoryStore>,
    /// When the backup is exported (UTC ms): shortly after the last record.
    pub exported_at: i64,
    /// The date of the last action run.
    pub last_date: NaiveDate,
    /// W4 cases opened a year (the plan's intensity for the target asked).
    pub cases_per_year: u32,
    /// Time spent in `Ledger::record` by the kind of record made (as [`kinds`] names
    /// them): (records, total time).
    pub record_time: BTreeMap<String, (usize, std::time::Duration)>,
}

impl County {
    /// The backup file, in the app's export format.
    pub fn backup(&self) -> String {
        self.ledger.export(self.exported_at)
    }
}

/// Generate a county with at least `target` records: the history runs day by day from
/// 2022-01-04 and stops as soon as the ledger holds `target` records (one command may
/// add two: a village and its heads), with as many W4 cases a year as the target needs
/// ([`cases_per_year`]). Panics with the rule's message if the domain refuses a
/// command: the generator is wrong.
pub fn generate(target: usize) -> County {
    generate_with(target, cases_per_year(target))
}

/// [`generate`] with `cases_per_year` W4 cases opened a year. The county holds fewer
/// than `target` records when the calendar (to 2026-11-30) runs out first.
pub fn generate_with(target: usize, cases_per_year: u32) -> County {
    let mut g = Generator::new(target, cases_per_year);
    g.push(first_day(), Action::MasterData);
    g.push(plus(first_day(), 1), Action::Year(2022));
    let mut last_date = first_day();
    while let Some(next) = g.agenda.pop() {
        last_date = next.on;
        if g.run(next.on, next.action).is_err() {
            break;
        }
    }
    County {
        exported_at: g.clock + 15 * 60_000,
        ledger: g.ledger,
        last_date,
        cases_per_year,
        record_time: g.record_time,
    }
}

/// Records of W1 and master data from 2022-01-04 to 2026-11-30 (measured: a full run).
const W1_RECORDS: usize = 14_600;
/// Records of one W4 case on average, with the cadres and posts it records
/// (measured: cases opened late in 2026 are not finished by 2026-11-30).
const CASE_RECORDS: usize = 66;
/// Cases opened a year in a county at its usual pace.
const USUAL_CASES: u32 = 10;

/// W4 cases a year: the county's usual pace while W1 and that pace fill the target
/// before the calendar ends; more (a busier cadre department) for a target the usual
/// pace cannot reach by 2026-11-30.
pub fn cases_per_year(target: usize) -> u32 {
    let years = 4.7;
    let usual = W1_RECORDS + (f64::from(USUAL_CASES) * years) as usize * CASE_RECORDS;
    if target * 10 <= usual * 9 {
        return USUAL_CASES;
    }
    let wanted = (target as f64 * 1.1 - W1_RECORDS as f64) / (years * CASE_RECORDS as f64);
    (wanted.ceil() as u32).max(USUAL_CASES)
}

/// How many records of each kind a log holds, W4 step records by their form
/// (`w4_step_recorded:nomination`).
pub fn kinds(events: &[Event]) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for e in events {
        let key = match &e.body {
            EventBody::CadreSelection(CadreSelectionEvent::StepRecorded { record, .. }) => {
                format!("{}:{}", e.kind, record.form())
            }
            _ => e.kind.clone(),
        };
        *out.entry(key).or_insert(0) += 1;
    }
    out
}

/// Import `backup` into a fresh ledger and check it: every record added (as many as
/// `expected`), and no hash or chain problem. Returns the records imported.
pub fn check_backup(backup: &str, expected: usize) -> Result<usize, String> {
    let mut fresh = Ledger::open(MemoryStore::default(), "verifier");
    let (added, skipped) = fresh
        .import(backup)
        .map_err(|e| format!("import refused: {}", e.message(false)))?;
    if added != expected || skipped != 0 || fresh.events().len() != expected {
        return Err(format!(
            "imported {added} (skipped {skipped}, held {}), expected {expected}",
            fresh.events().len()
        ));
    }
    let problems = fresh.verify();
    if !problems.is_empty() {
        return Err(format!(
            "verify found {} problems: {problems:?}",
            problems.len()
        ));
    }
    Ok(added)
}

/// Small deterministic random numbers (xorshift64*).
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// 0..n (0 when n is 0).
    fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next() % n
        }
    }

    /// lo..=hi.
    fn between(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1).max(1) as u64) as i64
    }

    /// True `percent` times in a hundred.
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// One of `items`, each as often as its weight.
    fn weighted<'a>(&mut self, items: &[(&'a str, u64)]) -> &'a str {
        let mut n = self.below(items.iter().map(|i| i.1).sum());
        for (item, weight) in items {
            if n < *weight {
                return item;
            }
            n -= weight;
        }
        items[0].0
    }

    /// `items` in a random order.
    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i as u64 + 1) as usize;
            items.swap(i, j);
        }
    }
}

/// The agenda is full: the target is reached and nothing more is recorded.
#[derive(Debug)]
struct Full;

/// Something to do on a day.
enum Action {
    /// Townships, villages and their heads.
    MasterData,
    /// Plan a year: its W1 calendar, heads changes, W4 cases, policy.
    Year(i32),
    /// A policy change from a date (admin).
    ChangePolicy {
        effective_from: NaiveDate,
        policy: Box<Policy>,
    },
    /// Publish a township's indicator set (`draft`: one replaced before any score).
    PublishIndicators {
        township: usize,
        year: i32,
        draft: bool,
    },
    /// The assessment group scores a village's period (and may correct it later).
    Assess {
        village: usize,
        year: i32,
        period: Period,
        correct_on: Option<NaiveDate>,
    },
    /// Correct a village's scores before publicity.
    CorrectScores {
        village: usize,
        year: i32,
        period: Period,
    },
    /// Open the 公示 of a township's quarter, village by village.
    OpenPublicity {
        township: usize,
        year: i32,
        period: Period,
    },
    /// Record an objection (resolved on `resolve_on`).
    RaiseObjection {
        village: usize,
        year: i32,
        period: Period,
        resolve_on: NaiveDate,
        upheld: bool,
    },
    /// Resolve an objection.
    ResolveObjection {
        village: usize,
        year: i32,
        period: Period,
        objection: String,
        upheld: bool,
    },
    /// Finalize a township's quarter after its 公示.
    Finalize {
        township: usize,
        year: i32,
        period: Period,
    },
    /// Grade a township's year.
    Grade { township: usize, year: i32 },
    /// The 诫勉谈话 with a 不合格 village's heads.
    WarningTalk { village: usize, year: i32 },
    /// The 限期整改 of a 不合格 village completed.
    Rectification { village: usize, year: i32 },
    /// A village's 书记 or 主任 changes.
    ChangeHeads { village: usize },
    /// Open a W4 case for posts that are vacant.
    OpenCase { year: i32 },
    /// The next gate of a W4 case.
    Case { case: usize, stage: Stage },
}

/// The gates of a W4 case after it is opened, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stage {
    Initiation,
    Nominate,
    Recommend,
    Target,
    Inspect,
    Deliberate,
    Consult,
    Vote,
    OpenPublicity,
    SignInitial,
    Complaint,
    Verify,
    ClosePublicity,
    Appoint,
    DiscloseSecond,
    SignSecond,
    Probation,
    End(Ending),
}

/// An action on the agenda.
struct Scheduled {
    on: NaiveDate,
    seq: u64,
    action: Action,
}

impl PartialEq for Scheduled {
    fn eq(&self, other: &Self) -> bool {
        (self.on, self.seq) == (other.on, other.seq)
    }
}

impl Eq for Scheduled {}

impl PartialOrd for Scheduled {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Earliest first (the heap pops its greatest).
impl Ord for Scheduled {
    fn cmp(&self, other: &Self) -> Ordering {
        (other.on, other.seq).cmp(&(self.on, self.seq))
    }
}

struct Township {
    id: String,
    name: String,
    /// A 苏木 (pastoral): 嘎查, 苏木达, grassland indicators.
    pastoral: bool,
    organizer: String,
    assessors: [String; 2],
    party_secretary: String,
    villages: Vec<usize>,
    /// Days this township's calendar runs behind the first one (0..=4).
    offset: i64,
}

struct Village {
    id: String,
    name: String,
    township: usize,
    secretary: String,
    director: String,
    /// How well the village does, in thousandths of the maximum (drifts each year).
    quality: i64,
}

struct Post {
    id: String,
    unit: String,
    title: String,
    quota: u32,
    recorded: bool,
    /// Cadres holding a seat.
    occupants: Vec<usize>,
    /// Seats an open case means to fill.
    reserved: u32,
    /// First day a vacant seat may be filled (the day after its holder left).
    free_from: NaiveDate,
}

impl Post {
    fn vacant(&self, on: NaiveDate) -> bool {
        !self.recorded
            || (self.occupants.len() as u32 + self.reserved < self.quota && self.free_from <= on)
    }
}

struct Cadre {
    id: String,
    profile: CadreProfile,
    /// The post held (a seat of its quota).
    post: Option<usize>,
    /// A nominee of an open case.
    in_case: bool,
    appointed_on: Option<NaiveDate>,
    retired: bool,
    /// A 基本称职 grade in the last years: never an inspection target.
    flawed: bool,
}

/// How a case ends.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fate {
    Appointed,
    VoteFails,
    ComplaintUpheld,
    Withdrawn,
}

struct Case {
    id: String,
    /// Index into `RECORDERS` of its recorder; the other one re-checks.
    recorder: usize,
    posts: Vec<usize>,
    /// Per post: two strong nominees (the inspection targets), then one to three
    /// others the recommendation does not carry.
    nominees: Vec<Vec<usize>>,
    /// Per post: the proposed appointee (after 酝酿).
    proposed: Vec<usize>,
    fate: Fate,
    /// A 任前公示 complaint: Some(upheld).
    complaint: Option<bool>,
    complaint_id: String,
    correct_initiation: bool,
    appointed_on: Option<NaiveDate>,
}

struct Generator {
    ledger: Ledger<MemoryStore>,
    target: usize,
    cases_per_year: u32,
    agenda: BinaryHeap<Scheduled>,
    seq: u64,
    rng: Rng,
    ids: Rng,
    clock: i64,
    calendar: WorkCalendar,
    townships: Vec<Township>,
    villages: Vec<Village>,
    posts: Vec<Post>,
    cadres: Vec<Cadre>,
    cases: Vec<Case>,
    /// Cases opened per year (for their ids), appointment documents per year.
    opened: BTreeMap<i32, u32>,
    documents: BTreeMap<i32, u32>,
    record_time: BTreeMap<String, (usize, std::time::Duration)>,
}

impl Generator {
    fn new(target: usize, cases_per_year: u32) -> Generator {
        let mut rng = Rng::new(0x5a4c_5554_2026);
        let townships = townships(&mut rng);
        let villages = villages(&mut rng, &townships);
        let mut townships = townships;
        for (i, v) in villages.iter().enumerate() {
            townships[v.township].villages.push(i);
        }
        Generator {
            ledger: Ledger::open(MemoryStore::default(), DEVICE),
            target,
            cases_per_year,
            agenda: BinaryHeap::new(),
            seq: 0,
            rng,
            ids: Rng::new(0x1d5_2026),
            clock: morning_ms(first_day()),
            calendar: WorkCalendar::new(&Policy::default()),
            posts: posts(&townships),
            townships,
            villages,
            cadres: Vec::new(),
            cases: Vec::new(),
            opened: BTreeMap::new(),
            documents: BTreeMap::new(),
            record_time: BTreeMap::new(),
        }
    }

    /// Schedule `action` on `on`; anything past the last day is dropped.
    fn push(&mut self, on: NaiveDate, action: Action) {
        if on > last_day() {
            return;
        }
        self.seq += 1;
        self.agenda.push(Scheduled {
            on,
            seq: self.seq,
            action,
        });
    }

    /// The first working day on or after `day`.
    fn work(&self, day: NaiveDate) -> NaiveDate {
        self.calendar.next_working_day(day)
    }

    /// A working day `lo..=hi` days after `day`.
    fn work_after(&mut self, day: NaiveDate, lo: i64, hi: i64) -> NaiveDate {
        let days = self.rng.between(lo, hi);
        self.work(plus(day, days))
    }

    fn actor(name: &str, role: Role, today: NaiveDate, townships: Vec<String>) -> Actor {
        Actor {
            name: name.to_string(),
            role,
            today,
            townships,
        }
    }

    fn admin(today: NaiveDate) -> Actor {
        Generator::actor(ADMIN, Role::Admin, today, Vec::new())
    }

    fn organizer(&self, township: usize, today: NaiveDate) -> Actor {
        let t = &self.townships[township];
        Generator::actor(&t.organizer, Role::Organizer, today, vec![t.id.clone()])
    }

    /// Record `cmd` as `actor`; the time advances a minute or a few on the day.
    fn record(&mut self, actor: Actor, cmd: impl Into<Command>) -> Result<Vec<Event>, Full> {
        if self.ledger.events().len() >= self.target {
            return Err(Full);
        }
        let cmd: Command = cmd.into();
        // A minute or a few between records; late in a busy day, seconds.
        let evening = morning_ms(actor.today) + 11 * 3_600_000;
        let step = match self.rng.between(40, 240) * 1_000 {
            step if self.clock + step > evening => step / 60,
            step => step,
        };
        self.clock = (self.clock + step).max(morning_ms(actor.today));
        let shown = cmd.clone();
        let ids = &mut self.ids;
        let mut next = || ids.next();
        let started = std::time::Instant::now();
        match self.ledger.record(cmd, &actor, self.clock, &mut next) {
            Ok(events) => {
                let took = started.elapsed();
                let kind = kinds(&events[..1]).into_keys().next().unwrap_or_default();
                let entry = self.record_time.entry(kind).or_default();
                entry.0 += events.len();
                entry.1 += took;
                Ok(events)
            }
            Err(e) => panic!(
                "the generator is wrong: {} ({:?}) on {} was refused: {}\n{shown:?}",
                actor.name,
                actor.role,
                actor.today,
                e.message(false)
            ),
        }
    }

    fn run(&mut self, on: NaiveDate, action: Action) -> Result<(), Full> {
        match action {
            Action::MasterData => self.master_data(on),
            Action::Year(year) => {
                self.plan_year(year);
                Ok(())
            }
            Action::ChangePolicy {
                effective_from,
                policy,
            } => self
                .record(
                    Generator::admin(on),
                    MasterCommand::ChangePolicy {
                        effective_from,
                        policy: Box::new(*policy),
                    },
                )
                .map(drop),
            Action::PublishIndicators {
                township,
                year,
                draft,
            } => self.publish_indicators(on, township, year, draft),
            Action::Assess {
                village,
                year,
                period,
                correct_on,
            } => self.assess(on, village, year, period, correct_on),
            Action::CorrectScores {
                village,
                year,
                period,
            } => self.correct_scores(on, village, year, period),
            Action::OpenPublicity {
                township,
                year,
                period,
            } => self.open_publicity(on, township, year, period),
            Action::RaiseObjection {
                village,
                year,
                period,
                resolve_on,
                upheld,
            } => self.raise_objection(on, village, (year, period), resolve_on, upheld),
            Action::ResolveObjection {
                village,
                year,
                period,
                objection,
                upheld,
            } => self.resolve_objection(on, village, (year, period), objection, upheld),
            Action::Finalize {
                township,
                year,
                period,
            } => self.finalize(on, township, year, period),
            Action::Grade { township, year } => self.grade(on, township, year),
            Action::WarningTalk { village, year } => self.warning_talk(on, village, year),
            Action::Rectification { village, year } => self.rectification(on, village, year),
            Action::ChangeHeads { village } => self.change_heads(on, village),
            Action::OpenCase { year } => self.open_case(on, year),
            Action::Case { case, stage } => self.case_stage(on, case, stage),
        }
    }

    // ------------------------------------------------------------------ master data

    fn master_data(&mut self, on: NaiveDate) -> Result<(), Full> {
        let townships: Vec<(String, String)> = self
            .townships
            .iter()
            .map(|t| (t.id.clone(), t.name.clone()))
            .collect();
        for (township, name) in townships {
            self.record(
                Generator::admin(on),
                MasterCommand::RecordTownship { township, name },
            )?;
        }
        let villages: Vec<(String, String, usize, String, String)> = self
            .villages
            .iter()
            .map(|v| {
                let t = v.township;
                (
                    v.id.clone(),
                    v.name.clone(),
                    t,
                    v.secretary.clone(),
                    v.director.clone(),
                )
            })
            .collect();
        for (village, name, t, secretary, director) in villages {
            let population = self.population(self.townships[t].pastoral);
            let cmd = MasterCommand::RecordVillage {
                village,
                township: self.townships[t].id.clone(),
                name,
                population,
                secretary,
                director,
            };
            self.record(Generator::admin(on), cmd)?;
        }
        Ok(())
    }

    /// A village's registered population: 嘎查 are small, farming villages larger.
    fn population(&mut self, pastoral: bool) -> u32 {
        let (lo, hi) = if pastoral { (260, 2_600) } else { (600, 4_800) };
        let a = self.rng.between(lo, hi);
        let b = self.rng.between(lo, hi);
        (a.min(b) / 10 * 10) as u32
    }

    // ------------------------------------------------------------------ the year's plan

    fn plan_year(&mut self, year: i32) {
        if year < last_day().year() {
            self.push(date(year + 1, 1, 1), Action::Year(year + 1));
        }
        for v in &mut self.villages {
            v.quality = (v.quality + self.rng.between(-30, 30)).clamp(430, 985);
        }
        for t in 0..self.townships.len() {
            self.plan_village_pay(t, year);
        }
        if year > 2022 {
            for v in 0..self.villages.len() {
                if self.rng.chance(4) {
                    let day = self.rng.between(6, 28) as u32;
                    let on = self.work(date(year, 5, day));
                    self.push(on, Action::ChangeHeads { village: v });
                }
            }
        }
        let n = i64::from(self.cases_per_year);
        for k in 0..n {
            let on = plus(date(year, 2, 20), k * 265 / n + self.rng.between(0, 6));
            let on = self.work(on);
            self.push(on, Action::OpenCase { year });
        }
        if let Some((recorded_on, effective_from, policy)) = policy_change(year) {
            self.push(
                recorded_on,
                Action::ChangePolicy {
                    effective_from,
                    policy: Box::new(policy),
                },
            );
        }
    }

    /// A township's year of village pay: indicators in January, each quarter's
    /// assessments, 公示 and 定稿, the annual assessment in December, grading in January
    /// (2026: everything by the end of November).
    fn plan_village_pay(&mut self, t: usize, year: i32) {
        let o = self.townships[t].offset;
        let publish = self.work(date(year, 1, 8 + 2 * o as u32));
        if self.rng.chance(10) {
            self.push(
                publish,
                Action::PublishIndicators {
                    township: t,
                    year,
                    draft: true,
                },
            );
            let replace = self.work_after(publish, 6, 14);
            self.push(
                replace,
                Action::PublishIndicators {
                    township: t,
                    year,
                    draft: false,
                },
            );
        } else {
            self.push(
                publish,
                Action::PublishIndicators {
                    township: t,
                    year,
                    draft: false,
                },
            );
        }
        let late = year == last_day().year();
        let villages = self.townships[t].villages.clone();
        let n = villages.len() as i64;
        let mut q4_final = publish;
        for period in Period::QUARTERS {
            let (start, span) = match period {
                Period::Q1 => (date(year, 3, 10), 8),
                Period::Q2 => (date(year, 6, 10), 8),
                Period::Q3 => (date(year, 9, 10), 8),
                _ if late => (date(year, 11, 2), 4),
                _ => (date(year, 12, 1), 7),
            };
            let start = plus(start, if late { o / 2 } else { o });
            let days: Vec<NaiveDate> = (0..n)
                .map(|i| self.work(plus(start, i * span / n)))
                .collect();
            let last = days.iter().copied().max().unwrap_or(start);
            let publicity = self.work(plus(last, if late { 1 } else { 2 }));
            for (v, on) in villages.iter().zip(days) {
                let correct_on = self
                    .rng
                    .chance(2)
                    .then(|| {
                        plus(
                            on,
                            self.rng.between(1, (publicity - on).num_days() - 1).max(1),
                        )
                    })
                    .filter(|c| *c < publicity);
                self.push(
                    on,
                    Action::Assess {
                        village: *v,
                        year,
                        period,
                        correct_on,
                    },
                );
            }
            self.push(
                publicity,
                Action::OpenPublicity {
                    township: t,
                    year,
                    period,
                },
            );
            let finalize = self.work_after(publicity, 7, if late { 7 } else { 9 });
            self.push(
                finalize,
                Action::Finalize {
                    township: t,
                    year,
                    period,
                },
            );
            q4_final = finalize;
        }
        let span = if late { 2 } else { 5 };
        let mut last_annual = q4_final;
        for (i, v) in villages.iter().enumerate() {
            let on = self.work(plus(q4_final, 1 + i as i64 * span / n));
            last_annual = last_annual.max(on);
            self.push(
                on,
                Action::Assess {
                    village: *v,
                    year,
                    period: Period::Annual,
                    correct_on: None,
                },
            );
        }
        let grade = if late {
            self.work(plus(last_annual, 1))
        } else {
            self.work(date(year + 1, 1, 6 + 2 * o as u32))
        };
        self.push(grade, Action::Grade { township: t, year });
    }

    // ------------------------------------------------------------------ W1

    fn publish_indicators(
        &mut self,
        on: NaiveDate,
        t: usize,
        year: i32,
        draft: bool,
    ) -> Result<(), Full> {
        let mut indicators: Vec<Indicator> =
            names::indicator_rows(year, self.townships[t].pastoral)
                .into_iter()
                .map(|(id, name, points)| Indicator {
                    id: id.into(),
                    name: name.into(),
                    max_halves: points * 2,
                    weight: None,
                })
                .collect();
        if draft {
            // The draft weighed the first indicator five points more and the last less.
            let last = indicators.len() - 1;
            indicators[0].max_halves += 10;
            indicators[last].max_halves -= 10;
        }
        let township = self.townships[t].id.clone();
        let organizer = self.organizer(t, on);
        self.record(
            organizer,
            w1::Command::PublishIndicators {
                township,
                year,
                indicators,
            },
        )
        .map(drop)
    }

    /// Scores of a sheet for `village` against `indicators`, in half points (whole
    /// points when the policy in force on `on` allows no half points).
    fn sheet(
        &mut self,
        village: usize,
        indicators: &[Indicator],
        on: NaiveDate,
    ) -> BTreeMap<String, u32> {
        let whole = !self.ledger.state().policies.at(on).half_points;
        let quality = self.villages[village].quality;
        indicators
            .iter()
            .map(|i| {
                let share = (quality + self.rng.between(-70, 70)).clamp(250, 1_000);
                let mut halves = (i64::from(i.max_halves) * share / 1_000) as u32;
                if whole {
                    halves -= halves % 2;
                }
                (i.id.clone(), halves)
            })
            .collect()
    }

    fn indicators(&self, village: usize, year: i32) -> Vec<Indicator> {
        let t = &self.townships[self.villages[village].township];
        self.ledger
            .state()
            .village_pay
            .counted
            .indicators(&t.id, year)
            .map(|s| s.indicators.clone())
            .expect("the year's indicators are published")
    }

    fn assessor(&mut self, village: usize, today: NaiveDate) -> Actor {
        let t = &self.townships[self.villages[village].township];
        let name = self.rng.pick(&t.assessors).clone();
        Generator::actor(&name, Role::Assessor, today, vec![t.id.clone()])
    }

    fn assess(
        &mut self,
        on: NaiveDate,
        village: usize,
        year: i32,
        period: Period,
        correct_on: Option<NaiveDate>,
    ) -> Result<(), Full> {
        let indicators = self.indicators(village, year);
        let scores = self.sheet(village, &indicators, on);
        let actor = self.assessor(village, on);
        let t = &self.townships[self.villages[village].township];
        let group = format!(
            "{}、{}",
            person_of(&t.assessors[0]),
            person_of(&t.assessors[1])
        );
        let note = self.rng.pick(names::ASSESSMENT_NOTES).to_string();
        self.record(
            actor,
            w1::Command::SubmitScores {
                village: self.villages[village].id.clone(),
                year,
                period,
                scores,
                assessor: group,
                assessed_on: on,
                note,
            },
        )?;
        if let Some(c) = correct_on {
            self.push(
                c,
                Action::CorrectScores {
                    village,
                    year,
                    period,
                },
            );
        }
        Ok(())
    }

    fn standing(&self, village: usize, year: i32, period: Period) -> BTreeMap<String, u32> {
        self.ledger
            .state()
            .village_pay
            .counted
            .slot(&self.villages[village].id, year, period)
            .and_then(|s| s.standing())
            .map(|s| s.scores.clone())
            .expect("the period has standing scores")
    }

    /// The standing scores with `changes` indicators moved by a few points (up when
    /// `up`), within their maxima; whole points when the policy on `on` says so.
    fn changed(
        &mut self,
        (village, year, period): (usize, i32, Period),
        on: NaiveDate,
        up: bool,
    ) -> BTreeMap<String, u32> {
        let step = if self.ledger.state().policies.at(on).half_points {
            1
        } else {
            2
        };
        let indicators = self.indicators(village, year);
        let mut scores = self.standing(village, year, period);
        let before = scores.clone();
        let start = self.rng.below(indicators.len() as u64) as usize;
        let changes = self.rng.between(1, 2);
        let mut changed = 0;
        for k in 0..indicators.len() {
            let i = &indicators[(start + k) % indicators.len()];
            let s = scores.get_mut(&i.id).expect("scored");
            let by = step * self.rng.between(1, 4) as u32;
            let moved = if up || *s < by {
                (*s + by).min(i.max_halves - i.max_halves % step)
            } else {
                *s - by
            };
            if moved != *s {
                *s = moved;
                changed += 1;
            }
            if changed == changes {
                break;
            }
        }
        if scores == before {
            // A perfect sheet: the correction takes a point off the first indicator.
            let first = scores.get_mut(&indicators[0].id).expect("scored");
            *first -= step;
        }
        scores
    }

    fn correct_scores(
        &mut self,
        on: NaiveDate,
        village: usize,
        year: i32,
        period: Period,
    ) -> Result<(), Full> {
        let up = self.rng.chance(60);
        let scores = self.changed((village, year, period), on, up);
        let actor = self.assessor(village, on);
        let reason = self.rng.pick(names::CORRECTION_REASONS).to_string();
        self.record(
            actor,
            w1::Command::CorrectScores {
                village: self.villages[village].id.clone(),
                year,
                period,
                scores,
                reason,
            },
        )
        .map(drop)
    }

    fn open_publicity(
        &mut self,
        on: NaiveDate,
        t: usize,
        year: i32,
        period: Period,
    ) -> Result<(), Full> {
        let villages = self.townships[t].villages.clone();
        for v in &villages {
            let organizer = self.organizer(t, on);
            self.record(
                organizer,
                w1::Command::OpenPublicity {
                    village: self.villages[*v].id.clone(),
                    year,
                    period,
                    start: on,
                },
            )?;
        }
        // Objections: none in most townships' quarters, one or two in some.
        let count = match self.rng.below(100) {
            0..=54 => 0,
            55..=84 => 1,
            _ => 2,
        };
        let mut chosen = villages;
        self.rng.shuffle(&mut chosen);
        for v in chosen.into_iter().take(count) {
            let raised = plus(on, self.rng.between(0, 4));
            let resolve_on = plus(
                raised,
                self.rng.between(1, (plus(on, 6) - raised).num_days()),
            );
            let upheld = self.rng.chance(40);
            self.push(
                raised,
                Action::RaiseObjection {
                    village: v,
                    year,
                    period,
                    resolve_on,
                    upheld,
                },
            );
        }
        Ok(())
    }

    fn raise_objection(
        &mut self,
        on: NaiveDate,
        village: usize,
        (year, period): (i32, Period),
        resolve_on: NaiveDate,
        upheld: bool,
    ) -> Result<(), Full> {
        let content = self.rng.pick(names::OBJECTIONS).to_string();
        let v = &self.villages[village];
        let t = &self.townships[v.township];
        // Half are raised by the village's 书记 on their phone, half brought to the
        // township and recorded by its organizer.
        let (actor, objector) = if self.rng.chance(50) {
            (
                Generator::actor(&v.secretary, Role::VillageHead, on, vec![t.id.clone()]),
                format!("党支部书记 {}", v.secretary),
            )
        } else {
            let who = *self.rng.pick(names::OBJECTORS);
            let name = person(&mut self.rng);
            (self.organizer(v.township, on), format!("{who} {name}"))
        };
        let id = self.villages[village].id.clone();
        let raised = self.record(
            actor,
            w1::Command::RaiseObjection {
                village: id,
                year,
                period,
                objector,
                content,
                raised_on: on,
            },
        )?;
        self.push(
            resolve_on,
            Action::ResolveObjection {
                village,
                year,
                period,
                objection: raised[0].id.clone(),
                upheld,
            },
        );
        Ok(())
    }

    fn resolve_objection(
        &mut self,
        on: NaiveDate,
        village: usize,
        (year, period): (i32, Period),
        objection: String,
        upheld: bool,
    ) -> Result<(), Full> {
        let (upheld, note) = if upheld {
            let scores = self.changed((village, year, period), on, true);
            (Some(scores), *self.rng.pick(names::UPHELD_NOTES))
        } else {
            (None, *self.rng.pick(names::DISMISSED_NOTES))
        };
        let organizer = self.organizer(self.villages[village].township, on);
        self.record(
            organizer,
            w1::Command::ResolveObjection {
                village: self.villages[village].id.clone(),
                year,
                period,
                objection,
                upheld,
                note: note.into(),
                resolved_on: on,
            },
        )
        .map(drop)
    }

    fn finalize(&mut self, on: NaiveDate, t: usize, year: i32, period: Period) -> Result<(), Full> {
        for v in self.townships[t].villages.clone() {
            let organizer = self.organizer(t, on);
            self.record(
                organizer,
                w1::Command::Finalize {
                    village: self.villages[v].id.clone(),
                    year,
                    period,
                    on,
                },
            )?;
        }
        Ok(())
    }

    fn grade(&mut self, on: NaiveDate, t: usize, year: i32) -> Result<(), Full> {
        let township = self.townships[t].id.clone();
        let organizer = self.organizer(t, on);
        self.record(
            organizer,
            w1::Command::Grade {
                township: township.clone(),
                year,
                on,
                reason: String::new(),
            },
        )?;
        let failed: Vec<String> = self
            .ledger
            .state()
            .village_pay
            .counted
            .grading(&township, year)
            .expect("graded")
            .results
            .iter()
            .filter(|r| r.head_grade == HeadGrade::Fail)
            .map(|r| r.village.clone())
            .collect();
        for id in failed {
            let village = self
                .villages
                .iter()
                .position(|v| v.id == id)
                .expect("a village of the county");
            let talk = self.work_after(on, 7, 25);
            self.push(talk, Action::WarningTalk { village, year });
            let done = self.work_after(on, 40, 85);
            self.push(done, Action::Rectification { village, year });
        }
        Ok(())
    }

    fn warning_talk(&mut self, on: NaiveDate, village: usize, year: i32) -> Result<(), Full> {
        let t = self.villages[village].township;
        let note = self.rng.pick(names::TALK_NOTES).to_string();
        let organizer = self.organizer(t, on);
        self.record(
            organizer,
            w1::Command::RecordWarningTalk {
                village: self.villages[village].id.clone(),
                year,
                held_by: self.townships[t].party_secretary.clone(),
                held_on: on,
                note,
            },
        )
        .map(drop)
    }

    fn rectification(&mut self, on: NaiveDate, village: usize, year: i32) -> Result<(), Full> {
        let note = self.rng.pick(names::RECTIFICATION_NOTES).to_string();
        let organizer = self.organizer(self.villages[village].township, on);
        self.record(
            organizer,
            w1::Command::CompleteRectification {
                village: self.villages[village].id.clone(),
                year,
                completed_on: on,
                note,
            },
        )
        .map(drop)
    }

    fn change_heads(&mut self, on: NaiveDate, village: usize) -> Result<(), Full> {
        let name = person(&mut self.rng);
        let v = &mut self.villages[village];
        if self.rng.chance(50) {
            v.secretary = name;
        } else {
            v.director = name;
        }
        let cmd = MasterCommand::RecordHeads {
            village: v.id.clone(),
            secretary: v.secretary.clone(),
            director: v.director.clone(),
        };
        let organizer = self.organizer(self.villages[village].township, on);
        self.record(organizer, cmd).map(drop)
    }

    // ------------------------------------------------------------------ W4: cadres, posts

    /// A new cadre's name, gender and ethnicity: a third of the county's cadres are
    /// Mongolian, a third women.
    fn new_person(&mut self) -> (String, &'static str, &'static str) {
        let woman = self.rng.chance(32);
        let mongolian = self.rng.chance(36);
        let name = if mongolian {
            let given = if woman {
                self.rng.pick(names::MONGOLIAN_WOMEN)
            } else {
                self.rng.pick(names::MONGOLIAN_MEN)
            };
            if self.rng.chance(40) {
                format!("{}{given}", self.rng.pick(names::MONGOLIAN_SURNAMES))
            } else {
                given.to_string()
            }
        } else {
            let given = if woman {
                self.rng.pick(names::WOMEN)
            } else {
                self.rng.pick(names::MEN)
            };
            format!("{}{given}", self.rng.pick(names::SURNAMES))
        };
        let ethnicity = if mongolian {
            "蒙古族"
        } else {
            self.rng.weighted(&names::ETHNICITIES[..])
        };
        (name, if woman { "女" } else { "男" }, ethnicity)
    }

    /// A new cadre's profile on `today`: born 1970–1994, working since their early
    /// twenties, first a 科员, now in a junior post of a township or county unit, or
    /// holding the seat of `post` since the date given.
    fn new_profile(&mut self, today: NaiveDate, post: Option<(usize, NaiveDate)>) -> CadreProfile {
        let (name, gender, ethnicity) = self.new_person();
        let birth = date(
            self.rng.between(1970, 1994) as i32,
            self.rng.between(1, 12) as u32,
            self.rng.between(1, 28) as u32,
        );
        let work_start = date(birth.year() + self.rng.between(21, 24) as i32, 8, 1);
        let party_join = self.rng.chance(90).then(|| {
            let joined = date(birth.year() + self.rng.between(20, 30) as i32, 7, 1);
            joined.min(plus(today, -400))
        });
        // The current position began between 200 days and 9 years ago, a year or
        // more after starting work.
        let latest = plus(today, -200);
        let earliest = plus(work_start, 365).min(latest);
        let span = (latest - earliest).num_days().min(9 * 365);
        let since = match post {
            Some((_, since)) => since.max(earliest),
            None => plus(latest, -self.rng.between(0, span)),
        };
        let units = self.unit_names();
        let mut positions = vec![Position {
            unit: self.rng.pick(&units).clone(),
            title: "科员".into(),
            post: String::new(),
            start: work_start,
            end: Some(plus(since, -1).max(work_start)),
        }];
        positions.push(match post {
            Some((p, _)) => Position {
                unit: self.posts[p].unit.clone(),
                title: self.posts[p].title.clone(),
                post: self.posts[p].id.clone(),
                start: since,
                end: None,
            },
            None => Position {
                unit: self.rng.pick(&units).clone(),
                title: self.rng.pick(names::JUNIOR_TITLES).to_string(),
                post: String::new(),
                start: since,
                end: None,
            },
        });
        let mut grades = BTreeMap::new();
        for y in (today.year() - 3)..today.year() {
            if y > work_start.year() {
                grades.insert(y, self.annual_grade());
            }
        }
        let children = self.rng.between(0, 2) as u32;
        CadreProfile {
            name,
            gender: gender.into(),
            ethnicity: ethnicity.into(),
            birth,
            party_join,
            work_start,
            education: self.rng.weighted(&names::EDUCATION[..]).into(),
            identity: self.rng.weighted(&names::IDENTITIES[..]).into(),
            positions,
            grades,
            flags: CadreFlags {
                has_spouse: self.rng.chance(93),
                children,
                ..CadreFlags::default()
            },
        }
    }

    /// A good cadre's annual grade: 优秀 about one year in five, else 称职.
    fn annual_grade(&mut self) -> AnnualGrade {
        if self.rng.chance(22) {
            AnnualGrade::Excellent
        } else {
            AnnualGrade::Competent
        }
    }

    fn unit_names(&self) -> Vec<String> {
        self.townships
            .iter()
            .map(|t| t.name.clone())
            .chain(names::COUNTY_UNITS.iter().map(|u| u.1.to_string()))
            .collect()
    }

    /// Record a new cadre (admin), holding a seat of `post` if given; `flawed` ones
    /// had a 基本称职 year recently.
    fn new_cadre(
        &mut self,
        today: NaiveDate,
        post: Option<(usize, NaiveDate)>,
        flawed: bool,
    ) -> Result<usize, Full> {
        let mut profile = self.new_profile(today, post);
        if flawed {
            let year = today.year() - self.rng.between(1, 2) as i32;
            profile.grades.insert(year, AnnualGrade::BasicallyCompetent);
        }
        let id = format!("c-{:05}", self.cadres.len() + 1);
        self.record(
            Generator::admin(today),
            w4::Command::RecordCadre {
                cadre: id.clone(),
                profile: profile.clone(),
                supersedes: vec![],
            },
        )?;
        self.cadres.push(Cadre {
            id,
            profile,
            post: post.map(|p| p.0),
            in_case: false,
            appointed_on: None,
            retired: false,
            flawed,
        });
        let c = self.cadres.len() - 1;
        if let Some((p, _)) = post {
            self.posts[p].occupants.push(c);
        }
        Ok(c)
    }

    /// Record a new version of a cadre's profile (admin), replacing the live one.
    fn update_cadre(&mut self, today: NaiveDate, c: usize) -> Result<(), Full> {
        let id = self.cadres[c].id.clone();
        let supersedes = self
            .ledger
            .state()
            .cadre_selection
            .cadres
            .get(&id)
            .map(|v| v.live_ids())
            .unwrap_or_default();
        self.record(
            Generator::admin(today),
            w4::Command::RecordCadre {
                cadre: id,
                profile: self.cadres[c].profile.clone(),
                supersedes,
            },
        )
        .map(drop)
    }

    /// The cadre leaves the post they hold: their position ends the day before `today`.
    fn leave_post(&mut self, today: NaiveDate, c: usize) {
        let Some(p) = self.cadres[c].post.take() else {
            return;
        };
        let post_id = self.posts[p].id.clone();
        for x in &mut self.cadres[c].profile.positions {
            if x.post == post_id && x.end.is_none() {
                x.end = Some(plus(today, -1));
            }
        }
        self.posts[p].occupants.retain(|o| *o != c);
        self.posts[p].free_from = self.posts[p].free_from.max(today);
    }

    /// Record a post the first time a case needs it (admin), with its holders.
    fn record_post(&mut self, today: NaiveDate, p: usize) -> Result<(), Full> {
        let post = &self.posts[p];
        let cmd = w4::Command::RecordPost {
            post: post.id.clone(),
            unit: post.unit.clone(),
            title: post.title.clone(),
            quota: post.quota,
            supersedes: vec![],
        };
        self.record(Generator::admin(today), cmd)?;
        self.posts[p].recorded = true;
        self.posts[p].free_from = today;
        for _ in 1..self.posts[p].quota {
            let since = plus(today, -self.rng.between(300, 2_500));
            self.new_cadre(today, Some((p, since)), false)?;
        }
        Ok(())
    }

    /// Whether cadre `c` may be nominated on `today`: not in a case, not retired, not
    /// appointed within the last 13 months, none of `except` posts held.
    fn available(&self, c: usize, today: NaiveDate, except: &[usize]) -> bool {
        let x = &self.cadres[c];
        !x.in_case
            && !x.retired
            && x.appointed_on.is_none_or(|a| plus(a, 400) < today)
            && x.post.is_none_or(|p| !except.contains(&p))
    }

    /// A nominee: an available cadre already on record, or a new one.
    fn nominee(&mut self, today: NaiveDate, except: &[usize], strong: bool) -> Result<usize, Full> {
        if self.rng.chance(50) {
            let pool: Vec<usize> = (0..self.cadres.len())
                .filter(|c| {
                    self.available(*c, today, except) && !(strong && self.cadres[*c].flawed)
                })
                .collect();
            if !pool.is_empty() {
                return Ok(*self.rng.pick(&pool));
            }
        }
        let flawed = !strong && self.rng.chance(25);
        self.new_cadre(today, None, flawed)
    }

    /// `count` posts with a vacant seat on `today`, retiring holders when too few are
    /// vacant; posts not yet on record are recorded (with their holders).
    fn vacancies(&mut self, today: NaiveDate, count: usize) -> Result<Vec<usize>, Full> {
        let mut free: Vec<usize> = (0..self.posts.len())
            .filter(|p| self.posts[*p].vacant(today))
            .collect();
        while free.len() < count {
            let retirable: Vec<usize> = (0..self.cadres.len())
                .filter(|c| {
                    let x = &self.cadres[*c];
                    x.post.is_some_and(|p| !free.contains(&p))
                        && !x.in_case
                        && x.appointed_on.is_none_or(|a| plus(a, 365) < today)
                })
                .collect();
            if retirable.is_empty() {
                break;
            }
            let c = *self.rng.pick(&retirable);
            let p = self.cadres[c].post.expect("a holder");
            // Retired (or transferred out of the county) the day before.
            self.leave_post(today, c);
            self.cadres[c].retired = true;
            self.update_cadre(today, c)?;
            free.push(p);
        }
        self.rng.shuffle(&mut free);
        free.truncate(count);
        for p in &free {
            if !self.posts[*p].recorded {
                self.record_post(today, *p)?;
            }
            self.posts[*p].reserved += 1;
        }
        Ok(free)
    }

    // ------------------------------------------------------------------ W4: cases

    fn recorder(&self, case: usize, today: NaiveDate) -> Actor {
        Generator::actor(
            RECORDERS[self.cases[case].recorder],
            Role::Recorder,
            today,
            Vec::new(),
        )
    }

    fn step(
        &mut self,
        case: usize,
        today: NaiveDate,
        record: StepRecord,
    ) -> Result<Vec<Event>, Full> {
        let actor = self.recorder(case, today);
        let id = self.cases[case].id.clone();
        self.record(actor, w4::Command::Record { case: id, record })
    }

    /// Schedule a case's next gate on `on`.
    fn schedule_stage(&mut self, case: usize, on: NaiveDate, stage: Stage) -> Result<(), Full> {
        self.push(on, Action::Case { case, stage });
        Ok(())
    }

    fn post_name(&self, p: usize) -> String {
        format!("{}{}", self.posts[p].unit, self.posts[p].title)
    }

    fn open_case(&mut self, on: NaiveDate, year: i32) -> Result<(), Full> {
        let size = match self.rng.below(100) {
            0..=39 => 1,
            40..=64 => 2,
            65..=79 => 3,
            80..=89 => 4,
            90..=94 => 5,
            _ => 6,
        };
        let posts = self.vacancies(on, size)?;
        if posts.is_empty() {
            return Ok(());
        }
        let mut nominees = Vec::new();
        for _ in &posts {
            let others = self.rng.between(1, 3);
            let mut names = Vec::new();
            for k in 0..2 + others {
                let c = self.nominee(on, &posts, k < 2)?;
                self.cadres[c].in_case = true;
                names.push(c);
            }
            nominees.push(names);
        }
        let n = {
            let n = self.opened.entry(year).or_insert(0);
            *n += 1;
            *n
        };
        let id = format!("case-{year}-{n:03}");
        let fate = match (posts.len(), self.rng.below(100)) {
            (1, 0..=3) => Fate::VoteFails,
            (1, 4..=6) => Fate::ComplaintUpheld,
            (1, 7..=9) => Fate::Withdrawn,
            _ => Fate::Appointed,
        };
        let complaint = match fate {
            Fate::ComplaintUpheld => Some(true),
            _ => self.rng.chance(8).then_some(false),
        };
        let title = if posts.len() == 1 {
            format!("{}选任", self.post_name(posts[0]))
        } else {
            format!("{year}年第{n}批科级领导干部调整（{}个职位）", posts.len())
        };
        self.cases.push(Case {
            id: id.clone(),
            recorder: self.cases.len() % 2,
            posts: posts.clone(),
            nominees,
            proposed: Vec::new(),
            fate,
            complaint,
            complaint_id: String::new(),
            correct_initiation: self.rng.chance(12),
            appointed_on: None,
        });
        let case = self.cases.len() - 1;
        let recorder = self.recorder(case, on);
        self.record(
            recorder,
            w4::Command::OpenCase {
                case: id,
                title,
                posts: posts.iter().map(|p| self.posts[*p].id.clone()).collect(),
                on,
            },
        )?;
        self.step(
            case,
            on,
            StepRecord::Qualification {
                on,
                conditions: "符合《党政领导干部选拔任用工作条例》规定的任职资格，职数经核未超"
                    .into(),
            },
        )?;
        let next = self.work_after(on, 1, 2);
        self.schedule_stage(case, next, Stage::Initiation)
    }

    fn case_stage(&mut self, on: NaiveDate, case: usize, stage: Stage) -> Result<(), Full> {
        match stage {
            Stage::Initiation => self.initiation(on, case),
            Stage::Nominate => self.nominate(on, case),
            Stage::Recommend => self.recommend(on, case),
            Stage::Target => self.target(on, case),
            Stage::Inspect => self.inspect(on, case),
            Stage::Deliberate => self.deliberate(on, case),
            Stage::Consult => self.consult(on, case),
            Stage::Vote => self.vote(on, case),
            Stage::OpenPublicity => self.open_case_publicity(on, case),
            Stage::SignInitial => self.sign_off(on, case, Submission::Initial),
            Stage::Complaint => self.complaint(on, case),
            Stage::Verify => self.verify(on, case),
            Stage::ClosePublicity => self.close_publicity(on, case),
            Stage::Appoint => self.appoint(on, case),
            Stage::DiscloseSecond => self.disclose_second(on, case),
            Stage::SignSecond => self.sign_off(on, case, Submission::Second),
            Stage::Probation => self.probation(on, case),
            Stage::End(ending) => self.end_case(on, case, ending),
        }
    }

    fn initiation_record(&self, case: usize, on: NaiveDate, corrected: bool) -> StepRecord {
        let c = &self.cases[case];
        let (reason, scope) = if c.posts.len() == 1 {
            let post = &self.posts[c.posts[0]];
            (
                format!("{}{}职位空缺 1 名", post.unit, post.title),
                if corrected {
                    format!("{}及全旗同级单位科级干部", post.unit)
                } else {
                    "全旗科级干部".to_string()
                },
            )
        } else {
            (
                format!("全旗 {} 个科级领导职位空缺，需调整配备", c.posts.len()),
                if corrected {
                    "全旗科级及符合条件的副科级干部".to_string()
                } else {
                    "全旗科级干部".to_string()
                },
            )
        };
        StepRecord::Initiation {
            on,
            proposer: "旗委组织部部务会".into(),
            reason,
            scope,
            method: "民主推荐".into(),
        }
    }

    fn initiation(&mut self, on: NaiveDate, case: usize) -> Result<(), Full> {
        let record = self.initiation_record(case, on, false);
        self.step(case, on, record)?;
        let next = self.work_after(on, 2, 5);
        self.schedule_stage(case, next, Stage::Nominate)
    }

    fn nominate(&mut self, on: NaiveDate, case: usize) -> Result<(), Full> {
        if self.cases[case].correct_initiation {
            let c = &self.ledger.state().cadre_selection.cases[&self.cases[case].id];
            let (old, first_on) = c
                .live()
                .iter()
                .find(|e| e.record.form() == "initiation")
                .map(|e| (e.id.clone(), e.record.on()))
                .expect("an initiation");
            let record = self.initiation_record(case, first_on, true);
            let actor = self.recorder(case, on);
            let id = self.cases[case].id.clone();
            self.record(
                actor,
                w4::Command::Correct {
                    case: id,
                    supersedes: vec![old],
                    record,
                    reason: "动议范围表述有误，据部务会纪要原件更正".into(),
                },
            )?;
        }
        let posts = self.cases[case].posts.clone();
        for (k, p) in posts.iter().enumerate() {
            for cadre in self.cases[case].nominees[k].clone() {
                let kind = match self.rng.below(100) {
                    0..=39 => NominatorKind::Organization,
                    40..=69 => NominatorKind::UnitParty,
                    70..=84 => NominatorKind::Leader,
                    _ => NominatorKind::Named,
                };
                let first_nominator = match kind {
                    NominatorKind::Organization => "旗委组织部部长 王志远".to_string(),
                    NominatorKind::UnitParty => format!(
                        "{}党组织书记 {}",
                        self.posts[*p].unit,
                        person(&mut self.rng)
                    ),
                    NominatorKind::Leader => "旗委副书记 赵刚".to_string(),
                    NominatorKind::Named => format!("旗人大常委会副主任 {}", person(&mut self.rng)),
                };
                let named = kind == NominatorKind::Named;
                let record = StepRecord::Nomination {
                    on,
                    post: self.posts[*p].id.clone(),
                    cadre: self.cadres[cadre].id.clone(),
                    kind,
                    signature: if named {
                        first_nominator.clone()
                    } else {
                        String::new()
                    },
                    first_nominator,
                    reasons: self.rng.pick(names::NOMINATION_REASONS).to_string(),
                    strengths: self.rng.pick(names::STRENGTHS).to_string(),
                    weaknesses: self.rng.pick(names::WEAKNESSES).to_string(),
                    kinship: "无".into(),
                };
                self.step(case, on, record)?;
            }
        }
        let next = self.work_after(on, 3, 7);
        self.schedule_stage(case, next, Stage::Recommend)
    }

    fn recommend(&mut self, on: NaiveDate, case: usize) -> Result<(), Full> {
        let posts = self.cases[case].posts.clone();
        for (k, p) in posts.iter().enumerate() {
            let nominees = self.cases[case].nominees[k].clone();
            // A meeting recommendation; often an individual-talk one the same day.
            let mut kinds = vec![RecommendationKind::Meeting];
            if self.rng.chance(40) {
                kinds.push(RecommendationKind::Talk);
            }
            for kind in kinds {
                let (eligible, participants) = match kind {
                    RecommendationKind::Meeting => {
                        let eligible = self.rng.between(30, 70) as u32;
                        (eligible, eligible - self.rng.between(0, 4) as u32)
                    }
                    RecommendationKind::Talk => {
                        let eligible = self.rng.between(12, 25) as u32;
                        (eligible, eligible - self.rng.between(0, 2) as u32)
                    }
                };
                let mut votes = BTreeMap::new();
                for (i, cadre) in nominees.iter().enumerate() {
                    // The two carried get well over half the votes, the others far less.
                    let (lo, hi) = match i {
                        0 => (62, 92),
                        1 => (52, 78),
                        _ => (4, 36),
                    };
                    let share = self.rng.between(lo, hi);
                    let v = ((i64::from(participants) * share + 99) / 100) as u32;
                    votes.insert(self.cadres[*cadre].id.clone(), v.min(participants));
                }
                self.step(
                    case,
                    on,
                    StepRecord::Recommendation {
                        on,
                        post: self.posts[*p].id.clone(),
                        kind,
                        eligible,
                        participants,
                        votes,
                    },
                )?;
            }
        }
        let next = self.work_after(on, 1, 3);
        self.schedule_stage(case, next, Stage::Target)
    }

    fn target(&mut self, on: NaiveDate, case: usize) -> Result<(), Full> {
        let posts = self.cases[case].posts.clone();
        for (k, p) in posts.iter().enumerate() {
            for cadre in self.targets(case, k) {
                let record = StepRecord::Target {
                    on,
                    post: self.posts[*p].id.clone(),
                    cadre: self.cadres[cadre].id.clone(),
                };
                self.step(case, on, record)?;
            }
        }
        // The first disclosure of every target's matters, from the day they became one.
        for k in 0..posts.len() {
            for cadre in self.targets(case, k) {
                self.disclose(on, case, cadre, Round::First)?;
            }
        }
        let next = self.work_after(on, 2, 6);
        self.schedule_stage(case, next, Stage::Inspect)
    }

    fn disclose(
        &mut self,
        on: NaiveDate,
        case: usize,
        cadre: usize,
        round: Round,
    ) -> Result<(), Full> {
        let matters = self.matters();
        let actor = self.recorder(case, on);
        let id = self.cases[case].id.clone();
        self.record(
            actor,
            w4::Command::Disclose {
                case: id,
                cadre: self.cadres[cadre].id.clone(),
                round,
                start: on,
                matters,
            },
        )
        .map(drop)
    }

    fn matters(&mut self) -> PersonalMatters {
        let employment = [
            "配偶在旗第一中学任教师",
            "配偶在旗人民医院工作",
            "配偶务农",
            "配偶个体经营（餐饮）",
            "配偶在苏木卫生院工作",
        ];
        PersonalMatters {
            marriage: "已婚，无变化".into(),
            passports: if self.rng.chance(30) {
                "因私护照 1 本，由组织部集中保管".into()
            } else {
                "无".into()
            },
            trips_abroad: "无".into(),
            family_emigration: "无".into(),
            family_employment: self.rng.pick(&employment).to_string(),
            pay: format!(
                "年工资收入 {}.{} 万元",
                self.rng.between(8, 13),
                self.rng.between(0, 9)
            ),
            property: format!("住房 1 套 {} 平方米", self.rng.between(70, 140)),
            investments: if self.rng.chance(20) {
                format!("持有基金 {} 万元", self.rng.between(1, 6))
            } else {
                "无".into()
            },
            family_companies: "无".into(),
        }
    }

    fn inspect(&mut self, on: NaiveDate, case: usize) -> Result<(), Full> {
        let posts = self.cases[case].posts.clone();
        let mut proposed = Vec::new();
        for (k, p) in posts.iter().enumerate() {
            let mut best = (0, 0);
            for cadre in self.targets(case, k) {
                let mut score = || self.rng.between(76, 97) as u32;
                let scores = Dimensions {
                    character: score(),
                    ability: score(),
                    performance: score(),
                    support: score(),
                    potential: score(),
                };
                if scores.total() > best.1 {
                    best = (cadre, scores.total());
                }
                let conclusion = self.rng.pick(names::CONCLUSIONS).to_string();
                let record = StepRecord::Inspection {
                    on,
                    post: self.posts[*p].id.clone(),
                    cadre: self.cadres[cadre].id.clone(),
                    scores,
                    extended: false,
                    conclusion,
                };
                self.step(case, on, record)?;
            }
            proposed.push(best.0);
        }
        self.cases[case].proposed = proposed;
        if self.cases[case].fate == Fate::Withdrawn {
            let next = self.work_after(on, 2, 5);
            return self.schedule_stage(case, next, Stage::End(Ending::Withdrawn));
        }
        let next = self.work_after(on, 3, 8);
        self.schedule_stage(case, next, Stage::Deliberate)
    }

    fn deliberate(&mut self, on: NaiveDate, case: usize) -> Result<(), Full> {
        let c = &self.cases[case];
        let proposed: BTreeMap<String, String> = c
            .posts
            .iter()
            .zip(&c.proposed)
            .map(|(p, cadre)| (self.posts[*p].id.clone(), self.cadres[*cadre].id.clone()))
            .collect();
        let opinion = if c.posts.len() == 1 {
            format!(
                "同意{}为{}拟任人选",
                self.cadres[c.proposed[0]].profile.name,
                self.post_name(c.posts[0])
            )
        } else {
            "同意各职位拟任人选，按程序征求意见".to_string()
        };
        self.step(
            case,
            on,
            StepRecord::Deliberation {
                on,
                proposed,
                participants: "旗委书记、旗长、旗委副书记、组织部部长".into(),
                opinion,
            },
        )?;
        for cadre in self.cases[case].proposed.clone() {
            for (check, note) in CheckKind::ALL.into_iter().zip(names::CHECK_NOTES) {
                let record = StepRecord::Check {
                    on,
                    cadre: self.cadres[cadre].id.clone(),
                    check,
                    passed: true,
                    note: note.into(),
                };
                self.step(case, on, record)?;
            }
        }
        let next = self.work_after(on, 1, 4);
        self.schedule_stage(case, next, Stage::Consult)
    }

    fn consult(&mut self, on: NaiveDate, case: usize) -> Result<(), Full> {
        let bodies = Policy::default().cadre_selection.opinion_bodies;
        for cadre in self.cases[case].proposed.clone() {
            for body in &bodies {
                let record = StepRecord::Opinion {
                    on,
                    cadre: self.cadres[cadre].id.clone(),
                    body: body.clone(),
                    answer: self.rng.pick(names::OPINION_ANSWERS).to_string(),
                };
                self.step(case, on, record)?;
            }
        }
        // The vote waits for the first disclosures to have run their five working days.
        let c = &self.ledger.state().cadre_selection.cases[&self.cases[case].id];
        let disclosed = c
            .live_disclosures()
            .iter()
            .map(|d| d.end)
            .max()
            .unwrap_or(on);
        let planned = self.work_after(on, 2, 6);
        let next = self.work(planned.max(plus(disclosed, 1)));
        self.schedule_stage(case, next, Stage::Vote)
    }

    fn vote(&mut self, on: NaiveDate, case: usize) -> Result<(), Full> {
        let fails = self.cases[case].fate == Fate::VoteFails;
        let c = &self.cases[case];
        let pairs: Vec<(usize, usize)> = c
            .posts
            .iter()
            .copied()
            .zip(c.proposed.iter().copied())
            .collect();
        for (p, cadre) in pairs {
            let members = if self.rng.chance(50) { 11 } else { 13 };
            let present = members - self.rng.between(0, 2) as u32;
            let (votes_for, against) = if fails {
                (members / 2, present - members / 2 - 1)
            } else {
                let against = self.rng.between(0, 1) as u32;
                (present - against - self.rng.between(0, 1) as u32, against)
            };
            let abstain = present - votes_for - against;
            let n = self.rng.between(3, 40);
            self.step(
                case,
                on,
                StepRecord::Vote {
                    on,
                    meeting: "旗委常委会".into(),
                    post: self.posts[p].id.clone(),
                    cadre: self.cadres[cadre].id.clone(),
                    members,
                    present,
                    votes_for,
                    against,
                    abstain,
                    passed: false,
                    minutes: format!("常委会会议记录及录音（{}年第 {n} 次）", on.year()),
                },
            )?;
        }
        if fails {
            return self.schedule_stage(case, on, Stage::End(Ending::VoteFailed));
        }
        let next = self.work_after(on, 1, 1);
        self.schedule_stage(case, next, Stage::OpenPublicity)
    }

    fn open_case_publicity(&mut self, on: NaiveDate, case: usize) -> Result<(), Full> {
        let unit = self.posts[self.cases[case].posts[0]].unit.clone();
        self.step(
            case,
            on,
            StepRecord::PublicityOpened {
                on,
                end: on,
                channel: format!("扎鲁特旗党建网、{unit}公示栏"),
            },
        )?;
        let next = self.work_after(on, 1, 1);
        self.schedule_stage(case, next, Stage::SignInitial)
    }

    fn publicity_end(&self, case: usize) -> NaiveDate {
        self.ledger.state().cadre_selection.cases[&self.cases[case].id]
            .publicity()
            .expect("publicity opened")
            .1
    }

    /// The re-check by the other recorder, the four signatures and the submission.
    fn sign_off(&mut self, on: NaiveDate, case: usize, node: Submission) -> Result<(), Full> {
        let other = RECORDERS[1 - self.cases[case].recorder];
        let own = RECORDERS[self.cases[case].recorder];
        let chain = [
            (other, Role::Recorder, SignOff::Recheck),
            (own, Role::Recorder, SignOff::Recorder),
            (CADRE_CHIEF, Role::CadreChief, SignOff::CadreSectionChief),
            (
                SUPERVISION_CHIEF,
                Role::SupervisionChief,
                SignOff::SupervisionSectionChief,
            ),
            (DEPUTY_HEAD, Role::Approver, SignOff::DeputyHead),
        ];
        let id = self.cases[case].id.clone();
        for (name, role, sign) in chain {
            self.record(
                Generator::actor(name, role, on, Vec::new()),
                w4::Command::Sign {
                    case: id.clone(),
                    node,
                    sign,
                },
            )?;
        }
        self.record(
            Generator::actor(DEPUTY_HEAD, Role::Approver, on, Vec::new()),
            w4::Command::Submit { case: id, node, on },
        )?;
        if node == Submission::Second {
            let appointed = self.cases[case].appointed_on.expect("appointed");
            let due = w4::add_months(appointed, 12);
            let next = self.work_after(due, 0, 10);
            return self.schedule_stage(case, next, Stage::Probation);
        }
        match self.cases[case].complaint {
            Some(_) => {
                let next = self.work_after(on, 1, 2);
                self.schedule_stage(case, next, Stage::Complaint)
            }
            None => {
                let next = self.work(plus(self.publicity_end(case), 1));
                self.schedule_stage(case, next, Stage::ClosePublicity)
            }
        }
    }

    fn complaint(&mut self, on: NaiveDate, case: usize) -> Result<(), Full> {
        let k = self.rng.below(self.cases[case].proposed.len() as u64) as usize;
        let cadre = self.cadres[self.cases[case].proposed[k]].id.clone();
        let complainant = self.rng.pick(names::COMPLAINANTS).to_string();
        let content = self.rng.pick(names::COMPLAINTS).to_string();
        let recorded = self.step(
            case,
            on,
            StepRecord::Complaint {
                on,
                cadre,
                complainant,
                content,
            },
        )?;
        self.cases[case].complaint_id = recorded[0].id.clone();
        let next = self.work_after(on, 1, 3);
        self.schedule_stage(case, next, Stage::Verify)
    }

    fn verify(&mut self, on: NaiveDate, case: usize) -> Result<(), Full> {
        let upheld = self.cases[case].complaint == Some(true);
        let (finding, note) = if upheld {
            (Finding::Upheld, "经核查，所反映问题基本属实，影响任用")
        } else {
            (Finding::Dismissed, "经核查，所反映问题不属实，不影响任用")
        };
        self.step(
            case,
            on,
            StepRecord::ComplaintVerified {
                on,
                complaint: self.cases[case].complaint_id.clone(),
                finding,
                note: note.into(),
            },
        )?;
        let next = self.work(plus(self.publicity_end(case), 1).max(on));
        self.schedule_stage(case, next, Stage::ClosePublicity)
    }

    fn close_publicity(&mut self, on: NaiveDate, case: usize) -> Result<(), Full> {
        let result = match self.cases[case].complaint {
            None => "公示期满，无影响任用的问题",
            Some(false) => "公示期间收到举报 1 件，经核查不属实，不影响任用",
            Some(true) => "公示期间收到举报 1 件，经核查属实，影响任用",
        };
        self.step(
            case,
            on,
            StepRecord::PublicityClosed {
                on,
                result: result.into(),
            },
        )?;
        if self.cases[case].complaint == Some(true) {
            return self.schedule_stage(case, on, Stage::End(Ending::ComplaintUpheld));
        }
        let next = self.work_after(on, 0, 3);
        self.schedule_stage(case, next, Stage::Appoint)
    }

    fn appoint(&mut self, on: NaiveDate, case: usize) -> Result<(), Full> {
        let c = &self.cases[case];
        let pairs: Vec<(usize, usize)> = c
            .posts
            .iter()
            .copied()
            .zip(c.proposed.iter().copied())
            .collect();
        let n = {
            let n = self.documents.entry(on.year()).or_insert(0);
            *n += 1;
            *n
        };
        let document = format!("扎党任〔{}〕{} 号", on.year(), n);
        for (p, cadre) in &pairs {
            self.step(
                case,
                on,
                StepRecord::Appointment {
                    on,
                    post: self.posts[*p].id.clone(),
                    cadre: self.cadres[*cadre].id.clone(),
                    document: document.clone(),
                },
            )?;
        }
        self.cases[case].appointed_on = Some(on);
        self.release_nominees(case);
        // The administrator updates each appointee's positions (任职经历) and grades.
        for (p, cadre) in pairs {
            self.leave_post(on, cadre);
            for x in &mut self.cadres[cadre].profile.positions {
                if x.end.is_none() {
                    x.end = Some(plus(on, -1));
                }
            }
            let position = Position {
                unit: self.posts[p].unit.clone(),
                title: self.posts[p].title.clone(),
                post: self.posts[p].id.clone(),
                start: on,
                end: None,
            };
            for y in (on.year() - 3)..on.year() {
                let profile = &self.cadres[cadre].profile;
                if !profile.grades.contains_key(&y) && y > profile.work_start.year() {
                    let g = self.annual_grade();
                    self.cadres[cadre].profile.grades.insert(y, g);
                }
            }
            let x = &mut self.cadres[cadre];
            x.profile.positions.push(position);
            x.post = Some(p);
            x.appointed_on = Some(on);
            self.posts[p].occupants.push(cadre);
            self.posts[p].reserved -= 1;
            self.update_cadre(on, cadre)?;
        }
        let next = self.work_after(on, 1, 3);
        self.schedule_stage(case, next, Stage::DiscloseSecond)
    }

    /// The two inspection targets of a case's `k`th post: its two strong nominees.
    fn targets(&self, case: usize, k: usize) -> [usize; 2] {
        let nominees = &self.cases[case].nominees[k];
        [nominees[0], nominees[1]]
    }

    fn release_nominees(&mut self, case: usize) {
        for names in self.cases[case].nominees.clone() {
            for c in names {
                self.cadres[c].in_case = false;
            }
        }
    }

    fn disclose_second(&mut self, on: NaiveDate, case: usize) -> Result<(), Full> {
        for cadre in self.cases[case].proposed.clone() {
            self.disclose(on, case, cadre, Round::Second)?;
        }
        let next = self.work_after(on, 1, 4);
        self.schedule_stage(case, next, Stage::SignSecond)
    }

    fn probation(&mut self, on: NaiveDate, case: usize) -> Result<(), Full> {
        for cadre in self.cases[case].proposed.clone() {
            let confirmed = self.rng.chance(97);
            let note = if confirmed {
                "试用期满考核称职，予以转正"
            } else {
                "试用期满考核不称职，不予转正，按原职级安排工作"
            };
            self.step(
                case,
                on,
                StepRecord::ProbationEnded {
                    on,
                    cadre: self.cadres[cadre].id.clone(),
                    confirmed,
                    note: note.into(),
                },
            )?;
            if !confirmed {
                let unit = self.cadres[cadre]
                    .post
                    .map(|p| self.posts[p].unit.clone())
                    .unwrap_or_default();
                self.leave_post(plus(on, 1), cadre);
                self.cadres[cadre].profile.positions.push(Position {
                    unit,
                    title: "四级主任科员".into(),
                    post: String::new(),
                    start: on,
                    end: None,
                });
                self.update_cadre(on, cadre)?;
            }
        }
        Ok(())
    }

    fn end_case(&mut self, on: NaiveDate, case: usize, ending: Ending) -> Result<(), Full> {
        let reason = match ending {
            Ending::VoteFailed => "常委会表决未获应到会成员半数以上同意，事项终止",
            Ending::ComplaintUpheld => "任前公示期间举报经核实属实，影响任用，事项终止",
            _ => "拟任人选因个人原因申请退出，经部务会研究，事项终止",
        };
        let actor = self.recorder(case, on);
        let id = self.cases[case].id.clone();
        self.record(
            actor,
            w4::Command::EndCase {
                case: id,
                on,
                ending,
                reason: reason.into(),
            },
        )?;
        self.release_nominees(case);
        for p in self.cases[case].posts.clone() {
            self.posts[p].reserved -= 1;
        }
        Ok(())
    }
}

/// The policy changes of the history, by the year whose plan schedules them:
/// (recorded on, effective from, policy). From 2024 performance pay rises (优秀 4,500,
/// 基本合格 2,500); from 2026 scores are whole points only.
fn policy_change(year: i32) -> Option<(NaiveDate, NaiveDate, Policy)> {
    let raised = Policy {
        pay_excellent: 4_500,
        pay_basic: 2_500,
        ..Policy::default()
    };
    match year {
        2023 => Some((date(2023, 12, 27), date(2024, 1, 1), raised)),
        2025 => Some((
            date(2025, 12, 24),
            date(2026, 1, 1),
            Policy {
                half_points: false,
                ..raised
            },
        )),
        _ => None,
    }
}

/// A person's name: two thirds Han (surname and given name), one third Mongolian.
fn person(rng: &mut Rng) -> String {
    let woman = rng.chance(40);
    if rng.chance(33) {
        let given = if woman {
            rng.pick(names::MONGOLIAN_WOMEN)
        } else {
            rng.pick(names::MONGOLIAN_MEN)
        };
        if rng.chance(40) {
            return format!("{}{given}", rng.pick(names::MONGOLIAN_SURNAMES));
        }
        return given.to_string();
    }
    let given = if woman {
        rng.pick(names::WOMEN)
    } else {
        rng.pick(names::MEN)
    };
    format!("{}{given}", rng.pick(names::SURNAMES))
}

/// The name in "考核组 赵志刚": the part after the last space.
fn person_of(label: &str) -> &str {
    label.rsplit(' ').next().unwrap_or(label)
}

fn townships(rng: &mut Rng) -> Vec<Township> {
    names::TOWNSHIPS
        .iter()
        .enumerate()
        .map(|(i, (id, name))| Township {
            id: id.to_string(),
            name: name.to_string(),
            pastoral: name.ends_with("苏木"),
            organizer: format!("{name}组织委员 {}", person(rng)),
            assessors: [
                format!("考核组 {}", person(rng)),
                format!("考核组 {}", person(rng)),
            ],
            party_secretary: format!("{name}党委书记 {}", person(rng)),
            villages: Vec::new(),
            offset: (i % 5) as i64,
        })
        .collect()
}

/// 206 villages: 14 in each of the first 11 townships, 13 in the last 4.
fn villages(rng: &mut Rng, townships: &[Township]) -> Vec<Village> {
    let mut out = Vec::new();
    for (t, township) in townships.iter().enumerate() {
        let count = if t < 11 { 14 } else { 13 };
        let short = township.id.trim_start_matches("t-");
        for k in 0..count {
            let quality = match rng.below(100) {
                0..=4 => rng.between(450, 570),
                5..=74 => rng.between(620, 880),
                _ => rng.between(880, 975),
            };
            let name = loop {
                let name = village_name(rng, township.pastoral);
                if !out
                    .iter()
                    .any(|v: &Village| v.township == t && v.name == name)
                {
                    break name;
                }
            };
            out.push(Village {
                id: format!("v-{short}-{:02}", k + 1),
                name,
                township: t,
                secretary: person(rng),
                director: person(rng),
                quality,
            });
        }
    }
    out
}

/// A village's name: a 嘎查 (Mongolian place words) in a pastoral township and in a
/// third of the farming ones' villages, else a 村.
fn village_name(rng: &mut Rng, pastoral: bool) -> String {
    if pastoral || rng.chance(33) {
        format!(
            "{}{}嘎查",
            rng.pick(names::GACHA_HEADS),
            rng.pick(names::GACHA_TAILS)
        )
    } else {
        format!(
            "{}{}村",
            rng.pick(names::VILLAGE_HEADS),
            rng.pick(names::VILLAGE_TAILS)
        )
    }
}

/// The county's leading posts: each township's ten, then each county unit's head and
/// deputies.
fn posts(townships: &[Township]) -> Vec<Post> {
    let mut out = Vec::new();
    for t in townships {
        let short = t.id.trim_start_matches("t-");
        for (code, town_title, sumu_title, quota) in names::TOWNSHIP_POSTS {
            out.push(Post {
                id: format!("p-{short}-{code}"),
                unit: t.name.clone(),
                title: if t.pastoral { sumu_title } else { town_title }.into(),
                quota,
                recorded: false,
                occupants: Vec::new(),
                reserved: 0,
                free_from: first_day(),
            });
        }
    }
    for (code, unit) in names::COUNTY_UNITS {
        let (head, deputy) = if ["委员会", "中心", "联合社", "办公室"]
            .iter()
            .any(|e| unit.ends_with(e))
        {
            ("主任", "副主任")
        } else if unit.ends_with('部') {
            ("常务副部长", "副部长")
        } else {
            ("局长", "副局长")
        };
        for (suffix, title, quota) in [("zz", head, 1), ("fz", deputy, 4)] {
            out.push(Post {
                id: format!("p-{code}-{suffix}"),
                unit: unit.into(),
                title: title.into(),
                quota,
                recorded: false,
                occupants: Vec::new(),
                reserved: 0,
                free_from: first_day(),
            });
        }
    }
    out
}
