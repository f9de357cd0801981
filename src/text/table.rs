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
    /// The legend of a measure's start on the trend.
    MeasureStart => "Beginn einer Maßnahme", "Start of a measure";
    /// A measure's mark on the trend: "#3".
    MeasureNumber(id) => "#{id}", "#{id}";
    MarkersCaption =>
        "Die Linien im Verlauf markieren, wann eine Maßnahme begonnen hat:",
        "The lines on the trend mark where a measure started:";
    /// A measure's start, in a chart region's words and the report's list.
    MeasureStarts(id, title, date) =>
        "Maßnahme #{id} ab {date}: {title}",
        "Measure #{id} from {date}: {title}";
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
    TagsTitleWithObstacles =>
        "Was Kontakte golden macht, was fehlt – und was uns im Weg stand",
        "What makes contacts golden, what is missing – and what got in our way";
    /// The legend of a row's own goal in a breakdown chart.
    OwnTarget => "Ziel dieser Zeile", "This row's target";
    /// The group of the tag chart and the report's table of what got in our way.
    ObstaclesHeading => "Was uns im Weg stand", "What got in our way";
    Obstacle => "Hindernis", "Obstacle";
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
    /// An obstacle's bar.
    ObstacleOnOrdinary(tag, count, share) =>
        "{tag}: stand bei {count} 08/15-Kontakten im Weg, {share} aller 08/15-Kontakte",
        "{tag}: got in the way of {count} 08/15 contacts, {share} of all 08/15 contacts";
    HeatTitle => "Goldanteil nach Wochentag und Uhrzeit", "Golden share by weekday and hour";
    HeatHourAxis => "Uhrzeit (Stunde)", "Hour of day";
    ByPlace => "Goldanteil nach Standort", "Golden share by place";
    Place => "Standort", "Place";
    ByChannel => "Goldanteil nach Kanal", "Golden share by channel";
    ByPhase => "Goldanteil nach Beziehungsphase", "Golden share by relationship phase";
    ByPurpose => "Goldanteil nach Zweck", "Golden share by purpose";
    ByWeekday => "Goldanteil nach Wochentag", "Golden share by weekday";
    ByHour => "Goldanteil nach Uhrzeit", "Golden share by hour of day";

    // ---- The weekly report ----
    WeeklyReport => "Wochenbericht", "Weekly report";
    PeriodReport => "Bericht", "Report";
    /// The report's week: "KW 47 2026".
    WeekTitle(week, year) => "KW {week} {year}", "Week {week} {year}";
    NoContactsWeek =>
        "In dieser Woche wurden keine Kontakte erfasst.",
        "No contacts were logged this week.";
    NoContactsPeriod =>
        "In diesem Zeitraum wurden keine Kontakte erfasst.",
        "No contacts were logged in this period.";
    AtAGlance => "Auf einen Blick", "At a glance";
    Change => "Veränderung", "Change";
    VsPreviousWeek => "gegenüber der Vorwoche", "compared with the week before";
    VsPreviousPeriod(period) =>
        "gegenüber dem Zeitraum davor ({period})",
        "compared with the period before ({period})";
    PercentagePoint => "Prozentpunkt", "percentage point";
    PercentagePoints => "Prozentpunkte", "percentage points";
    RealChange => "eine echte Veränderung", "a real change";
    /// A measure's effect, p < 0.05 and higher after.
    RealImprovement => "eine echte Verbesserung", "a real improvement";
    /// A measure's effect, p < 0.05 and lower after.
    RealDecline => "ein echter Rückgang", "a real decline";
    NormalVariation => "im Rahmen normaler Schwankung", "within normal variation";
    TooFewToTell => "zu wenige Kontakte für eine Aussage", "too few contacts to tell";
    NoPreviousWeek =>
        "In der Vorwoche wurden keine Kontakte erfasst",
        "No contacts were logged the week before";
    NoPreviousPeriod =>
        "Im Zeitraum davor wurden keine Kontakte erfasst",
        "No contacts were logged in the period before";
    PreviousWeekFigures(period, contacts, share) =>
        "Vorwoche ({period}): {contacts} Kontakte, Goldanteil {share}",
        "Week before ({period}): {contacts} contacts, golden share {share}";
    PreviousPeriodFigures(period, contacts, share) =>
        "Zeitraum davor ({period}): {contacts} Kontakte, Goldanteil {share}",
        "Period before ({period}): {contacts} contacts, golden share {share}";
    SectionTrend => "Verlauf", "Over time";
    SectionTags =>
        "Motive, Perspektiven und was uns im Weg stand",
        "Motives, perspectives and what got in our way";
    SectionWhenWhere => "Wann, wo und wofür", "When, where and what for";
    SectionNps => "Weiterempfehlung (NPS)", "Recommendation (NPS)";
    SectionStoriesWeek => "Geschichten der Woche", "Stories of the week";
    SectionStories => "Geschichten", "Stories";
    SectionConclusions => "Unsere Schlussfolgerungen", "Our conclusions";
    /// The trend chart as the report describes it to a screen reader.
    TrendCaption =>
        "Goldanteil im Verlauf, mit 95-%-Bereich und Ziel",
        "Golden share over time, with 95% range and target";
    StackedCaption => "Gold und 08/15 je Woche", "Golden and 08/15 per week";
    TagsCaption =>
        "Motive und Perspektiven bei Gold und bei 08/15, und was bei 08/15 im Weg stand",
        "Motives and perspectives on golden and on 08/15, and what got in the way of 08/15";
    Channel => "Kanal", "Channel";
    Phase => "Beziehungsphase", "Relationship phase";
    Purpose => "Zweck", "Purpose";
    Weekday => "Wochentag", "Weekday";
    Hour => "Uhrzeit", "Hour";
    /// A row of the by-hour table: "9–10 Uhr".
    HourRange(from, to) => "{from}–{to} Uhr", "{from}:00–{to}:00";
    Motive => "Motiv", "Motive";
    Perspective => "Perspektive", "Perspective";
    NamedOnGolden => "bei Gold genannt", "named on golden";
    NamedOnOrdinary => "bei 08/15 genannt", "named on 08/15";
    TagsNote =>
        "Bei Gold sagt ein Motiv, was den Kontakt golden gemacht hat; bei 08/15, was gefehlt hat. In Klammern: der Anteil an allen Gold- bzw. 08/15-Kontakten.",
        "On a golden contact a tag says what made it golden; on an 08/15 contact, what was missing. In brackets: the share of all golden or all 08/15 contacts.";
    ObstaclesNote =>
        "Was uns im Weg stand, nennen wir bei 08/15-Kontakten: Dinge auf unserer Seite, die wir ändern können.",
        "What got in our way is named on 08/15 contacts: things on our side that we can change.";
    TooFewNote =>
        "„Zu wenige für eine Anzeige“: Die Zeile stammt von weniger als drei Personen und wird nicht gezeigt, damit keine Zahl die einer einzelnen Person ist.",
        "“Too few to show”: the row comes from fewer than three people and is not shown, so that no figure is one person’s.";
    NothingRecorded => "keine Angaben", "nothing recorded";
    NpsScore(score, answers) =>
        "NPS {score} aus {answers} Antworten (Anteil Promotoren minus Anteil Kritiker, in Punkten)",
        "NPS {score} from {answers} answers (share of promoters minus share of detractors, in points)";
    NpsCaption =>
        "„Würden Sie uns einem guten Freund weiterempfehlen?“ – die Antworten von 0 bis 10",
        "“Would you recommend us to a good friend?” – the answers from 0 to 10";
    Detractors => "Kritiker 0–6", "Detractors 0–6";
    Passives => "Passive 7–8", "Passives 7–8";
    Promoters => "Promotoren 9–10", "Promoters 9–10";
    Answer => "Antwort", "Answer";
    Count => "Anzahl", "Count";
    NpsHint =>
        "Die Zahl allein sagt nicht, was zu tun ist – die Geschichten dahinter schon.",
        "The score alone does not tell what to do – the stories behind it do.";
    StoriesPrivacy =>
        "Nur Geschichten, die ihre Verfasser für die Besprechung geteilt haben, ohne Namen.",
        "Only stories their authors shared for the review, without names.";
    NoStories =>
        "In diesem Zeitraum wurden keine Geschichten geteilt.",
        "No stories were shared in this period.";
    StoriesNewest(shown, total) =>
        "Die neuesten {shown} von {total} geteilten Geschichten.",
        "The newest {shown} of {total} shared stories.";
    /// A story's NPS answer.
    StoryNps(score) => "Weiterempfehlung {score}", "Recommendation {score}";
    PromptGolden => "Was hat Kontakte golden gemacht?", "What made contacts golden?";
    PromptMissing => "Was hat bei 08/15-Kontakten gefehlt?", "What was missing on 08/15 contacts?";
    PromptMeasure =>
        "Welche Maßnahme probieren wir aus – wer, ab wann?",
        "Which measure do we try – who, from when?";
    PromptFollowUp =>
        "Was ist aus den Maßnahmen der letzten Wochen geworden?",
        "What came of the measures of the last weeks?";
    // ---- Suggestions and complaints (DOMAIN.md §5) ----
    CauseWaitingTime => "Wartezeit", "Waiting time";
    CauseReachability => "Erreichbarkeit", "Reachability";
    CauseInformation => "Fehlende oder falsche Information", "Missing or wrong information";
    CausePromiseKept => "Zusage nicht eingehalten", "Promise not kept";
    CauseManner => "Umgangston", "Tone and manner";
    CauseProduct => "Produkt oder Leistung", "Product or service";
    CausePrice => "Preis und Rechnung", "Price and billing";
    CauseProcess => "Abläufe und Bürokratie", "Procedures and red tape";
    CauseOther => "Sonstiges", "Other";
    /// An item without a cause, in tables and charts.
    NoCause => "ohne Ursache", "no cause";
    /// Beside the "how we answer" note, wherever it is entered.
    AnswerNoteHint =>
        "Nur was wir zum Antworten brauchen – kein Name und keine Adresse, wenn es ohne geht. Wird 90 Tage nach dem Abschluss gelöscht.",
        "Only what we need to answer – no name or address if it works without. Deleted 90 days after the item is closed.";
    SectionFeedback => "Anregungen und Beschwerden", "Suggestions and complaints";
    FeedbackReceived => "Eingegangen", "Received";
    Complaints => "Beschwerden", "Complaints";
    Suggestions => "Anregungen", "Suggestions";
    FeedbackOpen => "Offen", "Open";
    FeedbackOverdue => "Überfällig", "Overdue";
    /// "First answer (median)": the head of a figure in working days.
    MedianAnswer => "Erste Antwort (Median)", "First answer (median)";
    MedianClose => "Abschluss (Median)", "Close (median)";
    /// A number of working days: "1,5 Arbeitstage".
    WorkingDays(days) => "{days} Arbeitstage", "{days} working days";
    AnsweredInTime(in_time, answered) =>
        "{in_time} von {answered} Antworten in der Frist",
        "{in_time} of {answered} answers within the deadline";
    ClosedInTime(in_time, closed) =>
        "{in_time} von {closed} Abschlüssen in der Frist",
        "{in_time} of {closed} closes within the deadline";
    /// The deadlines the figures are measured against.
    Deadlines(answer, urgent, close) =>
        "Fristen des Teams: erste Antwort in {answer}, dringend in {urgent}, Abschluss in {close} Arbeitstagen.",
        "The team's deadlines: first answer within {answer}, urgent within {urgent}, close within {close} working days.";
    Cause => "Ursache", "Cause";
    FeedbackByCause => "Nach Ursache", "By cause";
    OpenByAge(date) => "Offen am {date}, nach Alter", "Open on {date}, by age";
    /// An age bucket of open items: "3–5 Arbeitstage".
    AgeRange(from, to) => "{from}–{to} Arbeitstage", "{from}–{to} working days";
    AgeOver(days) => "über {days} Arbeitstage", "over {days} working days";
    ComplaintsPerWeek => "Beschwerden je Woche nach Ursache", "Complaints per week by cause";
    ComplaintsPerWeekFor(cause) => "Beschwerden je Woche: {cause}", "Complaints per week: {cause}";
    /// The rest of the causes in a chart that shows the most frequent ones.
    OtherCauses => "weitere Ursachen", "other causes";
    /// A bar segment of the complaints chart: "KW 47, Wartezeit: 3".
    CauseInWeek(week, cause, count) => "{week}, {cause}: {count}", "{week}, {cause}: {count}";
    FeedbackShared => "Für das Team markiert", "Marked for the team";
    FeedbackSharedNote =>
        "Nur Zusammenfassungen, die für das Team markiert sind – die übrigen bleiben in der Liste.",
        "Only summaries marked for the team – the others stay in the list.";
    /// The printable cards (step 1: stimulate feedback).
    CardsTitle => "Rückmeldekarten", "Feedback cards";
    CardsPrintHint =>
        "Auf A4 in Originalgröße (100 %) drucken und an den gestrichelten Linien schneiden: vier Karten im Format A6.",
        "Print on A4 at actual size (100%) and cut along the dashed lines: four A6 cards.";
    CardHeading => "Ihre Meinung zählt", "Your opinion counts";
    CardIntro =>
        "Was können wir besser machen? Jede Anregung und jede Beschwerde hilft uns – wir melden uns, wenn Sie es möchten.",
        "What can we do better? Every suggestion and every complaint helps us – we will get back to you if you wish.";
    CardWhat => "Worum geht es?", "What is it about?";
    CardReply =>
        "Möchten Sie eine Antwort? Dann sagen Sie uns, wie wir Sie erreichen:",
        "Would you like an answer? Then tell us how to reach you:";
    CardPrivacy =>
        "Ihre Angaben nutzen wir nur für die Antwort und löschen sie danach.",
        "We use your details only to answer you and delete them afterwards.";
    CardDate => "Datum", "Date";
    CardThanks => "Danke! Geben Sie die Karte einfach bei uns ab.", "Thank you! Just hand the card in to us.";
    // ---- The minutes of a meeting ----
    MinutesTitle => "Besprechungsprotokoll", "Meeting minutes";
    /// "Besprechung am 24.11.2026 · betrachtet: KW 47 2026 · 16.11.2026–22.11.2026".
    MinutesPeriod(held, period) =>
        "Besprechung am {held} · betrachtet: {period}",
        "Meeting of {held} · period looked at: {period}";
    SectionGoals => "Unsere Ziele", "Our goals";
    NoGoals => "Es war kein Ziel in Kraft.", "No goal was in force.";
    /// A goal's first day.
    GoalSince(date) => "seit {date}", "since {date}";
    GoalTargetAll(value) => "Ziel: Goldanteil {value}", "Target: golden share {value}";
    GoalTargetPart(value, part) =>
        "Ziel: Goldanteil {value} bei {part}",
        "Target: golden share {value} for {part}";
    SectionMeasuresReviewed => "Maßnahmen seit der letzten Besprechung", "Measures since the last meeting";
    NoMeasuresReviewed => "Es gab keine offenen Maßnahmen.", "There were no open measures.";
    MeasureAbout(why) => "Worum es geht: {why}", "What it is about: {why}";
    AllContacts => "alle Kontakte", "all contacts";
    /// What a measure about a feedback cause is about: "Ursache: Wartezeit".
    CauseIs(cause) => "Ursache: {cause}", "Cause: {cause}";
    /// A goal on complaints: "Ziel: höchstens 2 Beschwerden pro Woche (Ursache: Wartezeit)".
    GoalComplaintsAll(value) =>
        "Ziel: höchstens {value} Beschwerden pro Woche",
        "Target: at most {value} complaints per week";
    GoalComplaintsCause(value, cause) =>
        "Ziel: höchstens {value} Beschwerden pro Woche (Ursache: {cause})",
        "Target: at most {value} complaints per week (cause: {cause})";
    /// The complaints chart's target line in the legend.
    ComplaintsTargetAt(value) => "Ziel: höchstens {value} pro Woche", "Target: at most {value} per week";
    /// The columns of a measure's effect about a cause.
    ComplaintsPerWeekShort => "Beschwerden pro Woche", "Complaints per week";
    /// A difference of complaints per week, signed: "−2,3 Beschwerden pro Woche".
    ComplaintsPerWeekDifference(value) =>
        "{value} Beschwerden pro Woche",
        "{value} complaints per week";
    TooFewComplaints => "zu wenige Beschwerden für eine Aussage", "too few complaints to tell";
    /// A measure's first day and when to look again.
    MeasureSince(date) => "ab {date}", "from {date}";
    LookAgain(date) => "wieder ansehen am {date}", "to look at again on {date}";
    /// Where it stood, and what the meeting decided: "Stand: läuft → beibehalten".
    MeasureDecided(before, after) => "Stand: {before} → {after}", "Status: {before} → {after}";
    MeasureGoesOn(before) => "Stand: {before} (unverändert)", "Status: {before} (unchanged)";
    Before => "Vorher", "Before";
    After => "Nachher", "After";
    Period => "Zeitraum", "Period";
    /// The left-out first week of a measure.
    FirstWeekLeftOut(range) =>
        "Die erste Woche ({range}) zählt nicht mit: Da gewöhnt sich das Team noch ein.",
        "The first week ({range}) is left out: the team is still settling in.";
    /// A window still running.
    SoFar(date) => "bisher bis {date}", "so far, to {date}";
    NotBegun => "noch nicht begonnen", "not begun yet";
    Concurrent =>
        "Gleichzeitig liefen – ihre Wirkungen lassen sich nicht trennen:",
        "Running at the same time – their effects cannot be told apart:";
    SectionRuleOfWeek => "Regel der Woche", "Rule of the week";
    SectionStoriesDiscussed => "Besprochene Geschichten", "Stories discussed";
    NoStoriesDiscussed => "Es wurden keine Geschichten festgehalten.", "No stories were noted.";
    StoryGone =>
        "Diese Geschichte ist nicht mehr gespeichert (gelöscht oder nicht mehr geteilt).",
        "This story is no longer stored (deleted, or no longer shared).";
    StepGoal => "Ziel", "Goal";
    StepProcedure => "Vorgehen", "Procedure";
    StepResult => "Ergebnis", "Result";
    StepConclusion => "Schlussfolgerung", "Conclusion";
    NothingNoted => "nichts festgehalten", "nothing noted";
    SectionNewMeasures => "Neue Maßnahmen", "New measures";
    NoNewMeasures => "Keine neuen Maßnahmen.", "No new measures.";
    MinutesFooter(date) =>
        "Protokoll ohne Namen: Es hält fest, was das Team gesehen und beschlossen hat, nicht was Einzelne getan haben, und hat für niemanden Konsequenzen. Gespeichert am {date} mit Murmelglas.",
        "Minutes without names: they record what the team saw and decided, not what individuals did, and have no consequences for anyone. Saved on {date} with Murmelglas.";

    // ---- The team's service rules, shipped (DOMAIN.md §7, in our own words) ----
    DefaultRule1 => "Wir halten jedes Versprechen.", "We keep every promise.";
    DefaultRule2 =>
        "Ändert sich etwas oder wird es später, sagen wir es sofort – mit einem Grund, den die Kundin weitergeben kann.",
        "If something changes or runs late, we say so at once, with a reason the customer can pass on.";
    DefaultRule3 =>
        "Kein glattes Nein: Wir erklären und bieten Wege an, jeden mit seinem Preis – entscheiden darf der Kunde.",
        "Never a flat no: we explain and offer ways, each with its price, and the customer decides.";
    DefaultRule4 =>
        "Wir hören zu und sagen mit eigenen Worten, was wir verstanden haben.",
        "We listen, and say in our own words what we understood.";
    DefaultRule5 =>
        "Muss die eigentliche Hilfe warten, helfen wir schon einmal vorläufig.",
        "If the real help has to wait, we help for now.";
    DefaultRule6 =>
        "Kunden unterbrechen nicht unsere Arbeit – sie sind ihr Grund.",
        "Customers do not interrupt our work; they are its reason.";
    DefaultRule7 =>
        "Kunden erwarten Lösungen, keine Erklärungen.",
        "Customers expect solutions, not explanations.";
    DefaultRule8 =>
        "Wir streiten nicht mit Kunden – wir suchen mit ihnen einen Weg.",
        "We do not argue with customers; we look for a way with them.";
    DefaultRule9 =>
        "Wir behandeln Kunden so, wie wir selbst behandelt werden möchten.",
        "We treat customers as we would want to be treated.";
    DefaultRule10 =>
        "Jeder Kunde ist ein Mensch mit Gefühlen, keine Zahl in einer Statistik.",
        "Every customer is a person with feelings, not a number in a statistic.";

    Footer(date) =>
        "Teamansicht ohne Namen: Sie zeigt das Glas des Teams, nicht Einzelne, und hat für niemanden Konsequenzen. Erstellt am {date} mit Murmelglas.",
        "Team view without names: it shows the team’s jar, not individuals, and has no consequences for anyone. Created on {date} with Murmelglas.";
}
