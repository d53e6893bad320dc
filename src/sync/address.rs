//! The server a phone syncs to, as a person types it on the settings page: the
//! server's address and the county's database prefix, checked before anything is saved.

use crate::domain::RuleViolation;

/// The database prefix offered when none is saved (`jishi` → `jishi-common`, …).
pub const DEFAULT_PREFIX: &str = "jishi";

/// A server address and database prefix the settings page may save.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerAddress {
    /// The server's address, trimmed, without a trailing `/`.
    pub url: String,
    /// The county's database prefix, trimmed.
    pub prefix: String,
}

/// Read the typed address and prefix; refused with the first problem, the address's first.
pub fn read_server_address(url: &str, prefix: &str) -> Result<ServerAddress, RuleViolation> {
    Ok(ServerAddress {
        url: server_url(url)?,
        prefix: database_prefix(prefix)?,
    })
}

/// The server's address: trimmed, without a trailing `/`, starting with `http://` or `https://`.
pub fn server_url(typed: &str) -> Result<String, RuleViolation> {
    let url = typed.trim().trim_end_matches('/');
    if url.starts_with("http://") || url.starts_with("https://") {
        return Ok(url.to_string());
    }
    Err(RuleViolation::new(
        "sync.server_url",
        "服务器地址须以 http:// 或 https:// 开头",
        "The server URL must start with http:// or https://",
    )
    .on("url"))
}

/// The county's database prefix: trimmed, a lowercase letter first, then lowercase
/// letters, digits, `-` and `_` (the start of a CouchDB database name).
pub fn database_prefix(typed: &str) -> Result<String, RuleViolation> {
    let prefix = typed.trim();
    let allowed =
        |ch: char| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_' || ch == '-';
    if prefix.starts_with(|ch: char| ch.is_ascii_lowercase()) && prefix.chars().all(allowed) {
        return Ok(prefix.to_string());
    }
    Err(RuleViolation::new(
        "sync.database_prefix",
        "请填写县数据库前缀：以小写字母开头，只含小写字母、数字、“-”和“_”（如 jishi）",
        "Enter the county's database prefix: a lowercase letter first, then lowercase letters, digits, '-' and '_' (e.g. jishi)",
    )
    .on("db"))
}
