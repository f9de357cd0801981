// The window's current language, shared by every component. It is the team's setting in
// the database (the language switch saves it there), German unless set otherwise.

import type { ErrorCode } from "./bindings";
import { translate, translateError, type Language, type MessageKey } from "./i18n";

let current = $state<Language>("de");

export const locale = {
  get lang(): Language {
    return current;
  },
  init(language: Language): void {
    current = language;
    document.documentElement.lang = current;
  },
  set(lang: Language): void {
    current = lang;
    document.documentElement.lang = lang;
  },
};

/** The text for `key` in the current language. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return translate(current, key, params);
}

/** A backend error in the current language. */
export function te(code: ErrorCode, message: string): string {
  return translateError(current, code, message);
}
