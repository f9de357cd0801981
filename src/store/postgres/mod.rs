//! The PostgreSQL engine: one team database on a server the team's IT runs, which every
//! computer reads and writes directly. Here the schema (`migrations/postgres/`, applied by
//! `murmelglas server init`) and the queries on members and settings; `connect` reaches
//! the server (URL, password, TLS, errors in words), `contacts` holds the contacts'
//! queries, `bulk` imports and uploads, `feedback` and `cycle` their features, `rows` the
//! mapping.

mod bulk;
mod connect;
mod contacts;
mod cycle;
mod feedback;
mod rows;

use std::cell::RefCell;

use postgres::Client;

use super::{Erased, MemberData, Result, StoreError};
use crate::domain::{self, Code, Lang, Member, Settings, WeekStart};
pub(in crate::store) use connect::describe_postgres;
use connect::{connect, parse_target, server_error};
pub use connect::{is_url, shown_url};
use rows::contact_from_row;

/// The migrations in `migrations/postgres/`, in file-name order (see `build.rs`); the
/// position is the server schema's version.
const MIGRATION_SQL: &[(&str, &str)] =
    include!(concat!(env!("OUT_DIR"), "/postgres_migrations.rs"));

/// The newest server schema version this build knows.
pub const SERVER_SCHEMA_VERSION: i64 = MIGRATION_SQL.len() as i64;

/// Serialises `server init` runs on one database (any number the other clients do not
/// use; `MRMG` as in the SQLite file's header).
const INIT_LOCK: i64 = 0x4D52_4D47;

/// An open connection to a team database on PostgreSQL with a schema this build knows.
pub struct PostgresStore {
    client: RefCell<Client>,
    shown: String,
}

impl PostgresStore {
    /// Connects to the database at `url` and checks that it holds Murmelglas's schema at
    /// a version this build knows; nothing is written.
    pub fn open(url: &str) -> Result<PostgresStore> {
        let target = parse_target(url)?;
        let mut client = connect(&target)?;
        let version = schema_version(&mut client, &target.shown)?;
        match version {
            None => Err(StoreError::ServerNotInitialised {
                url: target.shown.clone(),
            }),
            Some(found) if found > SERVER_SCHEMA_VERSION => Err(StoreError::TooNew {
                path: target.shown.clone(),
                found,
                known: SERVER_SCHEMA_VERSION,
            }),
            Some(found) if found < SERVER_SCHEMA_VERSION => Err(StoreError::ServerSchemaOld {
                url: target.shown.clone(),
                found,
                known: SERVER_SCHEMA_VERSION,
            }),
            Some(_) => Ok(PostgresStore {
                client: RefCell::new(client),
                shown: target.shown,
            }),
        }
    }

    /// Creates or upgrades the schema, as the database's owner (`murmelglas server init`);
    /// several at once wait for each other. Returns the versions before and after.
    pub fn init(url: &str, grant_to: Option<&str>) -> Result<(i64, i64)> {
        let target = parse_target(url)?;
        let mut client = connect(&target)?;
        let shown = target.shown.clone();
        let server = |e: postgres::Error| server_error(&shown, &e);
        let mut tx = client.transaction().map_err(server)?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&INIT_LOCK])
            .map_err(server)?;
        tx.batch_execute(
            "CREATE TABLE IF NOT EXISTS murmelglas_schema (\
                 id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL); \
             COMMENT ON TABLE murmelglas_schema IS 'Murmelglas: the schema version of this database'",
        )
        .map_err(server)?;
        let before: i64 = tx
            .query_opt("SELECT version FROM murmelglas_schema WHERE id = 1", &[])
            .map_err(server)?
            .map_or(0, |r| i64::from(r.get::<_, i32>(0)));
        if before == 0 {
            // A database that holds tables of its own is somebody else's.
            let foreign: i64 = tx
                .query_one(
                    "SELECT count(*) FROM information_schema.tables \
                     WHERE table_schema = current_schema() AND table_name <> 'murmelglas_schema'",
                    &[],
                )
                .map_err(server)?
                .get(0);
            if foreign > 0 {
                return Err(StoreError::Foreign { path: shown });
            }
        }
        if before > SERVER_SCHEMA_VERSION {
            return Err(StoreError::TooNew {
                path: shown,
                found: before,
                known: SERVER_SCHEMA_VERSION,
            });
        }
        for (name, sql) in &MIGRATION_SQL[before as usize..] {
            tx.batch_execute(sql).map_err(|e| StoreError::Migration {
                path: shown.clone(),
                to: SERVER_SCHEMA_VERSION,
                reason: format!("{name}: {}", describe_postgres(&e)),
            })?;
        }
        tx.execute(
            "INSERT INTO murmelglas_schema (id, version) VALUES (1, $1) \
             ON CONFLICT (id) DO UPDATE SET version = excluded.version",
            &[&(SERVER_SCHEMA_VERSION as i32)],
        )
        .map_err(server)?;
        if let Some(role) = grant_to {
            // Rows only: the app and the CLI never change the schema.
            let role = format!("\"{}\"", role.replace('"', "\"\""));
            tx.batch_execute(&format!(
                "GRANT USAGE ON SCHEMA public TO {role}; \
                 GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}; \
                 GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}; \
                 REVOKE INSERT, UPDATE, DELETE ON murmelglas_schema, code FROM {role};"
            ))
            .map_err(server)?;
        }
        tx.commit().map_err(server)?;
        Ok((before, SERVER_SCHEMA_VERSION))
    }

    /// The database, without its password, as messages name it.
    pub fn shown_url(&self) -> &str {
        &self.shown
    }

    /// The client, for one query at a time (the store is used by one thread at once).
    fn client(&self) -> std::cell::RefMut<'_, Client> {
        self.client.borrow_mut()
    }

    /// Runs `f` in one transaction, committed only if it succeeds.
    fn write<T>(&self, f: impl FnOnce(&mut postgres::Transaction<'_>) -> Result<T>) -> Result<T> {
        let mut client = self.client();
        let mut tx = client.transaction()?;
        let value = f(&mut tx)?;
        tx.commit()?;
        Ok(value)
    }

    // ----- members -----

    pub fn member_id(&self, name: &str) -> Result<Option<i64>> {
        member_id_in(&mut *self.client(), name)
    }

    pub fn places(&self) -> Result<Vec<(i64, String)>> {
        let rows = self.client().query("SELECT id, name FROM place", &[])?;
        Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
    }

    pub fn list_members(&self, include_inactive: bool) -> Result<Vec<Member>> {
        let rows = self.client().query(
            "SELECT id, name, active FROM member WHERE active OR $1",
            &[&include_inactive],
        )?;
        let mut members: Vec<Member> = rows
            .iter()
            .map(|r| Member {
                id: r.get(0),
                name: r.get(1),
                active: r.get(2),
            })
            .collect();
        super::sort_members(&mut members);
        Ok(members)
    }

    pub fn insert_member(&mut self, name: &str) -> Result<Member> {
        let name = domain::check_member_name(name)?;
        self.write(|tx| {
            let row = tx.query_opt(
                "INSERT INTO member (name, name_key) VALUES ($1, $2) \
                 ON CONFLICT (name_key) DO NOTHING RETURNING id",
                &[&name, &name.to_lowercase()],
            )?;
            match row {
                Some(r) => Ok(Member {
                    id: r.get(0),
                    name,
                    active: true,
                }),
                None => Err(StoreError::MemberExists(name)),
            }
        })
    }

    pub fn rename_member(&mut self, old: &str, new: &str) -> Result<Member> {
        let new = domain::check_member_name(new)?;
        self.write(|tx| {
            let id = member_id_in(tx, old)?
                .ok_or_else(|| StoreError::UnknownMember(domain::shorten(old, 80)))?;
            if let Some(other) = member_id_in(tx, &new)? {
                if other != id {
                    return Err(StoreError::MemberExists(new));
                }
            }
            tx.execute(
                "UPDATE member SET name = $2, name_key = $3 WHERE id = $1",
                &[&id, &new, &new.to_lowercase()],
            )?;
            get_member_in(tx, id)
        })
    }

    pub fn set_member_active(&mut self, name: &str, active: bool) -> Result<Member> {
        self.write(|tx| {
            let id = member_id_in(tx, name)?
                .ok_or_else(|| StoreError::UnknownMember(domain::shorten(name, 80)))?;
            tx.execute(
                "UPDATE member SET active = $2 WHERE id = $1",
                &[&id, &active],
            )?;
            get_member_in(tx, id)
        })
    }

    // ----- data protection -----

    pub fn strip_members(&mut self) -> Result<u64> {
        self.write(|tx| {
            let stripped = tx.execute(
                "UPDATE contact SET member_id = NULL WHERE member_id IS NOT NULL",
                &[],
            )?;
            // Feedback keeps no name either: it stays, taken by nobody.
            tx.execute(
                "UPDATE feedback SET recorded_by = NULL WHERE recorded_by IS NOT NULL",
                &[],
            )?;
            tx.execute(
                "UPDATE settings SET anonymous_only = true WHERE id = 1",
                &[],
            )?;
            Ok(stripped)
        })
    }

    pub fn count_named_contacts(&self) -> Result<u64> {
        let n: i64 = self
            .client()
            .query_one(
                "SELECT count(*) FROM contact WHERE member_id IS NOT NULL",
                &[],
            )?
            .get(0);
        Ok(n.max(0) as u64)
    }

    pub fn count_stories_before(&self, before: chrono::NaiveDate) -> Result<u64> {
        let day = super::day_number(before);
        let n: i64 = self
            .client()
            .query_one(
                "SELECT count(*) FROM contact WHERE occurred_day < $1 AND note IS NOT NULL",
                &[&day],
            )?
            .get(0);
        Ok(n.max(0) as u64)
    }

    pub fn purge_stories_before(&mut self, before: chrono::NaiveDate) -> Result<u64> {
        let day = super::day_number(before);
        self.write(|tx| {
            Ok(tx.execute(
                "UPDATE contact SET note = NULL, note_folded = NULL, share_in_review = false \
                 WHERE occurred_day < $1 AND note IS NOT NULL",
                &[&day],
            )?)
        })
    }

    pub fn member_data(&self, name: &str) -> Result<MemberData> {
        let mut client = self.client();
        let id = member_id_in(&mut *client, name)?
            .ok_or_else(|| StoreError::UnknownMember(domain::shorten(name, 80)))?;
        let member = get_member_in(&mut *client, id)?;
        let rows = client.query(
            &format!(
                "SELECT {} FROM contact c LEFT JOIN member m ON m.id = c.member_id \
                 WHERE c.member_id = $1 ORDER BY c.occurred_local, c.id",
                rows::CONTACT_COLUMNS
            ),
            &[&id],
        )?;
        let contacts = rows.iter().map(contact_from_row).collect::<Result<_>>()?;
        Ok(MemberData {
            member,
            contacts,
            // Filled in by the Store, from what it reads for every engine.
            feedback: Vec::new(),
            measures: Vec::new(),
        })
    }

    pub fn erase_member(&mut self, name: &str) -> Result<Erased> {
        self.write(|tx| {
            let id = member_id_in(tx, name)?
                .ok_or_else(|| StoreError::UnknownMember(domain::shorten(name, 80)))?;
            let member = get_member_in(tx, id)?;
            let stories: i64 = tx
                .query_one(
                    "SELECT count(*) FROM contact WHERE member_id = $1 AND note IS NOT NULL",
                    &[&id],
                )?
                .get(0);
            let contacts = tx.execute("DELETE FROM contact WHERE member_id = $1", &[&id])?;
            tx.execute("DELETE FROM member WHERE id = $1", &[&id])?;
            Ok(Erased {
                member: member.name,
                contacts,
                stories: stories.max(0) as u64,
            })
        })
    }

    // ----- settings -----

    pub fn get_settings(&self) -> Result<Settings> {
        let row = self.client().query_one(
            "SELECT team_name, language, week_start, default_channel, \
                    hide_team_jar, anonymous_only, story_retention_months \
             FROM settings WHERE id = 1",
            &[],
        )?;
        Ok(Settings {
            team_name: row.get(0),
            language: row.get::<_, String>(1).parse::<Lang>()?,
            week_start: row.get::<_, String>(2).parse::<WeekStart>()?,
            default_channel: rows::decode(row.get::<_, Option<i16>>(3))?,
            hide_team_jar: row.get(4),
            anonymous_only: row.get(5),
            story_retention_months: row
                .get::<_, Option<i16>>(6)
                .and_then(|m| u8::try_from(m).ok()),
        })
    }

    pub fn update_settings(&mut self, settings: &Settings) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE settings SET team_name = $1, language = $2, week_start = $3, \
                 default_channel = $4, hide_team_jar = $5, \
                 anonymous_only = $6, story_retention_months = $7 WHERE id = 1",
                &[
                    &settings.team_name.trim(),
                    &settings.language.code(),
                    &settings.week_start.code(),
                    &settings.default_channel.map(|c| i16::from(c.db_id())),
                    &settings.hide_team_jar,
                    &settings.anonymous_only,
                    &settings.story_retention_months.map(i16::from),
                ],
            )?;
            Ok(())
        })
    }
}

/// The schema version the database holds: `None` when it holds none of ours.
fn schema_version(client: &mut Client, shown: &str) -> Result<Option<i64>> {
    let server = |e: postgres::Error| server_error(shown, &e);
    let exists: bool = client
        .query_one("SELECT to_regclass('murmelglas_schema') IS NOT NULL", &[])
        .map_err(server)?
        .get(0);
    if !exists {
        let tables: i64 = client
            .query_one(
                "SELECT count(*) FROM information_schema.tables \
                 WHERE table_schema = current_schema()",
                &[],
            )
            .map_err(server)?
            .get(0);
        return if tables > 0 {
            Err(StoreError::Foreign {
                path: shown.to_string(),
            })
        } else {
            Ok(None)
        };
    }
    Ok(client
        .query_opt("SELECT version FROM murmelglas_schema WHERE id = 1", &[])
        .map_err(server)?
        .map(|r| i64::from(r.get::<_, i32>(0))))
}

pub(super) fn member_id_in(
    client: &mut impl postgres::GenericClient,
    name: &str,
) -> Result<Option<i64>> {
    Ok(client
        .query_opt(
            "SELECT id FROM member WHERE name_key = $1",
            &[&name.trim().to_lowercase()],
        )?
        .map(|r| r.get(0)))
}

fn get_member_in(client: &mut impl postgres::GenericClient, id: i64) -> Result<Member> {
    let r = client.query_one("SELECT id, name, active FROM member WHERE id = $1", &[&id])?;
    Ok(Member {
        id: r.get(0),
        name: r.get(1),
        active: r.get(2),
    })
}
