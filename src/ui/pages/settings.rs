//! Settings: this phone only (default) or sync to a CouchDB-compatible server;
//! log in with the server's users (`POST /_session`, the password is never stored).
//!
//! The server's `validate_doc_update` accepts an event only if its author is the
//! logged-in CouchDB user and its role is one of that user's CouchDB roles, so a
//! login also sets this device's user to the CouchDB name and one of its roles.

use leptos::prelude::*;

use crate::domain::time::format_beijing;
use crate::domain::Role;
use crate::sync::address::DEFAULT_PREFIX;
use crate::sync::couch::Session;
use crate::sync::{read_server_address, RemoteError};
use crate::ui::components::Notice;
use crate::ui::ctx::{use_ctx, Ctx, User};
use crate::ui::sync_driver::{use_sync, ServerConfig, SyncCtx};

/// Our roles among a CouchDB user's roles, legacy ones included (a server admin may
/// act in any current one).
pub fn our_roles(session: &Session) -> Vec<Role> {
    if session.roles.iter().any(|r| r == "_admin") {
        return Role::ALL.to_vec();
    }
    Role::ALL
        .into_iter()
        .chain(Role::LEGACY)
        .filter(|r| session.roles.iter().any(|k| k == r.key()))
        .collect()
}

fn role_list(c: Ctx, roles: &[String]) -> String {
    if roles.is_empty() {
        return c.t("（无）", "(none)").to_string();
    }
    roles
        .iter()
        .map(|k| {
            Role::from_key(k)
                .map(|r| format!("{} ({k})", r.label(c.is_zh())))
                .unwrap_or_else(|| k.clone())
        })
        .collect::<Vec<_>>()
        .join(c.t("、", ", "))
}

/// The settings page: the server form, then (with a server) the login card.
#[component]
pub fn Settings() -> impl IntoView {
    let s = use_sync();
    let msg = RwSignal::new(String::new());
    let err = RwSignal::new(String::new());
    let fields = LoginFields::new();
    check_session(s);
    view! {
        <ServerForm msg err />
        {move || s.server.get().map(|cfg| view! { <LoginCard cfg fields msg err /> })}
        <Notice msg />
        {move || (!err.get().is_empty()).then(|| view! { <p class="form-error" role="alert">{err.get()}</p> })}
    }
}

/// What the login card keeps while it is redrawn: the typed name and password, whether
/// a login is under way, and the server role chosen.
#[derive(Clone, Copy)]
struct LoginFields {
    name: RwSignal<String>,
    password: RwSignal<String>,
    busy: RwSignal<bool>,
    pick: RwSignal<String>,
}

impl LoginFields {
    fn new() -> Self {
        Self {
            name: RwSignal::new(String::new()),
            password: RwSignal::new(String::new()),
            busy: RwSignal::new(false),
            pick: RwSignal::new(String::new()),
        }
    }
}

/// Who is logged in (the cookie may still be valid from an earlier visit).
fn check_session(s: SyncCtx) {
    if let Some(cfg) = s.server.get_untracked() {
        leptos::task::spawn_local(async move {
            if let Ok(session) = cfg.server().session().await {
                s.session.set(session.name.is_some().then_some(session));
            }
        });
    }
}

/// After a login: act as the CouchDB user in `role`, else in the role it records in
/// already, else in its only one; what happened, in words (empty: nothing).
fn adopt(c: Ctx, session: &Session, role: Option<Role>) -> String {
    let Some(n) = session.name.clone() else {
        return String::new();
    };
    let ours = our_roles(session);
    let keep = c
        .user
        .get_untracked()
        .filter(|u| u.name == n && ours.contains(&u.role))
        .map(|u| u.role);
    let Some(r) = role.or(keep).or_else(|| (ours.len() == 1).then(|| ours[0])) else {
        return String::new();
    };
    match c.set_user(User {
        name: n.clone(),
        role: r,
    }) {
        Ok(()) => format!(
            "{}{n} · {}",
            c.t("本机使用人已设为 ", "This device now records as "),
            r.label(c.is_zh())
        ),
        Err(e) => e.message(c.is_zh()),
    }
}

/// The server typed on the form (`None` = this phone only), or the message refusing it.
fn typed_server(
    c: Ctx,
    use_server: bool,
    url: &str,
    prefix: &str,
) -> Result<Option<ServerConfig>, String> {
    if !use_server {
        return Ok(None);
    }
    read_server_address(url, prefix)
        .map(|a| {
            Some(ServerConfig {
                url: a.url,
                prefix: a.prefix,
            })
        })
        .map_err(|e| e.message(c.is_zh()).to_string())
}

/// What saving the choice means for the user.
fn saved_message(c: Ctx, server: bool) -> String {
    if server {
        c.t(
            "已保存。请登录服务器后同步。",
            "Saved. Log in to the server, then sync.",
        )
    } else {
        c.t(
            "已切换为仅本机保存。本机记录全部保留。",
            "This phone only. Every local entry is kept.",
        )
    }
    .into()
}

/// This phone only, or a server's address and the county's database prefix.
#[component]
fn ServerForm(msg: RwSignal<String>, err: RwSignal<String>) -> impl IntoView {
    let c = use_ctx();
    let s = use_sync();
    let current = s.server.get_untracked();
    let use_server = RwSignal::new(current.is_some());
    let url = RwSignal::new(current.as_ref().map(|x| x.url.clone()).unwrap_or_default());
    let prefix = RwSignal::new(
        current
            .as_ref()
            .map(|x| x.prefix.clone())
            .unwrap_or_else(|| DEFAULT_PREFIX.into()),
    );
    let save_server = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        err.set(String::new());
        msg.set(String::new());
        let cfg = match typed_server(
            c,
            use_server.get_untracked(),
            &url.get_untracked(),
            &prefix.get_untracked(),
        ) {
            Ok(cfg) => cfg,
            Err(e) => return err.set(e),
        };
        let server = cfg.is_some();
        match s.set_server(c, cfg) {
            Ok(()) => msg.set(saved_message(c, server)),
            Err(e) => err.set(e.message(c.is_zh())),
        }
    };
    view! {
        <section class="card" data-testid="settings">
            <h1>{c.t("同步设置", "Sync settings")}</h1>
            <form on:submit=save_server data-testid="server-form">
                <label class="check">
                    <input type="radio" name="mode" value="local" prop:checked=move || !use_server.get() on:change=move |_| use_server.set(false) />
                    {c.t("仅本机（默认）", "This phone only (default)")}
                </label>
                <label class="check">
                    <input type="radio" name="mode" value="server" prop:checked=move || use_server.get() on:change=move |_| use_server.set(true) />
                    {c.t("同步到服务器", "Sync to a server")}
                </label>
                {move || use_server.get().then(|| view! {
                    <label class="field">
                        <span>{c.t("服务器地址", "Server URL")}</span>
                        <input name="url" type="url" placeholder="https://couch.example.cn:6984" prop:value=move || url.get() on:input=move |ev| url.set(event_target_value(&ev)) />
                    </label>
                    <label class="field">
                        <span>{c.t("县数据库前缀", "County database prefix")}</span>
                        <input name="db" prop:value=move || prefix.get() on:input=move |ev| prefix.set(event_target_value(&ev)) />
                    </label>
                })}
                <p class="hint">{c.t(
                    "切换方式不会删除本机任何记录。",
                    "Switching never deletes any entry on this phone.")}</p>
                <button type="submit" class="primary">{c.t("保存", "Save")}</button>
            </form>
        </section>
    }
}

/// The login card of the chosen server: its databases, who is logged in, the login
/// form and the sync button.
#[component]
fn LoginCard(
    cfg: ServerConfig,
    fields: LoginFields,
    msg: RwSignal<String>,
    err: RwSignal<String>,
) -> impl IntoView {
    let c = use_ctx();
    view! {
        <section class="card" data-testid="login">
            <h2>{c.t("登录服务器", "Server login")}</h2>
            <p class="hint">{format!("{} · {}-*", cfg.url, cfg.prefix)}</p>
            <SyncedDatabases />
            <SessionInfo pick=fields.pick msg err />
            <LoginForm fields msg err />
            <SyncNow />
        </section>
    }
}

/// Log in as the typed user, check the server's database, then act as that user and sync.
fn log_in(c: Ctx, s: SyncCtx, fields: LoginFields, msg: RwSignal<String>, err: RwSignal<String>) {
    let Some(cfg) = s.server.get_untracked() else {
        return;
    };
    let (n, p) = (fields.name.get_untracked(), fields.password.get_untracked());
    fields.password.set(String::new());
    err.set(String::new());
    msg.set(String::new());
    fields.busy.set(true);
    leptos::task::spawn_local(async move {
        let remote = cfg.server();
        let result = async {
            let session = remote.login(n.trim(), &p).await?;
            remote.check_db().await?;
            Ok::<_, RemoteError>(session)
        }
        .await;
        fields.busy.set(false);
        match result {
            Ok(session) => {
                let note = adopt(c, &session, None);
                s.session.set(Some(session));
                msg.set(format!("{}{note}", c.t("登录成功。", "Logged in. ")));
                s.sync_now(c);
            }
            Err(RemoteError::Unauthorized) => err.set(
                c.t("用户名或密码错误。", "Wrong user name or password.")
                    .into(),
            ),
            Err(e) => err.set(e.message(c.is_zh())),
        }
    });
}

/// The user name and password form.
#[component]
fn LoginForm(fields: LoginFields, msg: RwSignal<String>, err: RwSignal<String>) -> impl IntoView {
    let c = use_ctx();
    let s = use_sync();
    let LoginFields {
        name,
        password,
        busy,
        ..
    } = fields;
    let login = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        log_in(c, s, fields, msg, err);
    };
    view! {
        <form on:submit=login data-testid="login-form">
            <label class="field">
                <span>{c.t("用户名", "User name")}</span>
                <input name="username" autocomplete="username" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
            </label>
            <label class="field">
                <span>{c.t("密码", "Password")}</span>
                <input name="password" type="password" autocomplete="current-password" prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev)) />
            </label>
            <p class="hint">{c.t("密码只发送给服务器，不保存在本机。", "The password goes to the server only; it is never stored on this phone.")}</p>
            <button type="submit" class="primary" disabled=move || busy.get()>{c.t("登录", "Log in")}</button>
        </form>
    }
}

/// The sync button and when the last sync succeeded.
#[component]
fn SyncNow() -> impl IntoView {
    let c = use_ctx();
    let s = use_sync();
    view! {
        <p>
            <button type="button" data-testid="settings-sync" disabled=move || s.running.get() on:click=move |_| s.sync_now(c)>
                {c.t("立即同步", "Sync now")}
            </button>
            " "
            {move || s.last_ok.get().map(|t| format!("{}{}", c.t("上次成功同步：", "Last successful sync: "), format_beijing(t)))}
        </p>
    }
}

/// Who is logged in, in which server roles, whom this device records as, and the
/// log-out button (nothing when no one is logged in).
#[component]
fn SessionInfo(
    pick: RwSignal<String>,
    msg: RwSignal<String>,
    err: RwSignal<String>,
) -> impl IntoView {
    let c = use_ctx();
    let s = use_sync();
    let logout = move |_| log_out(c, s, msg, err);
    move || {
        let session = s.session.get()?;
        let n = session.name.clone().unwrap_or_default();
        let user = c.user.get();
        Some(view! {
            <div data-testid="session">
                <p>
                    {c.t("已登录：", "Logged in as ")}<b data-testid="session-name">{n.clone()}</b>
                    " · "{c.t("服务器角色：", "server roles: ")}
                    <span data-testid="session-roles">{role_list(c, &session.roles)}</span>
                </p>
                <p data-testid="device-user">
                    {c.t("本机使用人（记录的登记人）：", "This device records as: ")}
                    {user.as_ref().map(|u| format!("{} · {}", u.name, u.role.label(c.is_zh()))).unwrap_or_default()}
                </p>
                {session_roles(c, &session, user.as_ref(), pick, msg)}
                <button type="button" data-testid="logout" on:click=logout>{c.t("退出登录", "Log out")}</button>
            </div>
        })
    }
}

/// Log out of the server.
fn log_out(c: Ctx, s: SyncCtx, msg: RwSignal<String>, err: RwSignal<String>) {
    let Some(cfg) = s.server.get_untracked() else {
        return;
    };
    leptos::task::spawn_local(async move {
        match cfg.server().logout().await {
            Ok(()) => {
                s.session.set(None);
                msg.set(c.t("已退出登录。", "Logged out.").into());
            }
            Err(e) => err.set(e.message(c.is_zh())),
        }
    });
}

/// What the logged-in user's server roles mean here: none of ours (refused), a choice
/// among several, or a device user the server would refuse.
fn session_roles(
    c: Ctx,
    session: &Session,
    user: Option<&User>,
    pick: RwSignal<String>,
    msg: RwSignal<String>,
) -> impl IntoView {
    let n = session.name.clone().unwrap_or_default();
    let ours = our_roles(session);
    let mismatch = user
        .map(|u| u.name != n || !ours.contains(&u.role))
        .unwrap_or(true);
    view! {
        {ours.is_empty().then(|| view! {
            <p class="form-error" role="alert">{c.t(
                "此服务器用户没有本系统的角色（assessor、organizer、village_head、admin、recorder、cadre_chief、supervision_chief、approver、auditor），服务器会拒绝其记录。请管理员在服务器上为该用户添加角色；乡镇人员还需所在乡镇的角色 township:乡镇编号。",
                "This server user holds none of our roles (assessor, organizer, village_head, admin, recorder, cadre_chief, supervision_chief, approver, auditor); the server will refuse its entries. Ask the administrator to add a role; township staff also need their township's role township:<id>.")}</p>
        })}
        {(ours.len() > 1).then(|| role_picker(c, &ours, pick, msg))}
        {(mismatch && !ours.is_empty()).then(|| view! {
            <p class="hint warn">{c.t(
                "注意：本机使用人须与服务器登录用户同名、角色为其服务器角色之一，否则服务器会拒绝记录。",
                "Note: this device's user must be the logged-in server user, in one of its server roles, or the server refuses the entries.")}</p>
        })}
    }
}

/// Choose which of the user's server roles this device records in.
fn role_picker(
    c: Ctx,
    ours: &[Role],
    pick: RwSignal<String>,
    msg: RwSignal<String>,
) -> impl IntoView {
    let s = use_sync();
    let use_role = move |_| {
        if let (Some(session), Some(r)) = (
            s.session.get_untracked(),
            Role::from_key(&pick.get_untracked()),
        ) {
            msg.set(adopt(c, &session, Some(r)));
        }
    };
    view! {
        <div class="band">
            <select name="server-role" on:change=move |ev| pick.set(event_target_value(&ev))>
                <option value="">{c.t("选择角色…", "Choose a role…")}</option>
                {ours.iter().map(|r| view! { <option value=r.key()>{r.label(c.is_zh())}</option> }).collect_view()}
            </select>
            <button type="button" on:click=use_role>{c.t("以此角色记录", "Record in this role")}</button>
        </div>
    }
}

/// Documents from the server that were quarantined, and tamper alarms (shown on the
/// Data page next to the local quarantine).
#[component]
pub fn RemoteProblems() -> impl IntoView {
    let c = use_ctx();
    let s = use_sync();
    move || {
        let q = s.quarantine.get();
        let a = s.alarms.get();
        let r = s.refused.get();
        view! {
            {(!q.is_empty()).then(|| view! {
                <div class="banner error" data-testid="remote-quarantine">
                    <p>{c.t("服务器上的以下记录无法识别或内容与哈希不符，已隔离，未计入结果：", "These records from the server are unreadable or fail their hash; they are quarantined and not counted:")}</p>
                    <ul>{q.iter().map(|x| view! { <li><code>{x.id.clone()}</code>" — "{crate::store::quarantine_message(&x.reason, c.is_zh())}</li> }).collect_view()}</ul>
                </div>
            })}
            {(!r.is_empty()).then(|| view! {
                <div class="banner" data-testid="not-uploaded">
                    <p>{c.t("以下记录上次同步时未上传到服务器（仍保存在本机）：", "These records were not uploaded in the last sync (they stay on this phone):")}</p>
                    <ul>{r.iter().map(|(id, why)| view! { <li><code>{id.clone()}</code>" — "{why.clone()}</li> }).collect_view()}</ul>
                </div>
            })}
            {(!a.is_empty()).then(|| view! {
                <div class="banner error" data-testid="tamper-alarms">
                    <ul>{a.iter().map(|x| view! { <li>{x.message(c.is_zh())}</li> }).collect_view()}</ul>
                </div>
            })}
        }
    }
}

/// The databases this phone syncs for the logged-in user, in words.
#[component]
fn SyncedDatabases() -> impl IntoView {
    let c = use_ctx();
    let s = use_sync();
    move || {
        let scopes = s.scopes.get();
        (!scopes.is_empty()).then(|| {
            let names: Vec<String> = scopes.iter().map(|scope| scope_label(c, scope)).collect();
            view! {
                <p class="hint" data-testid="databases">
                    {c.t("本机同步：", "This phone syncs: ")}{names.join(c.t("、", ", "))}
                </p>
            }
        })
    }
}

fn scope_label(c: Ctx, scope: &crate::domain::access::Scope) -> String {
    use crate::domain::access::Scope;
    match scope {
        Scope::Common => c.t("基础信息与政策", "master data and policy").into(),
        Scope::Township(t) => {
            let name =
                c.with_state_untracked(|s| s.master.townships.get(t).map(|t| t.name.clone()));
            format!(
                "{}{}",
                name.unwrap_or_else(|| t.clone()),
                c.t("村级绩效考评", " village pay")
            )
        }
        Scope::Cadre => c.t("干部选任纪实", "cadre selection records").into(),
        Scope::Personal => c.t("个人有关事项", "personal matters").into(),
        Scope::Performance => c.t("实绩纪实", "performance records").into(),
        Scope::Audit => c.t("经济责任审计", "economic-responsibility audit").into(),
    }
}
