// Every text the window shows, German first. Components look texts up by key; the code
// labels (channels, motives, ...) come from the Rust domain via `bootstrap`.

const de = {
  "app.title": "Murmelglas",
  "app.loading": "Murmelglas wird geöffnet …",
  "app.failed": "Murmelglas konnte nicht starten: {message}",
  "log.heading": "Wie war der Kontakt?",
  "log.golden": "Gold",
  "log.golden_hint": "begeisternd, besonders, erzählenswert",
  "log.ordinary": "08/15",
  "log.ordinary_hint": "austauschbar, normal, nichts bleibt hängen",
  "log.keys": "Tasten: G oder 1 für Gold, N oder 2 für 08/15",
  "toast.logged_golden": "Goldkontakt erfasst",
  "toast.logged_ordinary": "08/15-Kontakt erfasst",
  "toast.undo": "Rückgängig",
  "toast.undone": "Kontakt entfernt",
  "toast.close": "Hinweis schließen",
  "jar.heading": "Das Glas",
  "jar.period": "Zeitraum",
  "jar.today": "Heute",
  "jar.week": "Diese Woche",
  "jar.whose": "Wessen Murmeln",
  "jar.team": "Team",
  "jar.mine": "Meine",
  "jar.mine_needs_member": "Wähle oben, wer erfasst, um deine eigenen Murmeln zu sehen.",
  "jar.golden_count": "{count} Gold",
  "jar.ordinary_count": "{count} 08/15",
  "jar.share": "{share} % Gold",
  "jar.interval": "95-%-Bereich {low}–{high} %",
  "jar.empty": "Noch keine Murmeln. Der erste Kontakt kommt bestimmt.",
  "jar.aria": "Glas mit {golden} goldenen und {ordinary} dunklen Murmeln",
  "jar.more": "+{count} weitere",
  "details.heading": "Details zum Kontakt",
  "details.show": "Details hinzufügen (optional)",
  "details.hide": "Details ausblenden",
  "details.channel_now": "Kanal: {channel}",
  "details.pending": "Details werden mit dem nächsten Kontakt gespeichert",
  "details.channel": "Kanal",
  "details.motives": "Kundenmotive",
  "details.motives_hint": "Bei Gold: was ihn golden machte. Bei 08/15: was gefehlt hat.",
  "details.perspectives": "Qualitätsperspektiven",
  "details.perspectives_hint": "Aus welcher Sicht war der Kontakt gut oder nicht?",
  "details.phase": "Beziehungsphase",
  "details.purpose": "Zweck",
  "details.not_given": "keine Angabe",
  "details.story": "Geschichte",
  "details.story_placeholder": "Was ist passiert? Was hat die Kundin, der Kunde gesagt?",
  "details.share": "Im Team-Review teilen",
  "details.nps": "Weiterempfehlung (NPS 0–10)",
  "details.nps_hint": "Nur wenn gefragt: „Würden Sie uns weiterempfehlen?“ – am besten mit Geschichte.",
  "details.amend": "Details zum letzten Kontakt speichern",
  "details.how": "Details gehen mit dem nächsten Gold oder 08/15 mit, oder an den Kontakt, den du gerade erfasst hast.",
  "toast.amended": "Details gespeichert",
  "member.label": "Wer erfasst?",
  "member.anonymous": "Anonym",
  "lang.switch": "English",
  "lang.switch_label": "Sprache wechseln",
  "error.unknown": "Das hat nicht geklappt: {message}",
  "error.nothing_to_undo": "Es gibt nichts mehr rückgängig zu machen.",
  "error.unknown_contact": "Diesen Kontakt gibt es nicht mehr.",
  "error.unknown_member": "Diese Person ist nicht im Team. Bitte wähle jemand anderen.",
  "error.database": "Die Datenbank meldet einen Fehler: {message}",
  "error.in_future": "Der Zeitpunkt liegt in der Zukunft.",
  "error.note_too_long": "Die Geschichte ist zu lang (höchstens 4000 Zeichen).",
} as const;

export type MessageKey = keyof typeof de;

const en: Record<MessageKey, string> = {
  "app.title": "Murmelglas",
  "app.loading": "Opening Murmelglas …",
  "app.failed": "Murmelglas could not start: {message}",
  "log.heading": "How was the contact?",
  "log.golden": "Golden",
  "log.golden_hint": "delighting, memorable, worth retelling",
  "log.ordinary": "08/15",
  "log.ordinary_hint": "run-of-the-mill, nothing sticks",
  "log.keys": "Keys: G or 1 for golden, N or 2 for 08/15",
  "toast.logged_golden": "Golden contact logged",
  "toast.logged_ordinary": "08/15 contact logged",
  "toast.undo": "Undo",
  "toast.undone": "Contact removed",
  "toast.close": "Close notice",
  "jar.heading": "The jar",
  "jar.period": "Period",
  "jar.today": "Today",
  "jar.week": "This week",
  "jar.whose": "Whose marbles",
  "jar.team": "Team",
  "jar.mine": "Mine",
  "jar.mine_needs_member": "Choose who is logging above to see your own marbles.",
  "jar.golden_count": "{count} golden",
  "jar.ordinary_count": "{count} 08/15",
  "jar.share": "{share} % golden",
  "jar.interval": "95 % range {low}–{high} %",
  "jar.empty": "No marbles yet. The first contact is on its way.",
  "jar.aria": "Jar with {golden} golden and {ordinary} dark marbles",
  "jar.more": "+{count} more",
  "details.heading": "Contact details",
  "details.show": "Add details (optional)",
  "details.hide": "Hide details",
  "details.channel_now": "Channel: {channel}",
  "details.pending": "details will be saved with the next contact",
  "details.channel": "Channel",
  "details.motives": "Customer motives",
  "details.motives_hint": "Golden: what made it golden. 08/15: what was missing.",
  "details.perspectives": "Quality perspectives",
  "details.perspectives_hint": "From which point of view was the contact good or not?",
  "details.phase": "Relationship phase",
  "details.purpose": "Purpose",
  "details.not_given": "not given",
  "details.story": "Story",
  "details.story_placeholder": "What happened? What did the customer say?",
  "details.share": "Share in the team review",
  "details.nps": "Recommendation (NPS 0–10)",
  "details.nps_hint": "Only when asked: “Would you recommend us?” — best with a story.",
  "details.amend": "Save details to the last contact",
  "details.how": "Details go with the next golden or 08/15, or to the contact you just logged.",
  "toast.amended": "Details saved",
  "member.label": "Who is logging?",
  "member.anonymous": "Anonymous",
  "lang.switch": "Deutsch",
  "lang.switch_label": "Switch language",
  "error.unknown": "That did not work: {message}",
  "error.nothing_to_undo": "There is nothing left to undo.",
  "error.unknown_contact": "This contact no longer exists.",
  "error.unknown_member": "This person is not in the team. Please choose someone else.",
  "error.database": "The database reports an error: {message}",
  "error.in_future": "That time lies in the future.",
  "error.note_too_long": "The story is too long (at most 4,000 characters).",
};

export type Language = "de" | "en";

export const messages: Record<Language, Record<MessageKey, string>> = { de, en };

/** The text for `key` in `lang`, with `{name}` placeholders filled in. */
export function translate(
  lang: Language,
  key: MessageKey,
  params: Record<string, string | number> = {},
): string {
  return messages[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** The translation of an error code from the backend, or a generic text with its message. */
export function translateError(lang: Language, code: string, message: string): string {
  const key = `error.${code}`;
  if (key in messages[lang]) {
    return translate(lang, key as MessageKey, { message });
  }
  return translate(lang, "error.unknown", { message });
}

/** A whole percentage the German or English way. */
export function percent(lang: Language, fraction: number): string {
  return new Intl.NumberFormat(lang === "de" ? "de-DE" : "en-GB", {
    maximumFractionDigits: 0,
  }).format(fraction * 100);
}
