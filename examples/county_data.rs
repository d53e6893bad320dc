//! Generate a realistic county's records through the domain's own commands and write
//! them as a backup file in the app's export format, for the scale benchmark:
//!
//! ```sh
//! cargo run --release --example county_data -- 50000 county-50k.json [cases-a-year]
//! ```
//!
//! W4 cases open at the county's usual pace unless the target needs more (or as many a
//! year as the optional third argument says).
//!
//! Prints to stderr how many records of each kind were made, how long generating,
//! exporting and checking the file took, and its size. The file is checked by
//! importing it into a fresh ledger: every record added, no hash or chain problem.

#[path = "county_data/generate.rs"]
mod generate;
#[path = "county_data/names.rs"]
mod names;

use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(target), Some(out)) = (args.get(1).and_then(|n| parse_count(n)), args.get(2)) else {
        eprintln!("usage: county_data <records, e.g. 10000 or 10k> <out.json> [cases-a-year]");
        std::process::exit(2);
    };
    let cases = match args.get(3).map(|n| n.parse::<u32>()) {
        None => None,
        Some(Ok(n)) => Some(n),
        Some(Err(_)) => {
            eprintln!("cases-a-year must be a whole number");
            std::process::exit(2);
        }
    };
    let started = Instant::now();
    let county = match cases {
        None => generate::generate(target),
        Some(n) => generate::generate_with(target, n),
    };
    let cases = county.cases_per_year;
    let generated = started.elapsed();
    let events = county.ledger.events();
    let started = Instant::now();
    let backup = county.backup();
    let exported = started.elapsed();
    if let Err(e) = std::fs::write(out, &backup) {
        eprintln!("cannot write {out}: {e}");
        std::process::exit(1);
    }
    let started = Instant::now();
    let checked = generate::check_backup(&backup, events.len())
        .unwrap_or_else(|e| panic!("the backup does not import cleanly: {e}"));
    let imported = started.elapsed();
    eprintln!(
        "{} records ({} asked), {} to {}, {} W4 cases a year planned",
        events.len(),
        target,
        generate::first_day(),
        county.last_date,
        county.cases_per_year
    );
    for (kind, n) in generate::kinds(events) {
        eprintln!("  {n:>7}  {kind}");
    }
    eprintln!(
        "generated in {:.2} s, exported in {:.2} s, imported and verified {checked} in {:.2} s",
        generated.as_secs_f64(),
        exported.as_secs_f64(),
        imported.as_secs_f64()
    );
    eprintln!("{out}: {} bytes", backup.len());
    let short = events.len() < target;
    let mut slowest: Vec<_> = county.record_time.iter().collect();
    slowest.sort_by_key(|(_, (_, took))| std::cmp::Reverse(*took));
    eprintln!("time in Ledger::record by kind (total s, mean ms a record):");
    for (kind, (n, took)) in slowest {
        eprintln!(
            "  {:>8.2}  {:>8.3}  {kind}",
            took.as_secs_f64(),
            took.as_secs_f64() * 1e3 / *n as f64
        );
    }
    if short {
        eprintln!(
            "the calendar (to {}) ran out at {} records with {cases} cases a year: ask for fewer, or more cases a year",
            generate::last_day(),
            events.len()
        );
        std::process::exit(1);
    }
}

/// A record count: digits, optionally ending in k (thousands).
fn parse_count(text: &str) -> Option<usize> {
    match text.strip_suffix(['k', 'K']) {
        Some(thousands) => thousands.parse::<usize>().ok()?.checked_mul(1_000),
        None => text.parse().ok(),
    }
}
