#![cfg(not(target_arch = "wasm32"))]
//! The settings page's server address and county database prefix
//! (`sync::read_server_address`): what is saved, and what is refused with which message.

use jishi::sync::{read_server_address, ServerAddress};

const URL_MESSAGE: &str = "服务器地址须以 http:// 或 https:// 开头";
const PREFIX_MESSAGE: &str =
    "请填写县数据库前缀：以小写字母开头，只含小写字母、数字、“-”和“_”（如 jishi）";

fn saved(url: &str, prefix: &str) -> ServerAddress {
    read_server_address(url, prefix).unwrap_or_else(|e| panic!("{url} / {prefix}: {e}"))
}

/// The Chinese message shown for a refused address or prefix, and the field it is on.
fn refused(url: &str, prefix: &str) -> (String, Option<String>) {
    let e = read_server_address(url, prefix).expect_err(&format!("{url} / {prefix}"));
    (e.message(true).to_string(), e.field)
}

#[test]
fn an_address_and_prefix_are_saved_trimmed_without_a_trailing_slash() {
    assert_eq!(
        saved("  https://couch.example.cn:6984/  ", " jishi "),
        ServerAddress {
            url: "https://couch.example.cn:6984".into(),
            prefix: "jishi".into(),
        }
    );
    assert_eq!(
        saved("http://127.0.0.1:5984//", "zlt").url,
        "http://127.0.0.1:5984"
    );
}

#[test]
fn a_prefix_may_hold_lowercase_letters_digits_dashes_and_underscores_after_a_letter() {
    for prefix in ["a", "jishi", "zlt_2026", "county-7", "x-_9"] {
        assert_eq!(saved("https://couch.example.cn", prefix).prefix, prefix);
    }
}

#[test]
fn an_address_without_http_or_https_is_refused_on_the_url_field() {
    for url in [
        "",
        "   ",
        "couch.example.cn",
        "ftp://couch.example.cn",
        "HTTPS://couch.example.cn",
        "//couch",
    ] {
        assert_eq!(
            refused(url, "jishi"),
            (URL_MESSAGE.to_string(), Some("url".to_string())),
            "{url:?}"
        );
    }
}

#[test]
fn a_prefix_not_starting_with_a_lowercase_letter_or_holding_other_characters_is_refused() {
    for prefix in [
        "", "  ", "Jishi", "1county", "-jishi", "_jishi", "ji shi", "jishi!", "ji.shi", "县",
        "jishiÄ",
    ] {
        assert_eq!(
            refused("https://couch.example.cn", prefix),
            (PREFIX_MESSAGE.to_string(), Some("db".to_string())),
            "{prefix:?}"
        );
    }
}

#[test]
fn the_address_is_checked_first_and_both_messages_read_in_english_too() {
    let e = read_server_address("couch.example.cn", "Bad Prefix").unwrap_err();
    assert_eq!(e.message(true), URL_MESSAGE);
    assert_eq!(
        e.message(false),
        "The server URL must start with http:// or https://"
    );
    let e = read_server_address("https://couch.example.cn", "Bad Prefix").unwrap_err();
    assert_eq!(
        e.message(false),
        "Enter the county's database prefix: a lowercase letter first, then lowercase letters, digits, '-' and '_' (e.g. jishi)"
    );
}
