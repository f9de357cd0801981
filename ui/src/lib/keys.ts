// One keystroke logs a contact: G or 1 for golden, N or 2 for 08/15 — but never while
// someone types in a text field or holds a modifier for a shortcut of its own.

import type { Rating } from "./bindings";

export function ratingForKey(event: Pick<KeyboardEvent, "key" | "ctrlKey" | "altKey" | "metaKey" | "target">): Rating | null {
  if (event.ctrlKey || event.altKey || event.metaKey) {
    return null;
  }
  const target = event.target as HTMLElement | null;
  if (target && isTextEntry(target)) {
    return null;
  }
  switch (event.key) {
    case "g":
    case "G":
    case "1":
      return "golden";
    case "n":
    case "N":
    case "2":
      return "ordinary";
    default:
      return null;
  }
}

function isTextEntry(element: HTMLElement): boolean {
  const tag = element.tagName;
  if (tag === "TEXTAREA" || tag === "SELECT" || element.isContentEditable) {
    return true;
  }
  if (tag === "INPUT") {
    const type = (element as HTMLInputElement).type;
    return !["button", "checkbox", "radio", "submit", "reset"].includes(type);
  }
  return false;
}
