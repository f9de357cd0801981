//! Every word the core writes for a person, in German and English: the texts of the
//! charts and the report in one typed table ([`Text`]), and numbers, dates and periods as
//! people write them in each language ([`format`]).
//!
//! A text is a key of the table, so a misspelt key does not compile, and the table gives
//! every key its German and English text side by side, so a missing translation does not
//! compile either. Placeholders are named (`{week}`) and filled by [`fill`], the only
//! filler; a unit test checks that both languages use exactly the placeholders a key
//! declares. Further texts (the CLI's messages, store and import errors) join the table
//! as more keys in their own section.

pub mod format;
mod table;

use std::fmt::{self, Write as _};

use chrono::{Datelike, Weekday};

use crate::domain::Lang;

pub use table::Text;

/// The text of `key` in `lang`, for a key without placeholders.
pub fn text(key: Text, lang: Lang) -> &'static str {
    debug_assert!(key.params().is_empty(), "{key:?} has placeholders: fill it");
    key.template(lang)
}

/// The text of `key` in `lang` with each `{name}` replaced by the argument of that name.
pub fn fill(key: Text, lang: Lang, args: &[(&str, &dyn fmt::Display)]) -> String {
    debug_assert!(
        key.params().len() == args.len()
            && key
                .params()
                .iter()
                .all(|p| args.iter().any(|(name, _)| name == p)),
        "{key:?} takes {:?}",
        key.params()
    );
    fill_template(key.template(lang), args)
}

/// Replaces each `{name}` in `template` by the argument of that name; a name without an
/// argument stays as written. Public for templates from elsewhere (the window's table).
pub fn fill_template(template: &str, args: &[(&str, &dyn fmt::Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            rest = &rest[open..];
            break;
        };
        let name = &after[..close];
        match args.iter().find(|(n, _)| *n == name) {
            // Writing to a String cannot fail.
            Some((_, value)) => {
                let _ = write!(out, "{value}");
            }
            None => out.push_str(&rest[open..open + close + 2]),
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

const WEEKDAYS: [(Text, Text); 7] = [
    (Text::Monday, Text::Mon),
    (Text::Tuesday, Text::Tue),
    (Text::Wednesday, Text::Wed),
    (Text::Thursday, Text::Thu),
    (Text::Friday, Text::Fri),
    (Text::Saturday, Text::Sat),
    (Text::Sunday, Text::Sun),
];

/// The days of a week, Monday first, as charts and the report list them.
pub const WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

const MONTHS: [Text; 12] = [
    Text::Jan,
    Text::Feb,
    Text::Mar,
    Text::Apr,
    Text::May,
    Text::Jun,
    Text::Jul,
    Text::Aug,
    Text::Sep,
    Text::Oct,
    Text::Nov,
    Text::Dec,
];

/// "Montag" / "Monday".
pub fn weekday(day: Weekday, lang: Lang) -> &'static str {
    text(WEEKDAYS[day.num_days_from_monday() as usize].0, lang)
}

/// "Mo" / "Mon".
pub fn weekday_short(day: Weekday, lang: Lang) -> &'static str {
    text(WEEKDAYS[day.num_days_from_monday() as usize].1, lang)
}

/// The month of `date`, short: "Mär" / "Mar".
pub fn month_short(date: impl Datelike, lang: Lang) -> &'static str {
    text(MONTHS[date.month0() as usize], lang)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    /// The `{name}`s a template uses; `None` when a brace is left open or closed alone.
    fn placeholders(template: &str) -> Option<BTreeSet<&str>> {
        let mut names = BTreeSet::new();
        let mut rest = template;
        loop {
            let open = rest.find('{');
            let close = rest.find('}');
            match (open, close) {
                (None, None) => return Some(names),
                (Some(o), Some(c)) if o < c => {
                    let name = &rest[o + 1..c];
                    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
                    {
                        return None;
                    }
                    names.insert(name);
                    rest = &rest[c + 1..];
                }
                _ => return None,
            }
        }
    }

    #[test]
    fn every_text_has_german_and_english_words() {
        for &key in Text::ALL {
            for lang in [Lang::De, Lang::En] {
                let s = key.template(lang);
                assert!(!s.trim().is_empty(), "{key:?} in {lang}");
                assert_eq!(s, s.trim(), "{key:?} in {lang}: no stray spaces");
            }
        }
    }

    #[test]
    fn both_languages_take_exactly_the_declared_placeholders() {
        for &key in Text::ALL {
            let declared: BTreeSet<&str> = key.params().iter().copied().collect();
            assert_eq!(declared.len(), key.params().len(), "{key:?}: a name twice");
            for lang in [Lang::De, Lang::En] {
                let used = placeholders(key.template(lang))
                    .unwrap_or_else(|| panic!("{key:?} in {lang}: unbalanced braces"));
                assert_eq!(used, declared, "{key:?} in {lang}");
            }
        }
    }

    #[test]
    fn every_key_is_listed_once() {
        let keys: BTreeSet<String> = Text::ALL.iter().map(|k| format!("{k:?}")).collect();
        assert_eq!(keys.len(), Text::ALL.len());
    }

    #[test]
    fn fill_puts_each_argument_in_its_place() {
        assert_eq!(
            fill(
                Text::GoldenPart,
                Lang::De,
                &[("count", &12), ("total", &42), ("share", &"29 %")]
            ),
            "12 Gold von 42, 29 %"
        );
        assert_eq!(
            fill_template(
                "{golden} of {total}, {unknown} {",
                &[("golden", &3), ("total", &"7")]
            ),
            "3 of 7, {unknown} {"
        );
        assert_eq!(fill_template("no braces", &[]), "no braces");
    }

    #[test]
    fn weekdays_and_months_in_both_languages() {
        assert_eq!(weekday(Weekday::Wed, Lang::De), "Mittwoch");
        assert_eq!(weekday_short(Weekday::Sun, Lang::En), "Sun");
        let day = |m| chrono::NaiveDate::from_ymd_opt(2026, m, 1).expect("date");
        assert_eq!(month_short(day(3), Lang::De), "Mär");
        assert_eq!(month_short(day(12), Lang::En), "Dec");
        assert_eq!(
            WEEK.map(|d| weekday_short(d, Lang::De)).join(" "),
            "Mo Di Mi Do Fr Sa So"
        );
    }
}
