//! Shared fixture for the native integration tests: the township 乌力吉木仁苏木 with
//! four villages whose populations sit on the base-pay band boundaries, their heads,
//! the 2026 indicator set, and a `Device` that records commands through a `Ledger`
//! over a `MemoryStore` the way a phone does.
#![allow(dead_code)]

use jishi::domain::master_decide::Command as MasterCommand;
use jishi::domain::workflows::VillagePayEvent;
use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use jishi::domain::command::Command as AnyCommand;
use jishi::domain::event::{Event, Role};
use jishi::domain::state::{Actor, State};
use jishi::domain::village_pay::{Command, Indicator, Period, VillageResult};
use jishi::store::{Ledger, MemoryStore, RecordError};

/// 乌力吉木仁苏木 (扎鲁特旗).
pub const TOWNSHIP: &str = "t-wljmr";
pub const TOWNSHIP_NAME: &str = "乌力吉木仁苏木";

/// 800 people: base pay 7,000.
pub const SMALL: &str = "v-bymh";
/// 1,000 people: base pay 8,000.
pub const MID: &str = "v-wlhd";
/// 2,999 people: base pay 8,000.
pub const UPPER: &str = "v-byh";
/// 3,000 people: base pay 9,000.
pub const LARGE: &str = "v-wljm";

/// (id, name, population, 书记, 主任)
pub const VILLAGES: [(&str, &str, u32, &str, &str); 4] = [
    (SMALL, "巴彦芒哈嘎查", 800, "包金山", "白玉兰"),
    (MID, "乌兰哈达嘎查", 1_000, "韩宝音", "吴桂芝"),
    (UPPER, "白音花嘎查", 2_999, "孟根", "陈淑华"),
    (LARGE, "乌力吉木仁嘎查", 3_000, "其木格", "刘建国"),
];

pub const ALL_VILLAGES: [&str; 4] = [SMALL, MID, UPPER, LARGE];

pub const ADMIN: &str = "旗委组织部 张卫东";
pub const ORGANIZER: &str = "苏木组织委员 王丽娜";
pub const ASSESSOR: &str = "考核组 赵志刚";
pub const HEAD: &str = "包金山";

/// The name acting in a role.
pub fn name_of(role: Role) -> &'static str {
    match role {
        Role::Admin => ADMIN,
        Role::Organizer => ORGANIZER,
        Role::Assessor => ASSESSOR,
        Role::VillageHead => HEAD,
        Role::Recorder => "记录人 周静",
        Role::Reviewer => "干部科 刘敏",
        Role::CadreChief => "干部科科长 马强",
        Role::SupervisionChief => "干部监督科科长 孙丽",
        Role::Approver => "分管副部长 高峰",
        Role::UnitLeader => "单位负责人 李建华",
        Role::Cadre => "王建军",
        Role::Auditor => "审计局 刘辉",
    }
}

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

/// `date + days`.
pub fn plus(date: NaiveDate, days: i64) -> NaiveDate {
    date + chrono::Duration::days(days)
}

pub fn actor(role: Role, today: NaiveDate) -> Actor {
    Actor {
        name: name_of(role).to_string(),
        role,
        today,
        townships: Vec::new(),
    }
}

/// 10:00 Beijing time on `date`, as UTC milliseconds.
pub fn beijing_ms(date: NaiveDate) -> i64 {
    let local: NaiveDateTime = date.and_hms_opt(10, 0, 0).expect("valid time");
    local.and_utc().timestamp_millis() - 8 * 3600 * 1000
}

/// The 2026 assessment content of 乌力吉木仁苏木: five indicators, 100 points in all.
pub fn indicators_2026() -> Vec<Indicator> {
    [
        ("dj", "党建引领", 30),
        ("cy", "产业发展", 25),
        ("zl", "基层治理", 20),
        ("ms", "民生服务", 15),
        ("zf", "作风建设", 10),
    ]
    .into_iter()
    .map(|(id, name, points)| Indicator {
        id: id.into(),
        name: name.into(),
        max_halves: points * 2,
        weight: None,
    })
    .collect()
}

/// Scores (in half points) adding up to `points` out of the 100-point 2026 set,
/// spread in proportion to each indicator's maximum. `points` must be a multiple of 0.5.
pub fn scores_of(points: f64) -> BTreeMap<String, u32> {
    let total = (points * 2.0).round() as u32;
    assert!(
        f64::from(total) == points * 2.0 && total <= 200,
        "{points} is not a valid 100-point score"
    );
    let set = indicators_2026();
    let mut out: BTreeMap<String, u32> = set
        .iter()
        .map(|i| (i.id.clone(), i.max_halves * total / 200))
        .collect();
    let mut rest = total - out.values().sum::<u32>();
    for i in &set {
        let s = out.get_mut(&i.id).expect("present");
        while rest > 0 && *s < i.max_halves {
            *s += 1;
            rest -= 1;
        }
    }
    out
}

/// Explicit scores in half points.
pub fn halves(pairs: &[(&str, u32)]) -> BTreeMap<String, u32> {
    pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

/// (assessed on, publicity starts) for a quarter; the annual assessment is on 12-20.
pub fn quarter_dates(year: i32, period: Period) -> (NaiveDate, NaiveDate) {
    match period {
        Period::Q1 => (d(year, 3, 25), d(year, 3, 26)),
        Period::Q2 => (d(year, 6, 25), d(year, 6, 26)),
        Period::Q3 => (d(year, 9, 25), d(year, 9, 26)),
        Period::Q4 => (d(year, 12, 10), d(year, 12, 11)),
        Period::Annual => (d(year, 12, 20), d(year, 12, 20)),
    }
}

/// The usual grading date of a year's results.
pub fn grading_day(year: i32) -> NaiveDate {
    d(year, 12, 28)
}

/// The stable code of a refused command; panics if it was accepted or failed in storage.
pub fn code<T: std::fmt::Debug>(r: Result<T, RecordError>) -> &'static str {
    match r {
        Err(RecordError::Rule(v)) => v.code,
        other => panic!("expected a rule violation, got {other:?}"),
    }
}

/// One village's result in a grading.
pub fn result_of<'a>(results: &'a [VillageResult], village: &str) -> &'a VillageResult {
    results
        .iter()
        .find(|r| r.village == village)
        .unwrap_or_else(|| panic!("{village} was not graded"))
}

/// A phone: a ledger over an in-memory store, with its own clock and id randomness.
pub struct Device {
    pub ledger: Ledger<MemoryStore>,
    clock: i64,
    rng: u64,
}

impl Device {
    pub fn new(device: &str) -> Device {
        Device::with_store(MemoryStore::default(), device)
    }

    pub fn with_store(store: MemoryStore, device: &str) -> Device {
        // A per-device seed so two devices never mint the same ids.
        let seed = device.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
        });
        Device {
            ledger: Ledger::open(store, device),
            clock: 0,
            rng: seed | 1,
        }
    }

    pub fn state(&self) -> &State {
        self.ledger.state()
    }

    pub fn events(&self) -> Vec<Event> {
        self.ledger.events().to_vec()
    }

    /// Record `cmd` as `role`, acting on Beijing date `on` (which is also "today").
    pub fn run(
        &mut self,
        role: Role,
        on: NaiveDate,
        cmd: impl Into<AnyCommand>,
    ) -> Result<Vec<Event>, RecordError> {
        self.clock = (self.clock + 1_000).max(beijing_ms(on));
        let now = self.clock;
        let rng = &mut self.rng;
        let mut next = move || {
            *rng ^= *rng << 13;
            *rng ^= *rng >> 7;
            *rng ^= *rng << 17;
            *rng
        };
        self.ledger.record(cmd, &actor(role, on), now, &mut next)
    }

    /// Record `cmd` as the named person in `role` on `on`.
    pub fn run_as(
        &mut self,
        name: &str,
        role: Role,
        on: NaiveDate,
        cmd: impl Into<AnyCommand>,
    ) -> Result<Vec<Event>, RecordError> {
        self.clock = (self.clock + 1_000).max(beijing_ms(on));
        let now = self.clock;
        let rng = &mut self.rng;
        let mut next = move || {
            *rng ^= *rng << 13;
            *rng ^= *rng >> 7;
            *rng ^= *rng << 17;
            *rng
        };
        let who = Actor {
            name: name.to_string(),
            role,
            today: on,
            townships: Vec::new(),
        };
        self.ledger.record(cmd, &who, now, &mut next)
    }

    /// Record a command that must be accepted.
    pub fn ok(
        &mut self,
        role: Role,
        on: NaiveDate,
        cmd: impl Into<AnyCommand> + std::fmt::Debug,
    ) -> Vec<Event> {
        let what = format!("{cmd:?}");
        self.run(role, on, cmd)
            .unwrap_or_else(|e| panic!("{what} was refused: {}", e.message(false)))
    }

    /// Record a command that must be refused; returns the violation's code.
    pub fn refused(
        &mut self,
        role: Role,
        on: NaiveDate,
        cmd: impl Into<AnyCommand>,
    ) -> &'static str {
        code(self.run(role, on, cmd))
    }

    /// Send every event this device holds to `other` (a sync in one direction).
    pub fn send_to(&self, other: &mut Device) -> usize {
        other
            .ledger
            .receive(self.events())
            .expect("receiving device has room")
            .added
    }

    /// Master data of 乌力吉木仁苏木: the township, four villages, their heads.
    pub fn master_data(&mut self) {
        let on = d(2025, 1, 6);
        self.ok(
            Role::Admin,
            on,
            MasterCommand::RecordTownship {
                township: TOWNSHIP.into(),
                name: TOWNSHIP_NAME.into(),
            },
        );
        for (id, name, population, secretary, director) in VILLAGES {
            let recorded = self.ok(
                Role::Admin,
                on,
                MasterCommand::RecordVillage {
                    village: id.into(),
                    township: TOWNSHIP.into(),
                    name: name.into(),
                    population,
                    secretary: secretary.into(),
                    director: director.into(),
                },
            );
            assert_eq!(recorded.len(), 2, "the village and its heads");
        }
    }

    /// Publish an indicator set for the township's year.
    pub fn publish(&mut self, year: i32, indicators: Vec<Indicator>) -> Vec<Event> {
        self.ok(
            Role::Organizer,
            d(year, 1, 15),
            Command::PublishIndicators {
                township: TOWNSHIP.into(),
                year,
                indicators,
            },
        )
    }

    /// Master data plus the 2026 indicator set.
    pub fn township_2026(&mut self) {
        self.master_data();
        self.publish(2026, indicators_2026());
    }

    /// An assessor submits scores for a period on its usual date.
    pub fn submit(
        &mut self,
        village: &str,
        year: i32,
        period: Period,
        scores: BTreeMap<String, u32>,
    ) -> Vec<Event> {
        let (assessed_on, _) = quarter_dates(year, period);
        self.ok(
            Role::Assessor,
            assessed_on,
            submit_cmd(village, year, period, scores),
        )
    }

    /// Open the publicity of a quarter on its usual date.
    pub fn open_publicity(&mut self, village: &str, year: i32, period: Period) -> NaiveDate {
        let (_, start) = quarter_dates(year, period);
        self.ok(
            Role::Organizer,
            start,
            Command::OpenPublicity {
                village: village.into(),
                year,
                period,
                start,
            },
        );
        start
    }

    /// Finalize a quarter on the first day after its 7-day publicity.
    pub fn finalize(&mut self, village: &str, year: i32, period: Period) {
        let (_, start) = quarter_dates(year, period);
        let on = plus(start, 7);
        self.ok(
            Role::Organizer,
            on,
            Command::Finalize {
                village: village.into(),
                year,
                period,
                on,
            },
        );
    }

    /// Submit, publicize for 7 days and finalize a quarter.
    pub fn final_quarter_with(
        &mut self,
        village: &str,
        year: i32,
        period: Period,
        scores: BTreeMap<String, u32>,
    ) {
        self.submit(village, year, period, scores);
        self.open_publicity(village, year, period);
        self.finalize(village, year, period);
    }

    /// A finalized quarter of the 100-point 2026 set.
    pub fn final_quarter(&mut self, village: &str, period: Period, points: f64) {
        self.final_quarter_with(village, 2026, period, scores_of(points));
    }

    /// A 2026 year: the given quarters (None = not assessed) finalized, plus the annual score.
    pub fn year_2026(&mut self, village: &str, quarters: [Option<f64>; 4], annual: f64) {
        for (p, q) in Period::QUARTERS.into_iter().zip(quarters) {
            if let Some(points) = q {
                self.final_quarter(village, p, points);
            }
        }
        self.submit(village, 2026, Period::Annual, scores_of(annual));
    }

    /// A 2026 year with the same score in every quarter and the annual assessment.
    pub fn flat_2026(&mut self, village: &str, points: f64) {
        self.year_2026(village, [Some(points); 4], points);
    }

    /// Grade the township's year; returns the results.
    pub fn grade(&mut self, year: i32, on: NaiveDate, reason: &str) -> Vec<VillageResult> {
        let events = self.ok(
            Role::Organizer,
            on,
            Command::Grade {
                township: TOWNSHIP.into(),
                year,
                on,
                reason: reason.into(),
            },
        );
        match &events[0].body {
            jishi::domain::EventBody::VillagePay(VillagePayEvent::TownshipGraded {
                results,
                ..
            }) => results.clone(),
            other => panic!("grading recorded {other:?}"),
        }
    }
}

pub fn submit_cmd(
    village: &str,
    year: i32,
    period: Period,
    scores: BTreeMap<String, u32>,
) -> Command {
    let (assessed_on, _) = quarter_dates(year, period);
    Command::SubmitScores {
        village: village.into(),
        year,
        period,
        scores,
        assessor: ASSESSOR.into(),
        assessed_on,
        note: "入村实地查验".into(),
    }
}
pub mod assessment;
pub mod cadre;
pub mod career;
pub mod cluster;
pub mod csv_read;
pub mod heads;
pub mod rng;

/// The four 嘎查 graded for 2026 with flat scores 95, 75, 65 and 50: the smallest fails.
pub fn graded_with_small_failing() -> Device {
    let mut dev = Device::new("phone-a");
    dev.township_2026();
    dev.flat_2026(LARGE, 95.0);
    dev.flat_2026(UPPER, 75.0);
    dev.flat_2026(MID, 65.0);
    dev.flat_2026(SMALL, 50.0);
    dev.grade(2026, grading_day(2026), "");
    dev
}

/// A phone holding the golden corpus (`tests/golden`): a W1 year recorded on two phones
/// and a whole W4 case, imported as backups.
pub fn golden_phone(device: &str) -> Ledger<MemoryStore> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut ledger = Ledger::open(MemoryStore::default(), device);
    for f in ["village_pay.json", "cadre_selection.json"] {
        let text = std::fs::read_to_string(dir.join(f)).expect("golden corpus");
        ledger.import(&text).expect("imports");
    }
    ledger
}
