//! Moving to the team's server: a local file's members, settings, contacts and feedback
//! copied into the team database under their own ids, so a second upload (or one from
//! another computer that imported the same contacts) adds nothing twice; and its goals,
//! measures, rules and meetings while the server has none of its own.

use serde::Serialize;

use super::{ContactFilter, Result, Store};
use crate::domain::Settings;

/// What an upload did.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Uploaded {
    pub contacts_added: u64,
    pub contacts_present: u64,
    pub members_added: u64,
    pub members_present: u64,
    /// The file's team settings became the server's (it had none of its own yet).
    pub settings_copied: bool,
    /// Feedback items copied, and those the server already had.
    pub feedback_added: u64,
    pub feedback_present: u64,
    /// The file's goals, measures, rules and meetings, and whether they were copied.
    pub cycle: super::CycleUploaded,
}

/// Copies everything of `from` into `to`, each part in its own transaction.
pub fn upload(from: &Store, to: &mut Store) -> Result<Uploaded> {
    let mut done = Uploaded::default();
    for member in from.list_members(true)? {
        if to.member_id(&member.name)?.is_some() {
            done.members_present += 1;
            continue;
        }
        to.insert_member(&member.name)?;
        if !member.active {
            to.set_member_active(&member.name, false)?;
        }
        done.members_added += 1;
    }
    // The first computer's settings become the team's; later uploads keep what the team
    // has set since.
    if to.get_settings()? == Settings::default() && to.count_contacts()? == 0 {
        to.update_settings(&from.get_settings()?)?;
        to.update_feedback_settings(&from.feedback_settings()?)?;
        done.settings_copied = true;
    }
    let ((), counts) = to.bulk(|sink| {
        from.for_each_contact(&ContactFilter::default(), |contact| sink.add(&contact))
    })?;
    done.contacts_added = counts.added;
    done.contacts_present = counts.already_present;
    // Feedback after the contacts it links to; causes the server lacks come along.
    let known = to.list_causes(true)?;
    let new_causes: Vec<_> = from
        .list_causes(true)?
        .into_iter()
        .filter(|c| known.iter().all(|k| k.code != c.code))
        .collect();
    let imported = to.import_feedback(&from.list_feedback()?, &new_causes)?;
    done.feedback_added = imported.added;
    done.feedback_present = imported.already_present;
    // After the members and contacts: measures name their owners, minutes their stories.
    done.cycle = super::cycle::upload_cycle(from, to)?;
    Ok(done)
}
