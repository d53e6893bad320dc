//! The CouchDB HTTP calls the replicator needs, as a trait, with typed results.

/// What the server said about one document of a `_bulk_docs` request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocResult {
    /// The document id (= event id).
    pub id: String,
    /// Its outcome.
    pub status: DocStatus,
}

/// Per-document outcome of `_bulk_docs`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DocStatus {
    /// Stored (`{"ok": true}`).
    Ok,
    /// 409: a document with this id exists already.
    Conflict,
    /// 403: `validate_doc_update` refused it, with the server's reason.
    Forbidden(String),
    /// Any other per-document error (`error`, `reason`).
    Error { error: String, reason: String },
}

/// One row of `_changes?include_docs=true`.
#[derive(Clone, Debug, PartialEq)]
pub struct ChangeRow {
    /// The row's sequence (opaque string; numbers are stringified).
    pub seq: String,
    /// The document id.
    pub id: String,
    /// The document's current revision (`changes[0].rev`; empty if the server sent none).
    pub rev: String,
    /// The document, if included (absent for deleted docs or odd servers).
    pub doc: Option<serde_json::Value>,
}

/// One page of `_changes`.
#[derive(Clone, Debug, PartialEq)]
pub struct ChangesPage {
    /// The rows, in the order the server sent them.
    pub results: Vec<ChangeRow>,
    /// Where the next request starts (`since`).
    pub last_seq: String,
    /// Changes left after this page, if the server says (`pending`, CouchDB 2+).
    pub pending: Option<u64>,
}

/// Why a request to the server failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RemoteError {
    /// No answer in time (the request was aborted).
    Timeout,
    /// The network failed (offline, DNS, connection reset, CORS).
    Network(String),
    /// The server answered with an error status.
    Http { status: u16, reason: String },
    /// 401: not logged in, or the session expired.
    Unauthorized,
    /// The answer was not what CouchDB sends.
    Decode(String),
}

impl RemoteError {
    /// Message for the user (`zh` = Chinese).
    pub fn message(&self, zh: bool) -> String {
        match (self, zh) {
            (RemoteError::Timeout, true) => "服务器没有及时响应，稍后会自动重试。".into(),
            (RemoteError::Timeout, false) => {
                "The server did not answer in time; sync will retry.".into()
            }
            (RemoteError::Network(_), true) => {
                "无法连接服务器：手机没有网络，或服务器地址不对、服务器未开机。记录都保存在本机，联网后会自动同步。".into()
            }
            (RemoteError::Network(_), false) => {
                "Cannot reach the server: no network, or a wrong server address, or the server is down. Everything is kept on this phone and syncs once connected.".into()
            }
            (RemoteError::Http { status, reason }, true) => {
                format!("服务器返回错误 {status}：{reason}")
            }
            (RemoteError::Http { status, reason }, false) => {
                format!("The server returned error {status}: {reason}")
            }
            (RemoteError::Unauthorized, true) => "未登录或登录已过期，请重新登录服务器。".into(),
            (RemoteError::Unauthorized, false) => {
                "Not logged in, or the session expired; please log in to the server again.".into()
            }
            (RemoteError::Decode(e), true) => format!("服务器的响应无法识别：{e}"),
            (RemoteError::Decode(e), false) => {
                format!("The server's answer was not understood: {e}")
            }
        }
    }

    /// Whether retrying later may help (the driver backs off and retries these).
    pub fn is_transient(&self) -> bool {
        match self {
            RemoteError::Timeout | RemoteError::Network(_) => true,
            RemoteError::Http { status, .. } => *status >= 500 || *status == 429,
            RemoteError::Unauthorized | RemoteError::Decode(_) => false,
        }
    }
}

/// The CouchDB HTTP API calls the replicator makes, on one database.
///
/// Single-threaded (the app runs in one browser thread): no `Send` bounds.
#[allow(async_fn_in_trait)]
pub trait Remote {
    /// `POST /{db}/_bulk_docs` with new documents (each with its `_id`); one result per doc.
    async fn bulk_docs(&self, docs: &[serde_json::Value]) -> Result<Vec<DocResult>, RemoteError>;
    /// `GET /{db}/_changes?since=…&limit=…`, with the documents when `include_docs`.
    async fn changes(
        &self,
        since: &str,
        limit: usize,
        include_docs: bool,
    ) -> Result<ChangesPage, RemoteError>;
    /// `POST /{db}/_all_docs?include_docs=true` with `keys`: the docs, `None` where absent.
    async fn get_docs(&self, ids: &[String])
        -> Result<Vec<Option<serde_json::Value>>, RemoteError>;
    /// `POST /{db}/_all_docs` with `keys`: which of `ids` the server does not hold.
    async fn missing(&self, ids: &[String]) -> Result<Vec<String>, RemoteError>;
    /// `GET /{db}/_local/{key}`: the checkpoint this device last stored on the
    /// server (`None` if absent). `_local` docs are not replicated but are part of
    /// a backup, so a restored server hands back an older checkpoint.
    async fn get_checkpoint(&self, key: &str) -> Result<Option<String>, RemoteError>;
    /// `PUT /{db}/_local/{key}` with the checkpoint (the adapter keeps the `_rev`).
    async fn put_checkpoint(&self, key: &str, seq: &str) -> Result<(), RemoteError>;
}

/// A shared reference to a remote is a remote (tests wrap one database in another).
impl<R: Remote> Remote for &R {
    async fn bulk_docs(&self, docs: &[serde_json::Value]) -> Result<Vec<DocResult>, RemoteError> {
        (**self).bulk_docs(docs).await
    }
    async fn changes(
        &self,
        since: &str,
        limit: usize,
        include_docs: bool,
    ) -> Result<ChangesPage, RemoteError> {
        (**self).changes(since, limit, include_docs).await
    }
    async fn get_docs(
        &self,
        ids: &[String],
    ) -> Result<Vec<Option<serde_json::Value>>, RemoteError> {
        (**self).get_docs(ids).await
    }
    async fn missing(&self, ids: &[String]) -> Result<Vec<String>, RemoteError> {
        (**self).missing(ids).await
    }
    async fn get_checkpoint(&self, key: &str) -> Result<Option<String>, RemoteError> {
        (**self).get_checkpoint(key).await
    }
    async fn put_checkpoint(&self, key: &str, seq: &str) -> Result<(), RemoteError> {
        (**self).put_checkpoint(key, seq).await
    }
}
