//! The words and numbers a chart writes: percentages, weekdays, hours, periods as people
//! say them, and a region's counts.

use chrono::Weekday;

use super::theme::text;
use crate::analytics::Figures;
use crate::domain::Lang;

pub(super) fn percent_label(lang: Lang, v: f64) -> String {
    match lang {
        Lang::De => format!("{v:.0} %"),
        Lang::En => format!("{v:.0}%"),
    }
}

pub(super) fn too_few(lang: Lang) -> &'static str {
    text(lang, "zu wenige für eine Anzeige", "too few to show")
}

pub(super) fn no_contacts(lang: Lang) -> &'static str {
    text(lang, "keine Kontakte", "no contacts")
}

/// The days of the week, Monday first, as the weekday names below.
pub(super) const WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// Weekday names, Monday first: short (heat map rows) and long (bar rows).
const WEEKDAYS_DE: [(&str, &str); 7] = [
    ("Mo", "Montag"),
    ("Di", "Dienstag"),
    ("Mi", "Mittwoch"),
    ("Do", "Donnerstag"),
    ("Fr", "Freitag"),
    ("Sa", "Samstag"),
    ("So", "Sonntag"),
];
const WEEKDAYS_EN: [(&str, &str); 7] = [
    ("Mon", "Monday"),
    ("Tue", "Tuesday"),
    ("Wed", "Wednesday"),
    ("Thu", "Thursday"),
    ("Fri", "Friday"),
    ("Sat", "Saturday"),
    ("Sun", "Sunday"),
];

pub(super) fn weekdays(lang: Lang) -> &'static [(&'static str, &'static str); 7] {
    match lang {
        Lang::De => &WEEKDAYS_DE,
        Lang::En => &WEEKDAYS_EN,
    }
}

pub(super) fn hour_label(lang: Lang, hour: u8) -> String {
    match lang {
        Lang::De => format!("{hour} Uhr"),
        Lang::En => format!("{hour}:00"),
    }
}

/// A period label as people say it: "2026-W47" is "KW 47" / "W47", "2026-11-23" is
/// "Mo 23.11." / "Mon 23 Nov", "2026-11" is "Nov 2026"; anything else as it is.
pub(super) fn period_label(lang: Lang, period: &str) -> String {
    const MONTHS_DE: [&str; 12] = [
        "Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez",
    ];
    const DAYS_DE: [&str; 7] = ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"];
    if let Ok(day) = chrono::NaiveDate::parse_from_str(period, "%Y-%m-%d") {
        use chrono::Datelike;
        return match lang {
            Lang::De => format!(
                "{} {}",
                DAYS_DE[day.weekday().num_days_from_monday() as usize],
                day.format("%d.%m.")
            ),
            Lang::En => day.format("%a %-d %b").to_string(),
        };
    }
    if let Ok(first) = chrono::NaiveDate::parse_from_str(&format!("{period}-01"), "%Y-%m-%d") {
        use chrono::Datelike;
        return match lang {
            Lang::De => format!("{} {}", MONTHS_DE[first.month0() as usize], first.year()),
            Lang::En => first.format("%b %Y").to_string(),
        };
    }
    let week = period.split_once("-W").and_then(|(year, week)| {
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        (year.len() == 4 && digits(year) && digits(week))
            .then(|| week.parse::<u32>().ok())
            .flatten()
    });
    match (week, lang) {
        (Some(w), Lang::De) => format!("KW {w}"),
        (Some(w), Lang::En) => format!("W{w}"),
        (None, _) => period.to_string(),
    }
}

/// "12 Gold, 30 08/15 (29 %)"; for figures with contacts.
pub(super) fn counts_label(lang: Lang, f: &Figures) -> String {
    let share = percent_label(lang, f.golden_share.unwrap_or(0.0) * 100.0);
    match lang {
        Lang::De => format!("{} Gold, {} 08/15 ({share})", f.golden, f.ordinary),
        Lang::En => format!("{} golden, {} 08/15 ({share})", f.golden, f.ordinary),
    }
}
