//! The table itself: every key with its German and its English text, side by side.

use crate::domain::Lang;

/// Declares [`Text`] from `Key(placeholders) => "German", "English";` lines: the enum, the
/// list of every key, each key's placeholders and the exhaustive match that gives its
/// text, so a key without both languages does not compile.
macro_rules! texts {
    (
        $(
            $(#[$doc:meta])*
            $key:ident $( ( $($param:ident),+ ) )? => $de:literal, $en:literal;
        )+
    ) => {
        /// A text the core shows a person; [`text`](super::text) and
        /// [`fill`](super::fill) give it in a language.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Text {
            $( $(#[$doc])* $key, )+
        }

        impl Text {
            /// Every key, in the table's order.
            pub const ALL: &'static [Text] = &[ $( Text::$key, )+ ];

            /// The names of the `{placeholders}` the text takes, in both languages.
            pub fn params(self) -> &'static [&'static str] {
                match self {
                    $( Text::$key => &[ $( $( stringify!($param) ),+ )? ], )+
                }
            }

            /// The text as written in the table, placeholders unfilled.
            pub(super) fn template(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $(
                        (Text::$key, Lang::De) => $de,
                        (Text::$key, Lang::En) => $en,
                    )+
                }
            }
        }
    };
}

texts! {
    // ---- The marble experiment's words ----
    Golden => "Gold", "Golden";
    Ordinary => "08/15", "08/15";
    Contacts => "Kontakte", "Contacts";
    GoldenShare => "Goldanteil", "Golden share";
    Target => "Ziel", "Target";
    /// The target with its value: "Ziel 55 %".
    TargetAt(value) => "Ziel {value}", "Target {value}";
    /// The head of a 95 % interval.
    Range95 => "95-%-Bereich", "95% range";
    /// A 95 % interval with its bounds: "95-%-Bereich 31–83 %".
    Range95Of(range) => "95-%-Bereich {range}", "95% range {range}";
    Motives => "Motive", "Motives";
    Perspectives => "Perspektiven", "Perspectives";
    /// What a cell, row or bar from fewer than three people says instead of a number.
    TooFew => "zu wenige für eine Anzeige", "too few to show";
    /// The same where there is room for two words only (under a week's jar).
    TooFewShort => "zu wenige", "too few";
    NoContacts => "keine Kontakte", "no contacts";
    /// A bar's or cell's contacts: "12 Gold, 30 08/15 (29 %)".
    Counts(golden, ordinary, share) =>
        "{golden} Gold, {ordinary} 08/15 ({share})",
        "{golden} golden, {ordinary} 08/15 ({share})";

    // ---- Days and times ----
    Monday => "Montag", "Monday";
    Tuesday => "Dienstag", "Tuesday";
    Wednesday => "Mittwoch", "Wednesday";
    Thursday => "Donnerstag", "Thursday";
    Friday => "Freitag", "Friday";
    Saturday => "Samstag", "Saturday";
    Sunday => "Sonntag", "Sunday";
    Mon => "Mo", "Mon";
    Tue => "Di", "Tue";
    Wed => "Mi", "Wed";
    Thu => "Do", "Thu";
    Fri => "Fr", "Fri";
    Sat => "Sa", "Sat";
    Sun => "So", "Sun";
    Jan => "Jan", "Jan";
    Feb => "Feb", "Feb";
    Mar => "Mär", "Mar";
    Apr => "Apr", "Apr";
    May => "Mai", "May";
    Jun => "Jun", "Jun";
    Jul => "Jul", "Jul";
    Aug => "Aug", "Aug";
    Sep => "Sep", "Sep";
    Oct => "Okt", "Oct";
    Nov => "Nov", "Nov";
    Dec => "Dez", "Dec";
    /// A calendar week on a chart's axis: "KW 47".
    WeekShort(week) => "KW {week}", "W{week}";
    /// An hour of the day: "9 Uhr".
    HourOfDay(hour) => "{hour} Uhr", "{hour}:00";
    /// A heat-map cell: "Mo, 9 Uhr".
    DayAtHour(day, hour) => "{day}, {hour}", "{day} {hour}";

    // ---- Charts ----
    TrendTitle => "Goldanteil mit 95-%-Bereich", "Golden share with 95% range";
    StackedTitle => "Kontakte: Gold und 08/15", "Contacts: golden and 08/15";
    /// A stacked bar's golden part: "12 Gold von 42, 29 %".
    GoldenPart(count, total, share) =>
        "{count} Gold von {total}, {share}",
        "{count} golden of {total}, {share}";
    /// A stacked bar's 08/15 part.
    OrdinaryPart(count, total, share) =>
        "{count} 08/15 von {total}, {share}",
        "{count} 08/15 of {total}, {share}";
    JarsTitle => "Das Murmelglas je Woche", "The marble jar per week";
    TagsTitle =>
        "Was Kontakte golden macht – und was fehlt",
        "What makes contacts golden – and what is missing";
    TagsAxis => "Anteil der Kontakte, die es nennen", "Share of contacts that name it";
    TagsGoldenHalf => "Gold: was es golden gemacht hat", "Golden: what made it golden";
    TagsOrdinaryHalf => "08/15: was gefehlt hat", "08/15: what was missing";
    /// A tag's golden bar.
    TagOnGolden(tag, count, share) =>
        "{tag}: bei {count} Goldkontakten genannt, {share} aller Goldkontakte",
        "{tag}: named on {count} golden contacts, {share} of all golden contacts";
    /// A tag's 08/15 bar.
    TagOnOrdinary(tag, count, share) =>
        "{tag}: fehlte bei {count} 08/15-Kontakten, {share} aller 08/15-Kontakte",
        "{tag}: missing on {count} 08/15 contacts, {share} of all 08/15 contacts";
    HeatTitle => "Goldanteil nach Wochentag und Uhrzeit", "Golden share by weekday and hour";
    HeatHourAxis => "Uhrzeit (Stunde)", "Hour of day";
    ByChannel => "Goldanteil nach Kanal", "Golden share by channel";
    ByPhase => "Goldanteil nach Beziehungsphase", "Golden share by relationship phase";
    ByPurpose => "Goldanteil nach Zweck", "Golden share by purpose";
    ByWeekday => "Goldanteil nach Wochentag", "Golden share by weekday";
    ByHour => "Goldanteil nach Uhrzeit", "Golden share by hour of day";
}
