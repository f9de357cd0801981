//! Reading and writing dates and times the way people and spreadsheets write them, and
//! pinning local wall-clock times to the UTC offset that was in force.

use crate::domain::shorten;
use chrono::{
    DateTime, FixedOffset, Local, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone,
    Timelike,
};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("'{0}' is not a date; write 2026-11-23 or 23.11.2026")]
    BadDate(String),
    #[error("'{0}' is not a date and time; write 2026-11-23 14:05, 23.11.2026 14:05 or 2026-11-23T14:05:00+01:00")]
    BadDateTime(String),
    #[error("{0} does not exist in local time (the clocks skip it)")]
    SkippedLocalTime(String),
    #[error("{0} is before 1970 or after 9999")]
    OutOfRange(String),
    #[error("{0}: the UTC offset lies beyond ±18:00, which no time zone uses")]
    OffsetOutOfRange(String),
}

const DATE_FORMATS: &[&str] = &["%Y-%m-%d", "%d.%m.%Y"];

/// Naive date-time forms: ISO, German with four- and two-digit years (what a spreadsheet
/// writes back), each with and without seconds.
const DATETIME_FORMATS: &[&str] = &[
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d.%m.%y %H:%M:%S",
    "%d.%m.%y %H:%M",
];

/// Parses a calendar date: `2026-11-23`, `23.11.2026` (also `23.11.26`).
pub fn parse_date(s: &str) -> Result<NaiveDate, DateError> {
    let t = s.trim();
    // `%Y` would read `26` as the year 26, so the two-digit form goes first, by length.
    if t.len() == 8 {
        if let Ok(d) = NaiveDate::parse_from_str(t, "%d.%m.%y") {
            return Ok(d);
        }
    }
    for fmt in DATE_FORMATS {
        if let Ok(d) = NaiveDate::parse_from_str(t, fmt) {
            return check_year(d, s);
        }
    }
    Err(DateError::BadDate(shorten(s, 40)))
}

fn check_year(d: NaiveDate, original: &str) -> Result<NaiveDate, DateError> {
    use chrono::Datelike;
    if (1970..=9999).contains(&d.year()) {
        Ok(d)
    } else {
        Err(DateError::OutOfRange(shorten(original, 40)))
    }
}

/// Parses a point in time. With an offset (RFC 3339) it is taken as written; without one
/// it is local time on this machine, with the offset in force then (daylight saving aware).
/// A bare date means midnight.
pub fn parse_datetime(s: &str) -> Result<DateTime<FixedOffset>, DateError> {
    parse_datetime_in(s, &Local)
}

/// [`parse_datetime`] with an explicit time zone for wall-clock forms.
pub fn parse_datetime_in<Tz: TimeZone>(
    s: &str,
    tz: &Tz,
) -> Result<DateTime<FixedOffset>, DateError> {
    let t = s.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(t) {
        return check_range(dt, s);
    }
    // RFC 3339 with a space instead of the T, as some tools write.
    if let Ok(dt) = DateTime::parse_from_str(t, "%Y-%m-%d %H:%M:%S%:z") {
        return check_range(dt, s);
    }
    let naive = match parse_naive(t) {
        Some(naive) => naive,
        // A bare date outside the years we keep says so, rather than "not a date".
        None => match parse_date(t) {
            Err(e @ DateError::OutOfRange(_)) => return Err(e),
            _ => return Err(DateError::BadDateTime(shorten(s, 40))),
        },
    };
    let dt = resolve_local(naive, tz)?;
    check_range(dt, s)
}

fn parse_naive(t: &str) -> Option<NaiveDateTime> {
    // `%Y` would read `26` as the year 26: a dd.mm.yy date part only tries the `%y` forms.
    let short_year = t.contains('.') && t.split_whitespace().next().map(str::len) == Some(8);
    for fmt in DATETIME_FORMATS {
        if fmt.contains("%y") != short_year {
            continue;
        }
        if let Ok(dt) = NaiveDateTime::parse_from_str(t, fmt) {
            return Some(dt);
        }
    }
    parse_date(t).ok().map(|d| d.and_time(NaiveTime::MIN))
}

/// Pins a wall-clock time to its offset in `tz`. In the repeated hour of a clock change
/// the earlier of the two is taken.
pub fn resolve_local<Tz: TimeZone>(
    naive: NaiveDateTime,
    tz: &Tz,
) -> Result<DateTime<FixedOffset>, DateError> {
    let skipped = || DateError::SkippedLocalTime(naive.format("%d.%m.%Y %H:%M").to_string());
    let candidate = match tz.from_local_datetime(&naive) {
        LocalResult::Single(dt) => dt.fixed_offset(),
        // chrono orders the two candidates by offset, not by instant: pick the instant.
        LocalResult::Ambiguous(a, b) => {
            if a.timestamp() <= b.timestamp() { a } else { b }.fixed_offset()
        }
        LocalResult::None => return Err(skipped()),
    };
    // The offset must be the one in force at that instant: at the first minute of a gap
    // (02:00 on the day clocks spring forward) a zone may answer with the offset of
    // either side, naming a wall-clock time that never showed.
    let back = tz.from_utc_datetime(&candidate.naive_utc()).fixed_offset();
    if back.naive_local() != naive || back.offset() != candidate.offset() {
        return Err(skipped());
    }
    Ok(candidate)
}

fn check_range(
    dt: DateTime<FixedOffset>,
    original: &str,
) -> Result<DateTime<FixedOffset>, DateError> {
    // The store keeps offsets of at most 18 hours, the most ISO 8601 and every real zone
    // need; RFC 3339 alone would allow +23:59.
    if dt.offset().local_minus_utc().abs() > 18 * 3600 {
        return Err(DateError::OffsetOutOfRange(shorten(original, 40)));
    }
    let local = dt.naive_local().and_utc().timestamp();
    if (0..=253_402_300_799).contains(&local) && dt.timestamp() >= 0 {
        Ok(dt)
    } else {
        Err(DateError::OutOfRange(shorten(original, 40)))
    }
}

/// Now, in local time, to the second (the store keeps whole seconds).
pub fn now() -> DateTime<FixedOffset> {
    let now = Local::now().fixed_offset();
    now.with_nanosecond(0).unwrap_or(now)
}

/// Today's local date.
pub fn today() -> NaiveDate {
    Local::now().date_naive()
}

/// `23.11.2026 14:05:00`: the local time as the German export writes it.
pub fn format_german(dt: &DateTime<FixedOffset>) -> String {
    dt.format("%d.%m.%Y %H:%M:%S").to_string()
}

/// `2026-11-23T14:05:00+01:00`.
pub fn format_rfc3339(dt: &DateTime<FixedOffset>) -> String {
    dt.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, false)
}

/// Serde for contact times: always RFC 3339 with a numeric offset (`+00:00`, never `Z`),
/// the same text the CSV export writes.
pub mod rfc3339 {
    use chrono::{DateTime, FixedOffset};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(dt: &DateTime<FixedOffset>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::format_rfc3339(dt))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<FixedOffset>, D::Error> {
        let text = String::deserialize(d)?;
        DateTime::parse_from_rfc3339(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn berlin_like() -> FixedOffset {
        FixedOffset::east_opt(3600).expect("valid offset")
    }

    #[test]
    fn dates_in_both_notations() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date");
        assert_eq!(parse_date("2026-11-23"), Ok(d));
        assert_eq!(parse_date("23.11.2026"), Ok(d));
        assert_eq!(parse_date("23.11.26"), Ok(d));
        assert!(parse_date("31.02.2026").is_err());
        assert!(parse_date("gestern").is_err());
    }

    #[test]
    fn datetimes_with_and_without_offset() {
        let tz = berlin_like();
        let expected = DateTime::parse_from_rfc3339("2026-11-23T14:05:00+01:00").expect("rfc");
        for s in [
            "2026-11-23T14:05:00+01:00",
            "2026-11-23 14:05",
            "23.11.2026 14:05",
            "23.11.2026 14:05:00",
            "23.11.26 14:05",
        ] {
            assert_eq!(parse_datetime_in(s, &tz), Ok(expected), "{s}");
        }
        assert!(parse_datetime_in("23.11.2026 25:00", &tz).is_err());
        assert!(parse_datetime_in("1969-12-31T23:00:00+00:00", &tz).is_err());
    }

    #[test]
    fn the_repeated_hour_of_a_clock_change_resolves_to_the_first_pass() {
        // Berlin, 25.10.2026: 03:00 CEST becomes 02:00 CET, so 02:30 happens twice.
        // No process-wide TZ juggling: a zone that answers like chrono's Local does.
        let naive = NaiveDate::from_ymd_opt(2026, 10, 25)
            .and_then(|d| d.and_hms_opt(2, 30, 0))
            .expect("valid");
        #[derive(Clone)]
        struct Fold;
        impl TimeZone for Fold {
            type Offset = FixedOffset;
            fn from_offset(_: &FixedOffset) -> Self {
                Fold
            }
            fn offset_from_local_date(&self, _: &NaiveDate) -> LocalResult<FixedOffset> {
                LocalResult::None
            }
            fn offset_from_local_datetime(&self, _: &NaiveDateTime) -> LocalResult<FixedOffset> {
                // Ordered as chrono's Local gives them: the smaller offset first.
                LocalResult::Ambiguous(
                    FixedOffset::east_opt(3600).expect("+1"),
                    FixedOffset::east_opt(7200).expect("+2"),
                )
            }
            fn offset_from_utc_date(&self, _: &NaiveDate) -> FixedOffset {
                FixedOffset::east_opt(3600).expect("+1")
            }
            fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> FixedOffset {
                // Summer time ends at 01:00 UTC.
                let summer = utc.hour() < 1;
                FixedOffset::east_opt(if summer { 7200 } else { 3600 }).expect("offset")
            }
        }
        let dt = resolve_local(naive, &Fold).expect("ambiguous resolves");
        assert_eq!(dt.to_rfc3339(), "2026-10-25T02:30:00+02:00");
    }

    #[test]
    fn formats() {
        let dt = DateTime::parse_from_rfc3339("2026-03-05T07:08:09-05:30").expect("rfc");
        assert_eq!(format_german(&dt), "05.03.2026 07:08:09");
        assert_eq!(format_rfc3339(&dt), "2026-03-05T07:08:09-05:30");
    }
}
