//! Reaching the team server: the URL taken apart (password kept out of what is shown),
//! TLS as libpq's `sslmode` names it, and PostgreSQL's errors in words and kinds a person
//! (or their IT) can act on.

use std::time::Duration;

use postgres::{Client, Config, NoTls};

use crate::domain;
use crate::store::{Result, ServerProblem, StoreError};

/// How long connecting may take before the server counts as unreachable.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// Whether `text` names a PostgreSQL database rather than a file.
pub fn is_url(text: &str) -> bool {
    text.starts_with("postgres://") || text.starts_with("postgresql://")
}

/// How the connection is secured, as libpq's `sslmode` says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tls {
    Disable,
    /// Encrypt when the server offers it (the default).
    Prefer,
    /// Encrypt always; the certificate is not checked (libpq's `require`).
    Require,
    /// Encrypt always and check the certificate and host name.
    VerifyFull,
}

/// A database URL taken apart: its settings, the TLS mode, and a form to show (no password).
pub(super) struct Target {
    config: Config,
    tls: Tls,
    pub(super) shown: String,
}

pub(super) fn parse_target(url: &str) -> Result<Target> {
    let bad = |reason: &str| StoreError::ServerUrl {
        url: domain::shorten(&shown_url(url), 120),
        reason: reason.to_string(),
    };
    // `sslmode` is read here: the driver knows fewer modes than libpq.
    let (base, query) = url.split_once('?').unwrap_or((url, ""));
    let mut tls = Tls::Prefer;
    let mut kept = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        match pair.split_once('=') {
            Some(("sslmode", mode)) => {
                tls = match mode {
                    "disable" => Tls::Disable,
                    "allow" | "prefer" => Tls::Prefer,
                    "require" => Tls::Require,
                    "verify-ca" | "verify-full" => Tls::VerifyFull,
                    _ => {
                        return Err(bad(
                            "sslmode is one of disable, prefer, require, verify-full",
                        ))
                    }
                }
            }
            _ => kept.push(pair),
        }
    }
    let url = if kept.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", kept.join("&"))
    };
    let mut config: Config = url
        .parse()
        .map_err(|e: postgres::Error| bad(&e.to_string()))?;
    if config.get_password().is_none() {
        // Where no keyring answers, the password comes from the environment, as psql's.
        if let Ok(password) = std::env::var("PGPASSWORD") {
            config.password(password);
        }
    }
    if config.get_dbname().is_none() {
        return Err(bad(
            "the URL names no database (postgres://user@host/DATABASE)",
        ));
    }
    config.connect_timeout(CONNECT_TIMEOUT);
    config.application_name("murmelglas");
    config.ssl_mode(match tls {
        Tls::Disable => postgres::config::SslMode::Disable,
        Tls::Prefer => postgres::config::SslMode::Prefer,
        Tls::Require | Tls::VerifyFull => postgres::config::SslMode::Require,
    });
    Ok(Target {
        config,
        tls,
        shown: shown_url(url.as_str()),
    })
}

/// A URL without its password, for messages and the window.
pub fn shown_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    match rest.split_once('@') {
        Some((user, host)) => {
            let user = user.split(':').next().unwrap_or_default();
            format!("{scheme}://{user}@{host}")
        }
        None => url.to_string(),
    }
}

pub(super) fn connect(target: &Target) -> Result<Client> {
    let result = match target.tls {
        Tls::Disable => target.config.connect(NoTls),
        tls => {
            let connector = native_tls::TlsConnector::builder()
                .danger_accept_invalid_certs(tls != Tls::VerifyFull)
                .danger_accept_invalid_hostnames(tls != Tls::VerifyFull)
                .build()
                .map_err(|e| StoreError::ServerUrl {
                    url: target.shown.clone(),
                    reason: format!("TLS cannot be set up here: {e}"),
                })?;
            target
                .config
                .connect(postgres_native_tls::MakeTlsConnector::new(connector))
        }
    };
    result.map_err(|e| server_error(&target.shown, &e))
}

/// The server could not be used: why in words, and what kind of problem it is.
pub(super) fn server_error(url: &str, e: &postgres::Error) -> StoreError {
    StoreError::Server {
        url: url.to_string(),
        problem: server_problem(e),
        reason: describe_postgres(e),
    }
}

/// What kind of problem PostgreSQL's error is, from its SQLSTATE or the connection's fate.
fn server_problem(e: &postgres::Error) -> ServerProblem {
    use postgres::error::SqlState;
    if let Some(db) = e.as_db_error() {
        return match *db.code() {
            SqlState::INVALID_PASSWORD | SqlState::INVALID_AUTHORIZATION_SPECIFICATION => {
                ServerProblem::Login
            }
            SqlState::INVALID_CATALOG_NAME => ServerProblem::NoDatabase,
            SqlState::INSUFFICIENT_PRIVILEGE => ServerProblem::Rights,
            _ => ServerProblem::Other,
        };
    }
    // In the order `describe_postgres` tells them apart: a lost or refused connection
    // first, then TLS.
    let text = e.to_string();
    let source = std::error::Error::source(e)
        .map(ToString::to_string)
        .unwrap_or_default();
    let lost = e.is_closed()
        || text.contains("connection closed")
        || [
            "Connection refused",
            "timed out",
            "failed to lookup",
            "Name or service not known",
        ]
        .iter()
        .any(|s| source.contains(s))
        || text.contains("timed out");
    let tls = text.contains("TLS") || source.contains("certificate") || source.contains("ssl");
    if !lost && tls {
        ServerProblem::Tls
    } else {
        ServerProblem::Unreachable
    }
}

/// PostgreSQL's error in words a person (or their IT) can act on.
pub(in crate::store) fn describe_postgres(e: &postgres::Error) -> String {
    use postgres::error::SqlState;
    if let Some(db) = e.as_db_error() {
        return match *db.code() {
            SqlState::INVALID_PASSWORD | SqlState::INVALID_AUTHORIZATION_SPECIFICATION => {
                "the server refused the user name or password".into()
            }
            SqlState::INVALID_CATALOG_NAME => "the server has no database of that name".into(),
            SqlState::INSUFFICIENT_PRIVILEGE => format!(
                "the server's user lacks a right it needs ({}); ask IT to grant it",
                db.message()
            ),
            SqlState::DISK_FULL => "the server's disk is full; nothing was written".into(),
            _ => format!("the server says: {}", db.message()),
        };
    }
    let text = e.to_string();
    let source = std::error::Error::source(e)
        .map(ToString::to_string)
        .unwrap_or_default();
    if e.is_closed() || text.contains("connection closed") {
        "the connection to the server was lost".into()
    } else if source.contains("Connection refused") {
        "nothing answers at that host and port (is the server running, is the port right?)".into()
    } else if source.contains("timed out") || text.contains("timed out") {
        "the server did not answer in time (host unreachable, firewall or VPN?)".into()
    } else if source.contains("failed to lookup") || source.contains("Name or service not known") {
        "the host name is unknown".into()
    } else if text.contains("TLS") || source.contains("certificate") || source.contains("ssl") {
        format!(
            "TLS failed: {}",
            if source.is_empty() { &text } else { &source }
        )
    } else if source.is_empty() {
        text
    } else {
        format!("{text}: {source}")
    }
}
