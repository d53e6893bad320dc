#![cfg(not(target_arch = "wasm32"))]
//! Forms as typed: numbers with thousands separators.

use jishi::domain::master::{parse_count, parse_population, whole_number};

#[test]
fn a_population_may_be_typed_with_thousands_separators() {
    for typed in [
        "1500",
        "1,500",
        "1，500",
        " 1,500 ",
        "1 500",
        "1, 500",
        "１５００",
        "１，５００",
    ] {
        assert_eq!(parse_population(typed), Ok(1500), "{typed:?}");
    }
    assert_eq!(parse_population("12,345,678"), Ok(12_345_678));
    assert_eq!(parse_population("0"), Ok(0));
    assert_eq!(parse_count("1,024", "votes"), Ok(1024));
    // Anything else is refused, saying to type digits only; nothing is guessed.
    for typed in [
        "1.500",
        "1,50",
        "15,00",
        ",500",
        "1,,500",
        "12 34",
        "-5",
        "一千五",
        "1500人",
        "1.5k",
        "99,999,999,999",
    ] {
        let v = parse_population(typed).expect_err(typed);
        assert_eq!(v.code, "master.population_format", "{typed:?}");
        assert_eq!(v.field.as_deref(), Some("population"));
        assert!(v.zh.contains("请只填写数字"), "{}", v.zh);
        assert!(v.en.contains("type digits only"), "{}", v.en);
        assert_eq!(whole_number(typed), None, "{typed:?}");
    }
    assert_eq!(
        parse_population("  ").unwrap_err().code,
        "master.population_missing"
    );
}
