//! Which backups stay (rotation) and how a backup's id is read: its time and reason.

use std::collections::HashSet;

use std::path::Path;

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use super::{
    BackupInfo, BackupReason, FILE_PREFIX, FILE_SUFFIX, KEEP_DAILY, KEEP_PER_OTHER_REASON,
    KEEP_WEEKLY,
};

/// The ids rotation keeps among `backups` (newest first, as [`BackupFolder::list`] gives them):
/// - daily: the newest backup of each of the [`KEEP_DAILY`] newest days that have one;
///   then, going back, the newest of each ISO week whose newest is not kept already,
///   for [`KEEP_WEEKLY`] weeks. A daily backup every day thus keeps the last 7 days and
///   one backup from each of the 4 weeks before them.
/// - every other reason: its [`KEEP_PER_OTHER_REASON`] newest.
///
/// Only counts matter, never age: a database left alone for months keeps its backups.
pub(super) fn kept(backups: &[BackupInfo]) -> HashSet<&str> {
    let mut sorted: Vec<&BackupInfo> = backups.iter().collect();
    // Stable: backups of the same second stay in the order the list gives them.
    sorted.sort_by_key(|b| std::cmp::Reverse(b.created));
    let mut keep = HashSet::new();
    let daily: Vec<&BackupInfo> = sorted
        .iter()
        .copied()
        .filter(|b| b.reason == BackupReason::Daily)
        .collect();
    keep_newest_per_period(&daily, |d| (d.year(), d.ordinal()), KEEP_DAILY, &mut keep);
    keep_newest_per_period(
        &daily,
        |d| (d.iso_week().year(), d.iso_week().week()),
        KEEP_WEEKLY,
        &mut keep,
    );
    for &reason in BackupReason::ALL {
        if reason == BackupReason::Daily {
            continue;
        }
        keep.extend(
            sorted
                .iter()
                .filter(|b| b.reason == reason)
                .take(KEEP_PER_OTHER_REASON)
                .map(|b| b.id.as_str()),
        );
    }
    keep
}

/// Walks `newest_first`, taking the newest backup of each period not kept already, until
/// `n` are taken. A period whose newest is kept already counts as seen, not as taken.
fn keep_newest_per_period<'a, P: PartialEq>(
    newest_first: &[&'a BackupInfo],
    period: impl Fn(NaiveDate) -> P,
    n: usize,
    keep: &mut HashSet<&'a str>,
) {
    let mut last = None;
    let mut taken = 0;
    for backup in newest_first {
        if taken == n {
            break;
        }
        let p = period(backup.created.date());
        if last.as_ref() == Some(&p) {
            continue;
        }
        last = Some(p);
        if keep.insert(backup.id.as_str()) {
            taken += 1;
        }
    }
}

/// Creation time and reason from an id such as `20261201-193005-daily` or
/// `20261201-193005-manual-2`.
pub(super) fn parse_id(id: &str) -> Option<(NaiveDateTime, BackupReason)> {
    let stamp = id.get(..15)?;
    let canonical = stamp.bytes().enumerate().all(|(i, b)| {
        if i == 8 {
            b == b'-'
        } else {
            b.is_ascii_digit()
        }
    });
    if !canonical {
        return None;
    }
    let created = NaiveDateTime::parse_from_str(stamp, "%Y%m%d-%H%M%S").ok()?;
    let rest = id.get(15..)?.strip_prefix('-')?;
    BackupReason::ALL.iter().find_map(|&reason| {
        let tail = rest.strip_prefix(reason.code())?;
        let counter_ok = match tail.strip_prefix('-') {
            None => tail.is_empty(),
            Some(n) => {
                !n.is_empty() && !n.starts_with('0') && n.bytes().all(|b| b.is_ascii_digit())
            }
        };
        counter_ok.then_some((created, reason))
    })
}

/// The id in what a person typed: the id itself, or the backup's file name or path.
pub(super) fn typed_id(input: &str) -> &str {
    let input = input.trim();
    let name = Path::new(input)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(input);
    let name = name.strip_prefix(FILE_PREFIX).unwrap_or(name);
    name.strip_suffix(FILE_SUFFIX).unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_parse_with_reason_and_counter_and_nothing_else() {
        let at = NaiveDate::from_ymd_opt(2026, 12, 1)
            .and_then(|d| d.and_hms_opt(19, 30, 5))
            .expect("valid");
        assert_eq!(
            parse_id("20261201-193005-daily"),
            Some((at, BackupReason::Daily))
        );
        assert_eq!(
            parse_id("20261201-193005-before-migration"),
            Some((at, BackupReason::BeforeMigration))
        );
        assert_eq!(
            parse_id("20261201-193005-manual-2"),
            Some((at, BackupReason::Manual))
        );
        for bad in [
            "20261201-193005",
            "20261201-193005-weekly",
            "20261201-193005-daily-",
            "20261201-193005-daily-02",
            "20261201-193005-dailyx",
            "20261301-193005-daily",
            "2026120-1193005-daily",
            "+2026121-193005-daily",
            "",
        ] {
            assert_eq!(parse_id(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_typed_id_may_be_the_file_name_or_path() {
        assert_eq!(typed_id(" 20261201-193005-daily "), "20261201-193005-daily");
        assert_eq!(
            typed_id("murmelglas-20261201-193005-daily.sqlite3"),
            "20261201-193005-daily"
        );
        assert_eq!(
            typed_id("/x/murmelglas-backups/murmelglas-20261201-193005-daily.sqlite3"),
            "20261201-193005-daily"
        );
    }
}
