//! The CouchDB HTTP adapter (browser only): [`Remote`] over `fetch` (gloo-net).
//!
//! Every request sends cookies (`credentials: include`, so the `_session` cookie
//! of a server on another origin goes along; the server must allow CORS with
//! credentials for the app's origin) and is aborted after `timeout_ms`
//! (AbortController). Passwords are only ever sent to `POST /_session`, never kept.

use std::cell::RefCell;
use std::collections::BTreeMap;

use gloo_net::http::{Method, RequestBuilder};
use serde_json::{json, Value};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::RequestCredentials;

use super::remote::{ChangeRow, ChangesPage, DocResult, DocStatus, Remote, RemoteError};

/// Who the server says is logged in (`GET /_session` → `userCtx`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Session {
    /// The CouchDB user name (`None` = not logged in).
    pub name: Option<String>,
    /// The user's CouchDB roles (ours are `Role::key()`s; `_admin` = server admin).
    pub roles: Vec<String>,
}

/// One CouchDB database on one server.
pub struct CouchRemote {
    /// Server URL without a trailing slash, e.g. `https://couch.example.cn:6984`.
    pub base_url: String,
    /// Database name.
    pub db: String,
    /// Abort every request after this many milliseconds.
    pub timeout_ms: u32,
    /// `_rev` of the `_local` checkpoint docs seen, by key.
    revs: RefCell<BTreeMap<String, String>>,
}

/// `encodeURIComponent`.
fn enc(s: &str) -> String {
    String::from(js_sys::encode_uri_component(s))
}

/// The error a non-2xx answer means.
fn http_error(status: u16, body: &str) -> RemoteError {
    if status == 401 {
        return RemoteError::Unauthorized;
    }
    let v: Value = serde_json::from_str(body).unwrap_or(Value::Null);
    let reason = v
        .get("reason")
        .and_then(Value::as_str)
        .or_else(|| v.get("error").and_then(Value::as_str))
        .map(String::from)
        .unwrap_or_else(|| body.chars().take(200).collect());
    RemoteError::Http { status, reason }
}

fn decode(body: &str) -> Result<Value, RemoteError> {
    serde_json::from_str(body).map_err(|e| RemoteError::Decode(e.to_string()))
}

/// A sequence as CouchDB's `since` wants it back: strings as they are, numbers as text.
fn seq_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "0".into(),
        other => other.to_string(),
    }
}

impl CouchRemote {
    /// A database `db` on the server at `base_url`.
    pub fn new(base_url: &str, db: &str, timeout_ms: u32) -> CouchRemote {
        CouchRemote {
            base_url: base_url.trim().trim_end_matches('/').to_string(),
            db: db.trim().to_string(),
            timeout_ms,
            revs: RefCell::new(BTreeMap::new()),
        }
    }

    fn db_url(&self, rest: &str) -> String {
        format!("{}/{}/{rest}", self.base_url, enc(&self.db))
    }

    /// One request: (status, body text). Network failures and the timeout are errors;
    /// HTTP error statuses are returned for the caller to interpret.
    async fn call(
        &self,
        method: Method,
        url: &str,
        body: Option<String>,
    ) -> Result<(u16, String), RemoteError> {
        let controller = web_sys::AbortController::new()
            .map_err(|e| RemoteError::Network(format!("AbortController: {e:?}")))?;
        let signal = controller.signal();
        let abort = Closure::once(move || controller.abort());
        let window = web_sys::window().ok_or_else(|| RemoteError::Network("no window".into()))?;
        let timer = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                abort.as_ref().unchecked_ref(),
                self.timeout_ms.min(i32::MAX as u32) as i32,
            )
            .unwrap_or(0);
        let builder = RequestBuilder::new(url)
            .method(method)
            .credentials(RequestCredentials::Include)
            .header("accept", "application/json")
            .abort_signal(Some(&signal));
        let result = async {
            let request = match body {
                Some(b) => builder.header("content-type", "application/json").body(b),
                None => builder.build(),
            }
            .map_err(|e| RemoteError::Network(e.to_string()))?;
            let response = request.send().await.map_err(|e| {
                if signal.aborted() {
                    RemoteError::Timeout
                } else {
                    RemoteError::Network(e.to_string())
                }
            })?;
            let status = response.status();
            let text = response.text().await.map_err(|e| {
                if signal.aborted() {
                    RemoteError::Timeout
                } else {
                    RemoteError::Network(e.to_string())
                }
            })?;
            Ok((status, text))
        }
        .await;
        window.clear_timeout_with_handle(timer);
        drop(abort);
        result
    }

    /// A request whose answer must be 2xx JSON.
    async fn json(
        &self,
        method: Method,
        url: &str,
        body: Option<String>,
    ) -> Result<Value, RemoteError> {
        let (status, text) = self.call(method, url, body).await?;
        if !(200..300).contains(&status) {
            return Err(http_error(status, &text));
        }
        decode(&text)
    }

    /// `POST /_session`: log in; the server sets the session cookie.
    pub async fn login(&self, name: &str, password: &str) -> Result<Session, RemoteError> {
        let body = json!({ "name": name, "password": password }).to_string();
        let url = format!("{}/_session", self.base_url);
        self.json(Method::POST, &url, Some(body)).await?;
        self.session().await
    }

    /// `GET /_session`: who the server thinks we are.
    pub async fn session(&self) -> Result<Session, RemoteError> {
        let url = format!("{}/_session", self.base_url);
        let v = self.json(Method::GET, &url, None).await?;
        let ctx = v
            .get("userCtx")
            .ok_or_else(|| RemoteError::Decode("no userCtx in _session".into()))?;
        Ok(Session {
            name: ctx.get("name").and_then(Value::as_str).map(String::from),
            roles: ctx
                .get("roles")
                .and_then(Value::as_array)
                .map(|r| {
                    r.iter()
                        .filter_map(Value::as_str)
                        .map(String::from)
                        .collect()
                })
                .unwrap_or_default(),
        })
    }

    /// `DELETE /_session`: log out (the server clears the cookie).
    pub async fn logout(&self) -> Result<(), RemoteError> {
        let url = format!("{}/_session", self.base_url);
        self.json(Method::DELETE, &url, None).await.map(|_| ())
    }

    /// `GET /{db}`: the database exists and we may read it.
    pub async fn check_db(&self) -> Result<(), RemoteError> {
        let url = format!("{}/{}", self.base_url, enc(&self.db));
        self.json(Method::GET, &url, None).await.map(|_| ())
    }

    /// `POST /{db}/_all_docs` with keys (and the docs if `include_docs`).
    async fn all_docs(
        &self,
        ids: &[String],
        include_docs: bool,
    ) -> Result<Vec<Value>, RemoteError> {
        let url = self.db_url(if include_docs {
            "_all_docs?include_docs=true"
        } else {
            "_all_docs"
        });
        let v = self
            .json(Method::POST, &url, Some(json!({ "keys": ids }).to_string()))
            .await?;
        let rows = v
            .get("rows")
            .and_then(Value::as_array)
            .ok_or_else(|| RemoteError::Decode("_all_docs: no rows".into()))?;
        Ok(rows.clone())
    }
}

fn row_missing(row: &Value) -> bool {
    row.get("error").is_some()
        || row
            .get("value")
            .and_then(|v| v.get("deleted"))
            .and_then(Value::as_bool)
            .unwrap_or(false)
}

fn row_key(row: &Value) -> Option<&str> {
    row.get("key")
        .and_then(Value::as_str)
        .or_else(|| row.get("id").and_then(Value::as_str))
}

impl Remote for CouchRemote {
    async fn bulk_docs(&self, docs: &[Value]) -> Result<Vec<DocResult>, RemoteError> {
        let body = json!({ "docs": docs }).to_string();
        let (status, text) = self
            .call(Method::POST, &self.db_url("_bulk_docs"), Some(body))
            .await?;
        if status == 401 {
            return Err(RemoteError::Unauthorized);
        }
        // 201/202 normally; some servers answer 417/403 with the same per-doc array.
        let v: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        let Some(rows) = v.as_array() else {
            return Err(if (200..300).contains(&status) {
                RemoteError::Decode("_bulk_docs: not a list".into())
            } else {
                http_error(status, &text)
            });
        };
        Ok(rows
            .iter()
            .map(|r| {
                let id = r.get("id").and_then(Value::as_str).unwrap_or_default();
                let error = r.get("error").and_then(Value::as_str);
                let reason = r
                    .get("reason")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string();
                let status = match error {
                    None => DocStatus::Ok,
                    Some("conflict") => DocStatus::Conflict,
                    Some("forbidden") | Some("unauthorized") => DocStatus::Forbidden(reason),
                    Some(e) => DocStatus::Error {
                        error: e.to_string(),
                        reason,
                    },
                };
                DocResult {
                    id: id.to_string(),
                    status,
                }
            })
            .collect())
    }

    async fn changes(
        &self,
        since: &str,
        limit: usize,
        include_docs: bool,
    ) -> Result<ChangesPage, RemoteError> {
        let url = self.db_url(&format!(
            "_changes?since={}&include_docs={include_docs}&limit={limit}",
            enc(since)
        ));
        let v = self.json(Method::GET, &url, None).await?;
        let rows = v
            .get("results")
            .and_then(Value::as_array)
            .ok_or_else(|| RemoteError::Decode("_changes: no results".into()))?;
        let results = rows
            .iter()
            .map(|r| ChangeRow {
                seq: seq_text(r.get("seq").unwrap_or(&Value::Null)),
                id: r
                    .get("id")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string(),
                rev: r
                    .pointer("/changes/0/rev")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string(),
                doc: r.get("doc").filter(|d| d.is_object()).cloned(),
            })
            .collect();
        let last_seq = v
            .get("last_seq")
            .map(seq_text)
            .ok_or_else(|| RemoteError::Decode("_changes: no last_seq".into()))?;
        Ok(ChangesPage {
            results,
            last_seq,
            pending: v.get("pending").and_then(Value::as_u64),
        })
    }

    async fn get_docs(&self, ids: &[String]) -> Result<Vec<Option<Value>>, RemoteError> {
        let rows = self.all_docs(ids, true).await?;
        let mut by_id: BTreeMap<String, Value> = BTreeMap::new();
        for r in rows {
            if row_missing(&r) {
                continue;
            }
            if let (Some(k), Some(doc)) = (row_key(&r), r.get("doc").filter(|d| d.is_object())) {
                by_id.insert(k.to_string(), doc.clone());
            }
        }
        Ok(ids.iter().map(|id| by_id.remove(id)).collect())
    }

    async fn missing(&self, ids: &[String]) -> Result<Vec<String>, RemoteError> {
        let rows = self.all_docs(ids, false).await?;
        let mut present = std::collections::BTreeSet::new();
        for r in &rows {
            if !row_missing(r) {
                if let Some(k) = row_key(r) {
                    present.insert(k.to_string());
                }
            }
        }
        Ok(ids
            .iter()
            .filter(|id| !present.contains(*id))
            .cloned()
            .collect())
    }

    async fn get_checkpoint(&self, key: &str) -> Result<Option<String>, RemoteError> {
        let url = self.db_url(&format!("_local/{}", enc(key)));
        let (status, text) = self.call(Method::GET, &url, None).await?;
        if status == 404 {
            self.revs.borrow_mut().remove(key);
            return Ok(None);
        }
        if !(200..300).contains(&status) {
            return Err(http_error(status, &text));
        }
        let v = decode(&text)?;
        if let Some(rev) = v.get("_rev").and_then(Value::as_str) {
            self.revs
                .borrow_mut()
                .insert(key.to_string(), rev.to_string());
        }
        Ok(v.get("seq").map(seq_text))
    }

    async fn put_checkpoint(&self, key: &str, seq: &str) -> Result<(), RemoteError> {
        let url = self.db_url(&format!("_local/{}", enc(key)));
        for attempt in 0..2 {
            let mut doc = json!({ "seq": seq });
            if let Some(rev) = self.revs.borrow().get(key) {
                doc["_rev"] = Value::String(rev.clone());
            }
            let (status, text) = self.call(Method::PUT, &url, Some(doc.to_string())).await?;
            if status == 409 && attempt == 0 {
                // Our _rev is stale (another tab, or a restored server): learn it, retry.
                self.get_checkpoint(key).await?;
                continue;
            }
            if !(200..300).contains(&status) {
                return Err(http_error(status, &text));
            }
            let v = decode(&text)?;
            if let Some(rev) = v.get("rev").and_then(Value::as_str) {
                self.revs
                    .borrow_mut()
                    .insert(key.to_string(), rev.to_string());
            }
            return Ok(());
        }
        Err(RemoteError::Http {
            status: 409,
            reason: "checkpoint conflict".into(),
        })
    }
}
