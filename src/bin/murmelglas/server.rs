//! `murmelglas server …`: setting up the team's PostgreSQL database and moving a local
//! file's data into it.

use std::io::Write;
use std::path::Path;

use murmelglas::store::{self, upload, PostgresStore, Store};

use crate::args::ServerAction;
use crate::Failure;

pub(crate) fn server(db: &Path, action: ServerAction, out: &mut impl Write) -> Result<(), Failure> {
    let url = db
        .to_str()
        .filter(|p| store::postgres::is_url(p))
        .ok_or_else(|| {
            Failure(vec![format!(
                "{}: `server` commands need the team database as --db postgres://user@host/database",
                db.display()
            )])
        })?;
    match action {
        ServerAction::Init { grant_to } => {
            let (before, after) = PostgresStore::init(url, grant_to.as_deref())?;
            let shown = store::postgres::shown_url(url);
            if before == after {
                writeln!(out, "{shown}: the schema is up to date (version {after}).")?;
            } else if before == 0 {
                writeln!(
                    out,
                    "{shown}: created Murmelglas's tables (schema version {after})."
                )?;
            } else {
                writeln!(
                    out,
                    "{shown}: upgraded the schema from version {before} to {after}."
                )?;
            }
            if let Some(role) = grant_to {
                writeln!(
                    out,
                    "{role} may now read and write rows (and nothing else)."
                )?;
            }
        }
        ServerAction::Upload { file } => {
            if !file.exists() {
                return Err(Failure(vec![format!("{}: no such file", file.display())]));
            }
            let from = Store::open_read_only(&file)?;
            let mut to = Store::open_server(url)?;
            let done = upload(&from, &mut to)?;
            writeln!(
                out,
                "Uploaded {} to {}: {} contacts added, {} already there; {} members added, {} already there; {} feedback items added, {} already there; settings {}.",
                file.display(),
                to.location(),
                done.contacts_added,
                done.contacts_present,
                done.members_added,
                done.members_present,
                done.feedback_added,
                done.feedback_present,
                if done.settings_copied {
                    "copied (the server had none of its own yet)"
                } else {
                    "kept as the server has them"
                }
            )?;
            let c = done.cycle;
            let any = c.goals + c.measures + c.meetings + c.own_rules > 0;
            if c.copied {
                writeln!(
                    out,
                    "Goals, measures and meetings copied (the server had none yet): {} goals, {} measures, {} meetings, {} rules of the team's own.",
                    c.goals, c.measures, c.meetings, c.own_rules
                )?;
            } else if any {
                writeln!(
                    out,
                    "Not copied, because the server keeps goals, measures, meetings or rules of its own: {} goals, {} measures, {} meetings, {} rules of the team's own from this file.",
                    c.goals, c.measures, c.meetings, c.own_rules
                )?;
            }
        }
    }
    Ok(())
}
