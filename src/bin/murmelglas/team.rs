//! `members …` and `settings …`: the team, its settings and its data protection.

use std::io::Write;

use murmelglas::backup::{BackupFolder, BackupReason};
use murmelglas::datetime;
use murmelglas::domain::{parse_retention_months, Code, WeekStart};
use murmelglas::export;
use murmelglas::store::{self, Store};

use crate::args::*;
use crate::Failure;

pub(crate) fn members(
    store: &mut Store,
    action: MembersAction,
    out: &mut impl Write,
) -> Result<(), Failure> {
    match action {
        MembersAction::Add { name } => {
            let m = store.insert_member(&name)?;
            writeln!(out, "Added {}.", m.name)?;
        }
        MembersAction::List { all, format } => {
            let members = store.list_members(all)?;
            match format {
                TableOrJson::Json => {
                    serde_json::to_writer_pretty(&mut *out, &members)?;
                    writeln!(out)?;
                }
                TableOrJson::Table => {
                    if members.is_empty() {
                        writeln!(
                            out,
                            "No team members yet; add one with `murmelglas members add NAME`."
                        )?;
                    }
                    for m in members {
                        writeln!(
                            out,
                            "{}{}",
                            m.name,
                            if m.active { "" } else { " (inactive)" }
                        )?;
                    }
                }
            }
        }
        MembersAction::Rename { old, new } => {
            let m = store.rename_member(&old, &new)?;
            writeln!(out, "Renamed {old} to {}.", m.name)?;
        }
        MembersAction::Deactivate { name } => {
            let m = store.set_member_active(&name, false)?;
            writeln!(out, "Deactivated {}; their contacts stay.", m.name)?;
        }
        MembersAction::Activate { name } => {
            let m = store.set_member_active(&name, true)?;
            writeln!(out, "Activated {}.", m.name)?;
        }
        MembersAction::Erase { name } => {
            let erased = store.erase_member(&name)?;
            let folder = BackupFolder::of_store(store)?;
            writeln!(
                out,
                "Erased {}: {} contacts, {} of them with a story. Backups in {} still hold them until they are rotated out (at most five weeks).",
                erased.member,
                erased.contacts,
                erased.stories,
                folder.path().display()
            )?;
        }
        MembersAction::ExportData {
            name,
            out: file,
            force,
        } => {
            let data = store.member_data(&name)?;
            export::write_json_file(&data, &file, force)?;
            writeln!(
                out,
                "Wrote everything stored about {} ({} contacts) to {}.",
                data.member.name,
                data.contacts.len(),
                file.display()
            )?;
        }
    }
    Ok(())
}

pub(crate) fn settings(
    store: &mut Store,
    action: Option<SettingsAction>,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let mut settings = store.get_settings()?;
    match action.unwrap_or(SettingsAction::Show {
        format: TableOrJson::Table,
    }) {
        SettingsAction::Show {
            format: TableOrJson::Json,
        } => {
            serde_json::to_writer_pretty(&mut *out, &settings)?;
            writeln!(out)?;
        }
        SettingsAction::Show { .. } => {
            writeln!(out, "team-name   {}", settings.team_name)?;
            writeln!(out, "language    {}", settings.language)?;
            writeln!(out, "week-start  {}", settings.week_start)?;
            writeln!(
                out,
                "default-channel {}",
                settings.default_channel.map_or("none", |c| c.code())
            )?;
            writeln!(
                out,
                "hide-team-jar {}",
                if settings.hide_team_jar { "on" } else { "off" }
            )?;
            writeln!(
                out,
                "anonymous-only {}",
                if settings.anonymous_only { "on" } else { "off" }
            )?;
            writeln!(
                out,
                "story-retention-months {}",
                settings
                    .story_retention_months
                    .map_or("off".to_string(), |m| m.to_string())
            )?;
        }
        SettingsAction::Set {
            key: SettingKey::AnonymousOnly,
            value,
            strip_existing,
        } => anonymous_only(store, parse_switch(&value)?, strip_existing, out)?,
        SettingsAction::Set {
            key: SettingKey::StoryRetentionMonths,
            value,
            ..
        } => {
            settings.story_retention_months = parse_retention_months(&value)?;
            store.update_settings(&settings)?;
            match store.apply_story_retention(datetime::today())? {
                None => writeln!(out, "Saved. Stories are kept.")?,
                Some(purged) => writeln!(
                    out,
                    "Saved. Deleted {purged} {} from before {}; from now on stories older than {} months are deleted.",
                    if purged == 1 { "story" } else { "stories" },
                    store::retention_cutoff(
                        datetime::today(),
                        settings.story_retention_months.unwrap_or_default()
                    )
                    .format("%d.%m.%Y"),
                    settings.story_retention_months.unwrap_or_default()
                )?,
            }
        }
        SettingsAction::Set { key, value, .. } => {
            match key {
                SettingKey::TeamName => settings.team_name = value.trim().to_string(),
                SettingKey::Language => settings.language = value.parse()?,
                SettingKey::WeekStart => settings.week_start = value.parse::<WeekStart>()?,
                SettingKey::Target => {
                    return Err(Failure(vec![
                        "the target is a goal now, with a start date: `murmelglas goal add TEXT --target 60 [--from DATE]`; see `murmelglas goal list`".into(),
                    ]))
                }
                SettingKey::DefaultChannel => {
                    settings.default_channel = match value.trim() {
                        "" | "none" | "keine" => None,
                        v => Some(v.parse()?),
                    }
                }
                SettingKey::HideTeamJar => settings.hide_team_jar = parse_switch(&value)?,
                SettingKey::AnonymousOnly | SettingKey::StoryRetentionMonths => {
                    unreachable!("handled above")
                }
            }
            store.update_settings(&settings)?;
            writeln!(out, "Saved.")?;
        }
    }
    Ok(())
}

/// `anonymous-only on|off`: no member with new contacts; with `strip`, also none with the
/// stored ones, after a backup (one transaction; cannot be undone but from the backup).
pub(crate) fn anonymous_only(
    store: &mut Store,
    on: bool,
    strip: bool,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let mut settings = store.get_settings()?;
    if on && strip {
        let named = store.count_named_contacts()?;
        let backup = if named > 0 {
            let folder = BackupFolder::of_store(store)?;
            Some(folder.create(store, BackupReason::BeforeAnonymizing, datetime::now())?)
        } else {
            None
        };
        let stripped = store.strip_members()?;
        writeln!(
            out,
            "Saved. Took the member off {stripped} {}{}; new contacts store no member.",
            if stripped == 1 { "contact" } else { "contacts" },
            backup.map_or(String::new(), |b| format!(" (backup {} made first)", b.id)),
        )?;
        return Ok(());
    }
    if !on && strip {
        return Err(Failure(vec![
            "--strip-existing goes with anonymous-only on".into(),
        ]));
    }
    settings.anonymous_only = on;
    store.update_settings(&settings)?;
    let named = store.count_named_contacts()?;
    if on && named > 0 {
        writeln!(
            out,
            "Saved. New contacts store no member. {named} stored {} still name someone; `murmelglas settings set anonymous-only on --strip-existing` takes the names off them (after a backup; this cannot be undone).",
            if named == 1 { "contact" } else { "contacts" }
        )?;
    } else {
        writeln!(out, "Saved.")?;
    }
    Ok(())
}

/// `on`/`off` and their usual spellings, German too.
pub(crate) fn parse_switch(value: &str) -> Result<bool, Failure> {
    match value.trim().to_lowercase().as_str() {
        "on" | "yes" | "true" | "1" | "an" | "ja" => Ok(true),
        "off" | "no" | "false" | "0" | "aus" | "nein" => Ok(false),
        other => Err(Failure(vec![format!(
            "'{}' is not on or off",
            murmelglas::domain::shorten(other, 40)
        )])),
    }
}
