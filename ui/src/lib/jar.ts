// Where the marbles lie in the jar: a pure function of the counts, so the picture is the
// same every time for the same day and a new marble always lands on top.

import type { Rating } from "./bindings";

export interface Marble {
  x: number;
  y: number;
  r: number;
  rating: Rating;
}

/** The inside of the jar in SVG units (see Jar.svelte). */
export const JAR_INSIDE = { left: 34, right: 206, bottom: 292, top: 96 } as const;

/** More marbles than this are summarised as "+N" rather than drawn. */
export const MAX_DRAWN = 320;

const LARGEST = 15;
const SMALLEST = 4.5;

/**
 * The colours in the order they fell: golden and dark spread evenly (as if the day's
 * contacts alternated as evenly as their counts allow). `lastFirst` puts a just-logged
 * marble last so it lands on top.
 */
export function marbleSequence(golden: number, ordinary: number, last?: Rating): Rating[] {
  let g = golden;
  let o = ordinary;
  if (last === "golden" && g > 0) g -= 1;
  if (last === "ordinary" && o > 0) o -= 1;
  const total = g + o;
  const sequence: Rating[] = [];
  let placedGolden = 0;
  for (let i = 0; i < total; i += 1) {
    // Place a golden marble whenever the golden share so far falls behind the target.
    const wantGolden = Math.round(((i + 1) * g) / total);
    if (wantGolden > placedGolden) {
      sequence.push("golden");
      placedGolden += 1;
    } else {
      sequence.push("ordinary");
    }
  }
  if (last && (last === "golden" ? golden : ordinary) > 0) {
    sequence.push(last);
  }
  return sequence;
}

/** The radius at which `count` marbles fit in the jar, between the smallest and largest. */
export function radiusFor(count: number): number {
  const width = JAR_INSIDE.right - JAR_INSIDE.left;
  const height = JAR_INSIDE.bottom - JAR_INSIDE.top;
  for (let r = LARGEST; r > SMALLEST; r -= 0.5) {
    const perRow = Math.floor(width / (2 * r));
    const rows = Math.ceil(count / perRow);
    if (rows * r * Math.sqrt(3) + r <= height) {
      return r;
    }
  }
  return SMALLEST;
}

/** A small, repeatable wobble so the pile does not look machine-stacked. */
function wobble(i: number): number {
  const s = Math.sin(i * 12.9898 + 78.233) * 43758.5453;
  return s - Math.floor(s) - 0.5;
}

/** Positions for the marbles, bottom row first, in a hexagonal pile. */
export function layoutMarbles(sequence: Rating[]): Marble[] {
  const drawn = sequence.slice(0, MAX_DRAWN);
  const r = radiusFor(drawn.length);
  const width = JAR_INSIDE.right - JAR_INSIDE.left;
  const perRow = Math.max(1, Math.floor(width / (2 * r)));
  const spare = width - perRow * 2 * r;
  // Odd rows sit in the gaps of the row below; without room for the half-marble shift
  // they hold one marble less, so the pile stays inside the glass.
  const oddRowSlots = spare >= r ? perRow : Math.max(1, perRow - 1);
  const marbles: Marble[] = [];
  let row = 0;
  let column = 0;
  drawn.forEach((rating, i) => {
    const slots = row % 2 === 1 ? oddRowSlots : perRow;
    if (column >= slots) {
      row += 1;
      column = 0;
    }
    const shift = row % 2 === 1 ? r : 0;
    const x = JAR_INSIDE.left + spare / 2 + r + column * 2 * r + shift + wobble(i) * r * 0.2;
    const y = JAR_INSIDE.bottom - r - row * r * Math.sqrt(3) + wobble(i + 7) * r * 0.1;
    marbles.push({ x, y, r, rating });
    column += 1;
  });
  return marbles;
}
