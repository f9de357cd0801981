// The window's current language, shared by every component. German unless the person
// chose otherwise on this computer (remembered) or the team's setting says English.

import { translate, translateError, type Language, type MessageKey } from "./i18n";

const STORAGE_KEY = "murmelglas.language";

let current = $state<Language>("de");

export const locale = {
  get lang(): Language {
    return current;
  },
  /** Starts with the person's own choice on this computer, else the team's setting. */
  init(teamDefault: Language): void {
    const saved = localStorage.getItem(STORAGE_KEY);
    current = saved === "de" || saved === "en" ? saved : teamDefault;
    document.documentElement.lang = current;
  },
  set(lang: Language): void {
    current = lang;
    localStorage.setItem(STORAGE_KEY, lang);
    document.documentElement.lang = lang;
  },
};

/** The text for `key` in the current language. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return translate(current, key, params);
}

/** A backend error in the current language. */
export function te(code: string, message: string): string {
  return translateError(current, code, message);
}
