//! 一年一评、一年一聘: who holds 事业 pay in a year, whether their appointment was
//! renewed for it, what in the records calls for ending it (a W1 不合格 grade of the
//! year before, leaving office, death), its end on one of the policy's stated conditions,
//! and the months and yuan it pays in a year.
//!
//! A certificate covers the year its pay starts in; each later year needs a renewal
//! (recorded in that year or in the autumn before it). A renewal is refused while the
//! records call for an end; an end names its condition and the first day not paid. A
//! month is paid when the pay runs on the policy's day of it (the 15th by default).

use chrono::{Datelike, NaiveDate};

use super::decide::{day_ok, new_or_correction, refuse, text_required};
use super::event::CareerPayEvent;
use super::policy::CareerPayPolicy;
use super::rules::failed_years;
use super::state::{standing, Certificate, Standing, Termination};
use crate::domain::screen::t;
use crate::domain::{RuleViolation, State};

/// One person's 事业 pay: their settled certificate and its end, if any.
#[derive(Clone, Copy, Debug)]
pub struct Holding<'a> {
    /// The application it was granted on.
    pub application: &'a str,
    /// The certificate.
    pub certificate: &'a Certificate,
    /// Its end, as recorded.
    pub end: Standing<'a, Termination>,
    /// The first day not paid: the end's, or the latest two versions of it name.
    ends_on: Option<NaiveDate>,
    /// Whether every live version of its end names the same day.
    ends_agree: bool,
}

impl Holding<'_> {
    /// The first day not paid (`None`: runs on); of two versions of its end naming
    /// different days, the later (paid until settled, the sheet saying so).
    pub fn pay_ends(&self) -> Option<NaiveDate> {
        self.ends_on
    }

    /// Whether its end is recorded two ways naming different days.
    pub fn end_unsettled(&self) -> bool {
        !self.ends_agree
    }

    /// Whether an end stops the pay in `year` or before: that year's months are the
    /// end's, no renewal is asked for it (nor allowed after).
    pub fn ended_by(&self, year: i32) -> bool {
        self.ends_on.is_some_and(|day| day.year() <= year)
    }

    /// Whether `year` needs nothing more: covered, or decided by an end.
    pub fn settled_for(&self, state: &State, year: i32) -> bool {
        self.covered(state, year) || self.ended_by(year)
    }

    /// The year of its end (of the day pay stops, or of the decision if later), if one is
    /// recorded one way.
    pub fn end_year(&self) -> Option<i32> {
        match self.end {
            Standing::One(e) => Some(e.pay_ends.year().max(e.on.year())),
            _ => None,
        }
    }

    /// Whether an end is recorded (one way or two).
    pub fn ended(&self) -> bool {
        !matches!(self.end, Standing::None)
    }

    /// Whether it pays on some day of `year`.
    pub fn runs_in(&self, year: i32) -> bool {
        let first = NaiveDate::from_ymd_opt(year, 1, 1);
        let next = year
            .checked_add(1)
            .and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1));
        let (Some(first), Some(next)) = (first, next) else {
            return false;
        };
        let (from, until) = (self.certificate.pay_from, self.pay_ends());
        let until = until.unwrap_or(NaiveDate::MAX);
        from < next && until > first && from < until
    }

    /// Whether `year` is covered: by the certificate (its first year) or a renewal.
    pub fn covered(&self, state: &State, year: i32) -> bool {
        self.certificate.pay_from.year() >= year
            || state
                .career_pay
                .renewals
                .contains_key(&(self.application.to_string(), year))
    }
}

/// Every person whose certificate is settled (one version), by name.
pub fn holdings(state: &State) -> Vec<Holding<'_>> {
    let career = &state.career_pay;
    let mut out: Vec<Holding> = career
        .certificates
        .iter()
        .filter_map(|(app, versions)| match standing(Some(versions)) {
            Standing::One(certificate) => {
                let ends = career.terminations.get(app);
                Some(Holding {
                    application: app,
                    certificate,
                    end: standing(ends),
                    ends_on: last_end(ends),
                    ends_agree: ends_agree(ends),
                })
            }
            _ => None,
        })
        .collect();
    let key = |h: &Holding<'_>| (h.certificate.chosen.name.clone(), h.application.to_string());
    crate::domain::sorting::sort_by(&mut out, |a, b| key(a).cmp(&key(b)));
    out
}

type Ends = crate::domain::versions::Versions<Termination>;

/// The latest day pay stops by an end's live versions.
fn last_end(ends: Option<&Ends>) -> Option<NaiveDate> {
    ends?.live().iter().map(|v| v.value.pay_ends).max()
}

/// Whether an end's live versions all name the same day (none: they do).
fn ends_agree(ends: Option<&Ends>) -> bool {
    let days = ends.map(|v| v.live()).unwrap_or_default();
    days.windows(2)
        .all(|w| w[0].value.pay_ends == w[1].value.pay_ends)
}

/// The day a review of `year` is looked at: today, within the year (its first day when
/// the year is still ahead, its last when past).
pub fn review_day(year: i32, today: NaiveDate) -> NaiveDate {
    let first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(today);
    let last = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(today);
    today.clamp(first, last)
}

/// Certificates recorded two ways on two phones that would pay in `year` or before (they
/// pay nothing until settled).
pub fn unsettled_certificates(state: &State, year: i32) -> usize {
    let certs = state
        .career_pay
        .certificates
        .values()
        .filter(|v| v.conflicted());
    let by_then = |v: &&crate::domain::versions::Versions<Certificate>| {
        v.live().iter().any(|c| c.value.pay_from.year() <= year)
    };
    certs.filter(by_then).count()
}

/// The certificate `person` holds on `on` whose pay has not ended by then, if any.
pub fn holding_of<'a>(state: &'a State, person: &str, on: NaiveDate) -> Option<Holding<'a>> {
    let running = |h: &Holding| h.pay_ends().is_none_or(|end| end > on);
    holdings(state)
        .into_iter()
        .find(|h| h.certificate.chosen.person == person && running(h))
}

/// What in the records calls for ending `h`'s pay at the review of `year` held on
/// `on`: a W1 不合格 grade of the year before, or no 正职 post held on `on` (left office,
/// died). Empty: nothing does.
pub fn end_calls(state: &State, h: &Holding, year: i32, on: NaiveDate, zh: bool) -> Vec<String> {
    let Some(person) = state.village_heads.person(&h.certificate.chosen.person) else {
        return Vec::new();
    };
    let mut out: Vec<String> = failed_years(state, &person.tenures, year, 1)
        .into_iter()
        .map(|(y, village)| match zh {
            true => format!("{y}年{village}考评为不合格"),
            false => format!("{village} was graded Fail in {y}"),
        })
        .collect();
    if let Some(left) = person.left_before(on) {
        let reason = person
            .tenures
            .iter()
            .find(|(_, t)| t.end == Some(left))
            .and_then(|(_, t)| t.end_reason)
            .map(|r| r.label(zh))
            .unwrap_or_default();
        out.push(match (zh, reason.is_empty()) {
            (true, true) => format!("{left}已离任"),
            (true, false) => format!("{left}已离任（{reason}）"),
            (false, true) => format!("left office on {left}"),
            (false, false) => format!("left office on {left} ({reason})"),
        });
    }
    out
}

/// One holder's 事业 pay in a year, for the pay sheet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YearPay {
    /// The person (`village_heads`).
    pub person: String,
    /// Their name.
    pub name: String,
    /// Their village (id).
    pub village: String,
    /// Its township now (id; the certificate's if the village is unknown).
    pub township: String,
    /// Months paid.
    pub months: u32,
    /// Whole yuan.
    pub yuan: u32,
    /// What the amount rests on ("12个月", "未续聘").
    pub note: String,
    /// Whether an end of the pay is recorded (its months are the end's).
    pub ended: bool,
}

/// Every holder's 事业 pay in `year` with the policy of that year, and why it may still
/// change (a year not renewed yet, an end or a certificate recorded two ways).
pub fn year_pay(
    state: &State,
    year: i32,
    policy: &CareerPayPolicy,
    zh: bool,
) -> (Vec<YearPay>, Vec<String>) {
    let mut lines = Vec::new();
    let (mut unrenewed, mut conflicts) = (false, unsettled_certificates(state, year) > 0);
    for h in holdings(state).into_iter().filter(|h| h.runs_in(year)) {
        conflicts |= h.end_unsettled();
        let months = policy.paid_months(year, h.certificate.pay_from, h.pay_ends());
        if months == 0 {
            continue;
        }
        // A recorded end decides the year's months: no renewal is asked for them.
        let covered = h.settled_for(state, year);
        unrenewed |= !covered;
        let c = &h.certificate.chosen;
        let township = state
            .master
            .villages
            .get(&c.village)
            .map_or_else(|| c.township.clone(), |v| v.township.clone());
        let mut note = match zh {
            true => format!("选聘事业待遇{months}个月"),
            false => format!("public-institution pay, {months} months"),
        };
        if !covered {
            note += &t(zh, "（当年未续聘）", " (not renewed for the year)");
        }
        lines.push(YearPay {
            person: c.person.clone(),
            name: c.name.clone(),
            village: c.village.clone(),
            township,
            months,
            yuan: u32::try_from(policy.pay_for(months)).unwrap_or(u32::MAX),
            note,
            ended: h.ended(),
        });
    }
    let mut people: Vec<&str> = lines.iter().map(|l: &YearPay| l.person.as_str()).collect();
    crate::domain::sorting::sort(&mut people);
    let twice = people.windows(2).any(|w| w[0] == w[1]);
    let said = [
        (
            twice,
            (
                "有人持有两份选聘证书，请核对",
                "Someone holds two certificates: check",
            ),
        ),
        (
            unrenewed,
            (
                "有享受事业待遇的人员当年尚未续聘评定",
                "Someone's public-institution pay is not renewed for the year yet",
            ),
        ),
        (
            conflicts,
            (
                "有选聘证书或待遇终止在两部手机上记录不一致，待核对",
                "A certificate or an end of pay differs between two phones: to review",
            ),
        ),
    ];
    let notes = said
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, (z, e))| t(zh, z, e))
        .collect();
    (lines, notes)
}

fn why(code: &'static str, zh: String, en: String) -> RuleViolation {
    RuleViolation::new(code, zh, en)
}

/// Why `application` may not be renewed for `year` on `on` (`None`: it may).
pub fn renewal_refusal(
    state: &State,
    application: &str,
    year: i32,
    on: NaiveDate,
) -> Option<RuleViolation> {
    let holding = holdings(state)
        .into_iter()
        .find(|h| h.application == application);
    let Some(h) = holding else {
        return Some(why(
            "career.no_certificate",
            "该人员没有有效的选聘证书".into(),
            "This person holds no settled certificate".into(),
        ));
    };
    if let Some(day) = h.pay_ends().filter(|_| h.ended_by(year)) {
        return Some(why(
            "career.ended",
            format!("该人员的事业待遇自{day}起停发，{year}年不能续聘"),
            format!("This person's pay stops from {day}: {year} cannot be renewed"),
        ));
    }
    if h.covered(state, year) {
        return Some(why(
            "career.renewed",
            format!(
                "{}的{year}年聘任已在册，无需再续聘",
                h.certificate.chosen.name
            ),
            format!(
                "{} is already appointed for {year}",
                h.certificate.chosen.name
            ),
        ));
    }
    let calls = (
        end_calls(state, &h, year, on, true),
        end_calls(state, &h, year, on, false),
    );
    if !calls.0.is_empty() {
        return Some(why(
            "career.end_called",
            format!("{}，应终止待遇，不能续聘", calls.0.join("；")),
            format!("{}: the pay should end, not be renewed", calls.1.join("; ")),
        ));
    }
    None
}

/// Renew `application`'s appointment for `year` (up to next year; a past year's review
/// entered late too).
pub(super) fn renew(
    state: &State,
    application: String,
    year: i32,
    on: NaiveDate,
    today: NaiveDate,
) -> Result<CareerPayEvent, RuleViolation> {
    // A past year's review may be entered late; the next year's from its autumn.
    if year > today.year().saturating_add(1) {
        return Err(refuse(
            "career.year",
            "续聘最多记录到明年",
            "A renewal can be recorded up to next year",
        ));
    }
    day_ok(on, today, year.saturating_sub(1), "on")?;
    if let Some(no) = renewal_refusal(state, &application, year, on) {
        return Err(no);
    }
    Ok(CareerPayEvent::CareerRenewed {
        application,
        year,
        on,
    })
}

/// End `application`'s pay on one of the policy's conditions, from `pay_ends` (not
/// before the pay began, not past next year); a second end is a correction of the one
/// the user saw.
pub(super) fn terminate(
    state: &State,
    application: String,
    (condition, note): (String, String),
    (pay_ends, on, seen): (NaiveDate, NaiveDate, Vec<String>),
    today: NaiveDate,
) -> Result<CareerPayEvent, RuleViolation> {
    let holding = holdings(state)
        .into_iter()
        .find(|h| h.application == application);
    let Some(h) = holding else {
        return Err(refuse(
            "career.no_certificate",
            "该人员没有有效的选聘证书",
            "This person holds no settled certificate",
        )
        .on("application"));
    };
    new_or_correction(
        state.career_pay.terminations.get(&application),
        &seen,
        "career.end_recorded",
        (
            "该人员的待遇终止已记录，请在原记录上更正",
            "This end is already recorded: correct it instead",
        ),
    )?;
    day_ok(on, today, h.certificate.issued_on.year(), "on")?;
    let condition = condition.trim().to_string();
    let conditions = &state.policies.at(on).career_pay.termination_conditions;
    if !conditions.contains(&condition) {
        return Err(refuse(
            "career.condition",
            "请选择政策规定的终止待遇情形",
            "Choose one of the policy's termination conditions",
        )
        .on("condition"));
    }
    let note = text_required(&note, "note", "具体情况", "What happened")?;
    let latest = NaiveDate::from_ymd_opt(today.year().saturating_add(1), 12, 31);
    if pay_ends < h.certificate.pay_from || latest.is_some_and(|l| pay_ends > l) {
        return Err(refuse(
            "career.pay_ends",
            format!(
                "停发日期应在待遇起始日期（{}）至明年年底之间",
                h.certificate.pay_from
            ),
            format!(
                "Pay must end between its first day ({}) and the end of next year",
                h.certificate.pay_from
            ),
        )
        .on("pay_ends"));
    }
    Ok(CareerPayEvent::CareerTerminated {
        application,
        condition,
        note,
        pay_ends,
        on,
        supersedes: seen,
    })
}
