//! Numbers, times and periods as people write them in each language: "42 %" and "42%",
//! "9 Uhr" and "9:00", "KW 47" and "W47".

use chrono::{Datelike, NaiveDate};

use super::{fill, month_short, text, weekday_short, Text};
use crate::domain::Lang;

/// A percentage from 0 to 100, whole: "42 %" (German, with a space) or "42%".
pub fn percent(value: f64, lang: Lang) -> String {
    match lang {
        Lang::De => format!("{value:.0} %"),
        Lang::En => format!("{value:.0}%"),
    }
}

/// A share from 0 to 1 as a whole percentage: 0.42 is "42 %" or "42%".
pub fn share(share: f64, lang: Lang) -> String {
    percent(share * 100.0, lang)
}

/// An interval of shares from 0 to 1 as whole percentages: "31–83 %" or "31–83%".
pub fn percent_range(low: f64, high: f64, lang: Lang) -> String {
    format!("{:.0}–{}", low * 100.0, percent(high * 100.0, lang))
}

/// A count with thousands grouped: "1.234" or "1,234".
pub fn count(n: u64, lang: Lang) -> String {
    let digits = n.to_string();
    let separator = match lang {
        Lang::De => '.',
        Lang::En => ',',
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(separator);
        }
        out.push(ch);
    }
    out
}

/// A difference of shares in whole percentage points, signed: "+6 Prozentpunkte",
/// "−1 percentage point", "±0 Prozentpunkte".
pub fn points(difference: f64, lang: Lang) -> String {
    let rounded = (difference * 100.0).round();
    let number = if rounded == 0.0 {
        "±0".to_string()
    } else if rounded > 0.0 {
        format!("+{rounded:.0}")
    } else {
        format!("−{:.0}", -rounded)
    };
    let unit = if rounded.abs() == 1.0 {
        Text::PercentagePoint
    } else {
        Text::PercentagePoints
    };
    format!("{number} {}", text(unit, lang))
}

/// A number such as complaints per week, with one decimal place only where it has one:
/// "2", "2,5" or "2.5".
pub fn decimal(value: f64, lang: Lang) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    let s = if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    };
    match lang {
        Lang::De => s.replace('.', ","),
        Lang::En => s,
    }
}

/// A difference of complaints per week, signed: "−2,3 Beschwerden pro Woche",
/// "+1 complaints per week", "±0 …".
pub fn complaints_difference(difference: f64, lang: Lang) -> String {
    let rounded = (difference * 10.0).round() / 10.0;
    let number = if rounded == 0.0 {
        "±0".to_string()
    } else if rounded > 0.0 {
        format!("+{}", decimal(rounded, lang))
    } else {
        format!("−{}", decimal(-rounded, lang))
    };
    fill(
        Text::ComplaintsPerWeekDifference,
        lang,
        &[("value", &number)],
    )
}

/// A p-value with as many places as it needs, German with a decimal comma: "p = 0,03".
pub fn p_value(p: f64, lang: Lang) -> String {
    let s = if p < 0.001 {
        "p < 0.001".to_string()
    } else if p < 0.01 {
        format!("p = {p:.3}")
    } else {
        format!("p = {p:.2}")
    };
    match lang {
        Lang::De => s.replace('.', ","),
        Lang::En => s,
    }
}

/// A date: "23.11.2026" or "2026-11-23".
pub fn date(day: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::De => day.format("%d.%m.%Y").to_string(),
        Lang::En => day.format("%Y-%m-%d").to_string(),
    }
}

/// Two dates as a range ("16.11.2026–22.11.2026", "2026-11-16 – 2026-11-22"); one day alone.
pub fn date_range(from: NaiveDate, to: NaiveDate, lang: Lang) -> String {
    if from == to {
        return date(from, lang);
    }
    match lang {
        Lang::De => format!("{}–{}", date(from, lang), date(to, lang)),
        Lang::En => format!("{} – {}", date(from, lang), date(to, lang)),
    }
}

/// An hour of the day: "9 Uhr" or "9:00".
pub fn hour(hour: u8, lang: Lang) -> String {
    fill(Text::HourOfDay, lang, &[("hour", &hour)])
}

/// A day as a chart names it: "Mo 23.11." or "Mon 23 Nov".
pub fn day_short(day: NaiveDate, lang: Lang) -> String {
    let weekday = weekday_short(day.weekday(), lang);
    match lang {
        Lang::De => format!("{weekday} {}", day.format("%d.%m.")),
        Lang::En => format!("{weekday} {} {}", day.day(), month_short(day, lang)),
    }
}

/// A period label as people say it: "2026-W47" is "KW 47" / "W47", "2026-11-23" is
/// "Mo 23.11." / "Mon 23 Nov", "2026-11" is "Nov 2026"; anything else as it is.
pub fn period(period: &str, lang: Lang) -> String {
    if let Ok(day) = NaiveDate::parse_from_str(period, "%Y-%m-%d") {
        return day_short(day, lang);
    }
    if let Ok(first) = NaiveDate::parse_from_str(&format!("{period}-01"), "%Y-%m-%d") {
        return format!("{} {}", month_short(first, lang), first.year());
    }
    let week = period.split_once("-W").and_then(|(year, week)| {
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        (year.len() == 4 && digits(year) && digits(week))
            .then(|| week.parse::<u32>().ok())
            .flatten()
    });
    match week {
        Some(w) => fill(Text::WeekShort, lang, &[("week", &w)]),
        None => period.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_are_named_as_people_say_them() {
        for (given, de, en) in [
            ("2026-W47", "KW 47", "W47"),
            ("2026-W07", "KW 7", "W7"),
            ("2026-11-23", "Mo 23.11.", "Mon 23 Nov"),
            ("2026-03-01", "So 01.03.", "Sun 1 Mar"),
            ("2026-05", "Mai 2026", "May 2026"),
            ("2026-12", "Dez 2026", "Dec 2026"),
            ("next week", "next week", "next week"),
            ("26-W47", "26-W47", "26-W47"),
        ] {
            assert_eq!(period(given, Lang::De), de, "{given}");
            assert_eq!(period(given, Lang::En), en, "{given}");
        }
    }

    #[test]
    fn percentages_and_hours_in_both_languages() {
        assert_eq!(percent(42.4, Lang::De), "42 %");
        assert_eq!(percent(42.6, Lang::En), "43%");
        assert_eq!(percent_range(0.313, 0.832, Lang::De), "31–83 %");
        assert_eq!(percent_range(0.313, 0.832, Lang::En), "31–83%");
        assert_eq!(hour(9, Lang::De), "9 Uhr");
        assert_eq!(hour(14, Lang::En), "14:00");
        assert_eq!(share(0.6, Lang::De), "60 %");
    }

    #[test]
    fn counts_points_and_dates_as_people_write_them() {
        assert_eq!(count(1_234_567, Lang::De), "1.234.567");
        assert_eq!(count(1_234, Lang::En), "1,234");
        assert_eq!(count(999, Lang::De), "999");
        assert_eq!(points(0.4, Lang::De), "+40 Prozentpunkte");
        assert_eq!(points(-0.01, Lang::En), "−1 percentage point");
        assert_eq!(points(0.001, Lang::De), "±0 Prozentpunkte");
        assert_eq!(decimal(2.0, Lang::De), "2");
        assert_eq!(decimal(2.25, Lang::De), "2,3");
        assert_eq!(decimal(0.75, Lang::En), "0.8");
        assert_eq!(
            complaints_difference(-2.25, Lang::De),
            "−2,3 Beschwerden pro Woche"
        );
        assert_eq!(
            complaints_difference(1.0, Lang::En),
            "+1 complaints per week"
        );
        assert_eq!(
            complaints_difference(0.01, Lang::En),
            "±0 complaints per week"
        );
        assert_eq!(p_value(0.0312, Lang::De), "p = 0,03");
        assert_eq!(p_value(0.0071, Lang::En), "p = 0.007");
        assert_eq!(p_value(0.0001, Lang::De), "p < 0,001");
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).expect("date");
        assert_eq!(
            date_range(day(16), day(22), Lang::De),
            "16.11.2026–22.11.2026"
        );
        assert_eq!(
            date_range(day(16), day(22), Lang::En),
            "2026-11-16 – 2026-11-22"
        );
        assert_eq!(date_range(day(16), day(16), Lang::En), "2026-11-16");
    }
}
