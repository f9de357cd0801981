//! The date parser's promise: any text is a date and time, or an error, never a panic;
//! what is accepted lies between 1970 and 9999 and reads back as the same instant from
//! the text we write for it.

use chrono::{
    DateTime, Datelike, Days, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime,
    TimeDelta, TimeZone, Timelike, Weekday,
};
use murmelglas::datetime::{format_german, format_rfc3339, parse_date, parse_datetime_in};

/// Central European time by the EU rule (summer time from the last Sunday of March to the
/// last Sunday of October, 01:00 UTC), so the fuzzer meets skipped and repeated hours
/// without depending on the machine's zone database.
#[derive(Debug, Clone, Copy)]
pub struct CentralEurope;

const CET: i32 = 3600;
const CEST: i32 = 7200;

fn offset(seconds: i32) -> FixedOffset {
    FixedOffset::east_opt(seconds).expect("offset within a day")
}

fn last_sunday(year: i32, month: u32) -> Option<NaiveDate> {
    let first_of_next = NaiveDate::from_ymd_opt(year, month + 1, 1)?;
    let last = first_of_next.pred_opt()?;
    let back = last.weekday().num_days_from_sunday();
    last.checked_sub_days(Days::new(u64::from(back)))
        .filter(|d| d.weekday() == Weekday::Sun)
}

impl TimeZone for CentralEurope {
    type Offset = FixedOffset;

    fn from_offset(_: &FixedOffset) -> Self {
        CentralEurope
    }

    fn offset_from_local_date(&self, local: &NaiveDate) -> LocalResult<FixedOffset> {
        self.offset_from_local_datetime(&local.and_time(NaiveTime::MIN))
    }

    fn offset_from_local_datetime(&self, local: &NaiveDateTime) -> LocalResult<FixedOffset> {
        // A wall-clock time is valid with each offset that maps it to a UTC time carrying
        // that same offset: none in the skipped hour, both in the repeated one.
        let fits = |seconds: i32| {
            local
                .checked_sub_signed(TimeDelta::seconds(i64::from(seconds)))
                .is_some_and(|utc| self.offset_from_utc_datetime(&utc) == offset(seconds))
        };
        match (fits(CET), fits(CEST)) {
            (true, true) => LocalResult::Ambiguous(offset(CET), offset(CEST)),
            (true, false) => LocalResult::Single(offset(CET)),
            (false, true) => LocalResult::Single(offset(CEST)),
            (false, false) => LocalResult::None,
        }
    }

    fn offset_from_utc_date(&self, utc: &NaiveDate) -> FixedOffset {
        self.offset_from_utc_datetime(&utc.and_time(NaiveTime::MIN))
    }

    fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> FixedOffset {
        let one_am = NaiveTime::from_hms_opt(1, 0, 0).expect("01:00");
        let summer = last_sunday(utc.year(), 3)
            .zip(last_sunday(utc.year(), 10))
            .is_some_and(|(start, end)| {
                (start.and_time(one_am)..end.and_time(one_am)).contains(utc)
            });
        offset(if summer { CEST } else { CET })
    }
}

/// The first byte picks the zone for wall-clock times, the rest is the text.
pub fn check_bytes(data: &[u8]) {
    let Some((&zone, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    check_date(&text);
    match zone % 5 {
        0 => check_datetime(&text, &offset(0), Some(offset(0))),
        1 => check_datetime(&text, &offset(CET), Some(offset(CET))),
        2 => check_datetime(&text, &offset(86_340), Some(offset(86_340))),
        3 => check_datetime(&text, &offset(-86_340), Some(offset(-86_340))),
        _ => check_datetime(&text, &CentralEurope, None),
    }
}

/// `parse_date`: a date in 1970..=9999 that both notations give back.
pub fn check_date(text: &str) {
    let Ok(day) = parse_date(text) else {
        return;
    };
    assert!(
        (1970..=9999).contains(&day.year()),
        "parse_date({text:?}) accepted {day}, outside 1970..=9999"
    );
    for format in ["%Y-%m-%d", "%d.%m.%Y"] {
        let written = day.format(format).to_string();
        assert_eq!(
            parse_date(&written),
            Ok(day),
            "parse_date({text:?}) gave {day}, but {written:?} does not read back as it"
        );
    }
}

/// `parse_datetime_in`: an instant whose local date lies in 1970..=9999, not before
/// 1970 in UTC, and that reads back unchanged (offset included) from its RFC 3339 text,
/// and from the German text where the zone is that fixed offset.
pub fn check_datetime<Tz: TimeZone>(text: &str, zone: &Tz, fixed: Option<FixedOffset>) {
    let Ok(at) = parse_datetime_in(text, zone) else {
        return;
    };
    assert!(
        (1970..=9999).contains(&at.year()),
        "parse_datetime_in({text:?}) accepted {at}, outside 1970..=9999"
    );
    assert!(
        at.timestamp() >= 0,
        "parse_datetime_in({text:?}) accepted {at}, before 1970 in UTC"
    );
    let written = format_rfc3339(&at);
    let again = parse_datetime_in(&written, zone);
    assert_same(text, &written, at, again);
    if fixed == Some(*at.offset()) && at.nanosecond() == 0 {
        let german = format_german(&at);
        let again = parse_datetime_in(&german, zone);
        assert_same(text, &german, at, again);
    }
}

fn assert_same<E: std::fmt::Debug>(
    text: &str,
    written: &str,
    at: DateTime<FixedOffset>,
    again: Result<DateTime<FixedOffset>, E>,
) {
    match again {
        Ok(again) if again == at && again.offset() == at.offset() => {}
        other => panic!("{text:?} read as {at}, written as {written:?}, read back as {other:?}"),
    }
}
