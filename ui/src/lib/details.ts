// The optional details of a contact as the detail panel holds them, and how they become
// the draft the backend checks.

import type {
  Channel,
  Contact,
  ContactDraft,
  Motive,
  Obstacle,
  Perspective,
  Phase,
  Purpose,
  Rating,
  VocabularyEntry,
} from "./bindings";
import type { Language } from "./i18n";

export interface Details {
  channel: Channel | null;
  phase: Phase | null;
  purpose: Purpose | null;
  motives: Motive[];
  perspectives: Perspective[];
  /** What got in the way; kept on 08/15 contacts only (the backend drops it on golden). */
  obstacles: Obstacle[];
  note: string;
  share: boolean;
  nps: number | null;
}

export const NOTE_MAX = 4000;

export function emptyDetails(channel: Channel | null = null): Details {
  return {
    channel,
    phase: null,
    purpose: null,
    motives: [],
    perspectives: [],
    obstacles: [],
    note: "",
    share: false,
    nps: null,
  };
}

/** After logging, everything is cleared but the channel, which people keep for a while. */
export function afterLogging(details: Details): Details {
  return emptyDetails(details.channel);
}

/** Whether anything beyond the remembered channel was entered. */
export function hasDetails(details: Details): boolean {
  return (
    details.phase !== null ||
    details.purpose !== null ||
    details.motives.length > 0 ||
    details.perspectives.length > 0 ||
    details.obstacles.length > 0 ||
    details.note.trim() !== "" ||
    details.nps !== null
  );
}

/** `place` is this computer's place (its preferences), kept with the contact. */
export function toDraft(
  rating: Rating,
  details: Details,
  member: string | null,
  place: string | null = null,
): ContactDraft {
  const note = details.note.trim() === "" ? null : details.note;
  return {
    rating,
    occurred_at: null,
    member,
    channel: details.channel,
    phase: details.phase,
    purpose: details.purpose,
    motives: [...details.motives],
    perspectives: [...details.perspectives],
    obstacles: rating === "ordinary" ? [...details.obstacles] : [],
    note,
    share_in_review: note !== null && details.share,
    nps: details.nps,
    place: place && place.trim() !== "" ? place.trim() : null,
  };
}

/** Adds or removes one tag, keeping the list in the vocabulary's order. */
export function toggle<T extends string>(list: T[], value: T, order: readonly string[]): T[] {
  const next = list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
  return next.sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

export function entriesOf(vocabulary: VocabularyEntry[], kind: string): VocabularyEntry[] {
  return vocabulary.filter((e) => e.kind === kind);
}

export function labelOf(entry: VocabularyEntry, lang: Language): string {
  return lang === "de" ? entry.label_de : entry.label_en;
}

export function hintOf(entry: VocabularyEntry, lang: Language): string | null {
  return lang === "de" ? entry.hint_de : entry.hint_en;
}

/** The details of a stored contact, for editing it. */
export function fromContact(contact: Contact): Details {
  return {
    channel: contact.channel,
    phase: contact.phase,
    purpose: contact.purpose,
    motives: [...contact.motives],
    perspectives: [...contact.perspectives],
    obstacles: [...contact.obstacles],
    note: contact.note ?? "",
    share: contact.share_in_review,
    nps: contact.nps,
  };
}
