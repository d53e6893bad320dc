//! 凡提必审: the seats of a post (职数) taken on a date. A seat is taken by each
//! distinct cadre who holds the post by their profile on that date, or was appointed
//! to it in a case and has not left it since (by the profile), unless their
//! probation ended without 转正. Counting people, not records, means nobody is counted
//! twice and an old, ended stint at the post does not hide a new appointment.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::state::{missing, CadreSelection, Missing};
use super::CadreProfile;

/// Whether the profile holds `post` on `on`.
fn holds(p: &CadreProfile, post: &str, on: NaiveDate) -> bool {
    p.positions
        .iter()
        .any(|x| x.post == post && x.start <= on && x.end.is_none_or(|end| end >= on))
}

/// Whether the profile shows the cadre left `post` after being appointed on
/// `appointed` and before `on`.
fn left(p: &CadreProfile, post: &str, appointed: NaiveDate, on: NaiveDate) -> bool {
    p.positions
        .iter()
        .any(|x| x.post == post && x.end.is_some_and(|end| end >= appointed && end < on))
}

impl CadreSelection {
    /// Cadres currently holding `post` on `on` by their profiles.
    pub fn holders(&self, post: &str, on: NaiveDate) -> u64 {
        self.naming(post)
            .filter(|(_, p)| holds(p, post, on))
            .count() as u64
    }

    /// The current profiles of the cadres some version of whose profile names `post`
    /// (`CadreSelection::naming`: a case page asked it of every cadre of the county).
    fn naming<'a>(&'a self, post: &'a str) -> impl Iterator<Item = (&'a String, &'a CadreProfile)> {
        let named = self.naming.get(post).into_iter().flatten();
        named
            .filter_map(|id| self.cadres.get_key_value(id))
            .filter_map(|(id, versions)| versions.current().map(|p| (id, &**p)))
    }

    /// The cadres taking a seat of `post` on `on`, appointments recorded in case
    /// `except` left out.
    fn occupants(&self, post: &str, on: NaiveDate, except: &str) -> BTreeSet<String> {
        let mut out: BTreeSet<String> = self
            .naming(post)
            .filter(|(_, p)| holds(p, post, on))
            .map(|(id, _)| id.clone())
            .collect();
        let appointing = self.appointing.get(post).into_iter().flatten();
        let cases = appointing.filter_map(|id| self.cases.get(id));
        for case in cases.filter(|c| c.id != except) {
            let dropped = case.not_confirmed();
            for (cadre, (p, appointed)) in case.appointed() {
                let gone = self
                    .cadre(&cadre)
                    .is_some_and(|x| left(x, post, appointed, on));
                if p == post && !dropped.contains(&cadre) && !gone {
                    out.insert(cadre);
                }
            }
        }
        out
    }

    /// Seats of `post` taken on `on` (凡提必审), not counting `cadre`: holders by the
    /// cadres' profiles and appointees of cases other than `case`, each person once.
    pub fn seats_taken(&self, post: &str, on: NaiveDate, case: &str, cadre: &str) -> u64 {
        self.occupants(post, on, case)
            .into_iter()
            .filter(|c| c != cadre)
            .count() as u64
    }

    /// A post over its quota on `on` — possible only after phones that had not seen
    /// each other's appointments synced: (seats taken, quota).
    pub fn over_quota(&self, post: &str, on: NaiveDate) -> Option<(u64, u32)> {
        let quota = self.post(post)?.quota;
        let taken = self.seats_taken(post, on, "", "");
        (taken > u64::from(quota)).then_some((taken, quota))
    }

    /// The review a post over its quota needs, naming it as people read it.
    pub fn over_quota_review(&self, post: &str, on: NaiveDate) -> Option<Missing> {
        let (taken, quota) = self.over_quota(post, on)?;
        Some(self.quota_review(post, taken, quota))
    }

    /// [`CadreSelection::over_quota_review`] of every post over its quota on `on`, by
    /// post, in one pass over the cadres and cases (asking post by post walks every
    /// case for each: a list of 500 cases took 16 s).
    pub fn over_quota_reviews(&self, on: NaiveDate) -> BTreeMap<String, Missing> {
        let over = self.seats_on(on).into_iter().filter_map(|(post, holders)| {
            let quota = self.post(&post)?.quota;
            let taken = holders.len() as u64;
            let over = taken > u64::from(quota);
            over.then(|| (self.quota_review(&post, taken, quota), post))
        });
        over.map(|(review, post)| (post, review)).collect()
    }

    /// The cadres taking a seat of each post on `on` (each post's
    /// [`CadreSelection::seats_taken`], every case counted), in one pass.
    pub fn seats_on(&self, on: NaiveDate) -> BTreeMap<String, BTreeSet<String>> {
        let mut seats: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (id, p) in self.cadre_list() {
            for x in p.positions.iter().filter(|x| holds(p, &x.post, on)) {
                seats.entry(x.post.clone()).or_default().insert(id.clone());
            }
        }
        for case in self.cases.values() {
            let dropped = case.not_confirmed();
            for (cadre, (post, appointed)) in case.appointed() {
                let gone = self
                    .cadre(&cadre)
                    .is_some_and(|x| left(x, &post, appointed, on));
                if !dropped.contains(&cadre) && !gone {
                    seats.entry(post).or_default().insert(cadre);
                }
            }
        }
        seats
    }

    /// The review of `post` with `taken` seats against its `quota`.
    pub fn quota_review(&self, post: &str, taken: u64, quota: u32) -> Missing {
        let name = self.post_name(post);
        missing(
            "w4.over_quota",
            format!(
                "职位“{name}”职数 {quota} 名，现有 {taken} 名（不同手机上的任职同步后超职数），须核实：更新干部任职经历或职位职数"
            ),
            format!(
                "Post “{name}” has {taken} in post against a quota of {quota} (appointments made on different phones); review it: update the cadres' positions or the post's quota"
            ),
        )
    }
}
