#![cfg(not(target_arch = "wasm32"))]
//! The scale benchmark's county data (`examples/county_data`): a thousand records made
//! through the domain's own commands export as a backup that imports cleanly into a
//! fresh ledger, and hold what the benchmark needs — W1 results publicized and
//! finalized, objections, a W4 case — recorded at plausible times, reproducibly.

#[path = "../examples/county_data/generate.rs"]
mod generate;
#[path = "../examples/county_data/names.rs"]
mod names;

use jishi::domain::time::beijing_date;

#[test]
fn a_thousand_records_round_trip_with_publicity_objections_and_a_cadre_case() {
    let county = generate::generate(1_000);
    let events = county.ledger.events();
    // One command may add two records (a village and its heads): exactly or just above.
    assert!(
        (1_000..=1_001).contains(&events.len()),
        "{} records",
        events.len()
    );

    let backup = county.backup();
    assert_eq!(
        generate::check_backup(&backup, events.len()),
        Ok(events.len())
    );

    let kinds = generate::kinds(events);
    let count = |kind: &str| kinds.get(kind).copied().unwrap_or(0);
    for kind in [
        "village_recorded",
        "heads_recorded",
        "indicators_published",
        "scores_submitted",
        "publicity_opened",
        "result_finalized",
        "objection_raised",
        "objection_resolved",
        "cadre_recorded",
        "post_recorded",
        "w4_case_opened",
        "w4_step_recorded:nomination",
    ] {
        assert!(count(kind) > 0, "no {kind} in {kinds:?}");
    }
    assert_eq!(count("township_recorded"), 15);
    assert_eq!(count("village_recorded"), 206);
    // The time spent recording is accounted to every record made.
    let timed: usize = county.record_time.values().map(|(n, _)| n).sum();
    assert_eq!(timed, events.len());

    // Recorded in date order, on the day each record is dated (Beijing), within the
    // calendar the generator keeps to, and never in the future of the real clock.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("a clock after 1970")
        .as_millis() as i64;
    assert!(events
        .windows(2)
        .all(|w| w[0].recorded_at < w[1].recorded_at));
    let last = events.last().expect("records");
    assert!(last.recorded_at <= now && county.exported_at <= now);
    assert!(beijing_date(events[0].recorded_at) >= generate::first_day());
    assert!(county.last_date <= generate::last_day());
    assert!(beijing_date(last.recorded_at) <= county.last_date);
    assert!(county.cases_per_year >= 1);

    // Seats counted for every post at once are those counted post by post.
    let w4 = &county.ledger.state().cadre_selection;
    let seats = w4.seats_on(county.last_date);
    for post in w4.posts.keys() {
        let once = seats.get(post).map_or(0, |s| s.len() as u64);
        assert_eq!(
            once,
            w4.seats_taken(post, county.last_date, "", ""),
            "{post}"
        );
    }

    // The list of cases shows each case's summary: what its case view says, on the
    // last day and on days between, and the summaries add up to the overall rates.
    use jishi::domain::cadre_selection::{case_summary, case_view, overall_rates, Rates};
    let state = county.ledger.state();
    assert!(state.cadre_selection.cases.len() >= 2);
    for on in [generate::first_day(), county.last_date] {
        let reviews = w4.over_quota_reviews(on);
        let mut sum = Rates::default();
        for id in state.cadre_selection.cases.keys() {
            let summary = case_summary(state, id, on, &|p| reviews.get(p).cloned()).unwrap();
            let view = case_view(state, id, on).unwrap();
            assert_eq!(summary.current, view.current, "{id} on {on}");
            assert_eq!(summary.rates, view.rates, "{id} on {on}");
            assert_eq!(summary.ended, view.ended, "{id} on {on}");
            assert_eq!(summary.initial_due, view.initial_due, "{id} on {on}");
            assert_eq!(
                summary.initial_overdue, view.initial_overdue,
                "{id} on {on}"
            );
            if state.cadre_selection.cases[id].opened_on.is_some() {
                sum.add(summary.rates);
            }
        }
        assert_eq!(sum, overall_rates(state, &state.policies.at(on)), "{on}");
    }

    // A case page labels the cadres its records and disclosures name as its forms do
    // (from the whole pool), labelling only those.
    use jishi::domain::cadre_selection::forms::Choices;
    for case in state.cadre_selection.cases.values() {
        for zh in [true, false] {
            let (named, pool) = (
                Choices::named(state, case, zh),
                Choices::of(state, case, zh),
            );
            assert!(
                named.cadres.iter().all(|c| pool.cadres.contains(c)),
                "{}",
                case.id
            );
            let records = case
                .entries
                .values()
                .flat_map(|e| e.record.ids().into_iter().map(|(id, _)| id));
            let disclosed = case.disclosures.values().map(|d| d.cadre.as_str());
            for id in records.chain(disclosed) {
                let label = Choices::name(&named.cadres, id);
                assert_eq!(label, Choices::name(&pool.cadres, id), "{} {id}", case.id);
            }
            assert_eq!(
                (named.posts, named.complaints),
                (pool.posts, pool.complaints)
            );
        }
    }
}

#[test]
fn the_same_target_gives_the_same_records_and_a_smaller_one_their_beginning() {
    let big = generate::generate(1_000);
    let small = generate::generate(300);
    let n = small.ledger.events().len();
    assert!(n >= 300);
    assert!(
        small.ledger.events() == &big.ledger.events()[..n],
        "a data set is the beginning of any larger one at the county's usual pace"
    );
}

#[test]
fn the_list_of_cases_folds_the_finished_cases_of_earlier_years_by_year() {
    use chrono::{Datelike, NaiveDate};
    use jishi::domain::cadre_selection::screens::{case_list, last_day};
    use jishi::domain::cadre_selection::{case_reviews, case_summary, Submission};
    use jishi::domain::screen::Block;
    use jishi::domain::Role;

    let county = generate::generate(10_000);
    let state = county.ledger.state();
    let opened = state
        .cadre_selection
        .cases
        .values()
        .filter(|c| c.opened_on.is_some());
    let opened: Vec<_> = opened.collect();
    let next_year = NaiveDate::from_ymd_opt(county.last_date.year() + 1, 3, 1).unwrap();
    let case_of = |item: &jishi::domain::screen::Item| {
        let id = item.attrs.iter().find(|(k, _)| *k == "data-case").unwrap();
        id.1.clone()
    };
    let mut folded_some = false;
    for (today, zh) in [
        (county.last_date, true),
        (next_year, true),
        (next_year, false),
    ] {
        let blocks: Vec<Block> = case_list(state, Some(Role::Recorder), today, zh)
            .into_iter()
            .flat_map(|card| card.blocks)
            .collect();
        let mut listed = Vec::new();
        let mut archived = Vec::new();
        for block in &blocks {
            match block {
                Block::Items(l) if l.testid == "cases" => {
                    listed.extend(l.items.iter().map(case_of))
                }
                Block::Folded {
                    summary,
                    open,
                    blocks,
                } => {
                    assert!(!open, "{summary}");
                    let [Block::Items(l)] = blocks.as_slice() else {
                        panic!("{blocks:?}")
                    };
                    let ids: Vec<String> = l.items.iter().map(case_of).collect();
                    let year = last_day(&state.cadre_selection.cases[&ids[0]])
                        .unwrap()
                        .year();
                    let count = ids.len().to_string();
                    assert!(
                        summary.contains(&year.to_string()) && summary.contains(&count),
                        "{summary}"
                    );
                    archived.extend(ids.into_iter().map(|id| (year, id)));
                }
                _ => {}
            }
        }
        // Every case once; folded: finished, its last record of an earlier year, under
        // that year.
        assert_eq!(listed.len() + archived.len(), opened.len(), "{today}");
        let reviews = state.cadre_selection.over_quota_reviews(today);
        let finished = |id: &str| {
            let over_quota = |p: &str| reviews.get(p).cloned();
            let v = case_summary(state, id, today, &over_quota).unwrap();
            let case = &state.cadre_selection.cases[id];
            let submitted = case.submission(Submission::Second).is_some();
            let quiet = !v.initial_overdue && case_reviews(state, case, &over_quota).is_empty();
            (v.ended.is_some() || (v.current.is_none() && submitted)) && quiet
        };
        for (year, id) in &archived {
            let case = &state.cadre_selection.cases[id];
            assert_eq!(last_day(case).unwrap().year(), *year);
            assert!(
                *year < today.year() && finished(id),
                "{id} folded on {today}"
            );
        }
        for id in &listed {
            let earlier = last_day(&state.cadre_selection.cases[id]).unwrap().year() < today.year();
            assert!(!(earlier && finished(id)), "{id} listed on {today}");
        }
        folded_some |= !archived.is_empty();
    }
    assert!(
        folded_some,
        "the data holds finished cases of an earlier year"
    );
}
