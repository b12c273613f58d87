import { MAX_NUMBER_CHARS, parseNumber } from "./numbers.ts";

/**
 * How a stock cell written in words or as a bound reads as a number. Suppliers write "много",
 * "в наличии", ">10", "10+", "10 шт." or "под заказ" where a count would be; the rules are in
 * docs/pricing.md ("Quantity"), and this file is the one place that holds them.
 */

/**
 * Stock that the file says is there without a count ("есть", "много", "+"): at least one item,
 * the most the file vouches for. A search for "in stock" finds these rows; a wish for ten does not.
 */
export const IN_STOCK_QUANTITY = 1;

/** Said of an item in stock, count unknown: IN_STOCK_QUANTITY. */
const IN_STOCK_WORDS = [
  "есть",
  "да",
  "в наличии",
  "имеется",
  "много",
  "достаточно",
  "+",
  "++",
  "+++",
  "yes",
  "in stock",
  "available",
  "many",
  "plenty",
];

/** Said of an item not in stock now: 0 (on order, expected, in transit count as none). */
const NONE_WORDS = [
  "нет",
  "нет в наличии",
  "отсутствует",
  "под заказ",
  "на заказ",
  "ожидается",
  "ожидание",
  "в пути",
  "-",
  "—",
  "–",
  "no",
  "none",
  "out of stock",
  "on order",
  "backorder",
];

/** "more than N", "N or more": N, the count the file vouches for. */
const LOWER_BOUND_PREFIXES = [">=", "≥", ">", "более чем", "более", "больше", "свыше", "не менее", "от", "over", "more than", "at least"];

/** "fewer than N": some, but fewer than N; read as IN_STOCK_QUANTITY, or 0 when N leaves no room ("<1"). */
const STRICT_UPPER_PREFIXES = ["<", "менее", "меньше", "less than", "fewer than"];
/** "up to N": N at most; read as IN_STOCK_QUANTITY, or 0 for "до 0". */
const UPPER_PREFIXES = ["<=", "≤", "до", "не более", "up to"];

/** Units after a count ("10 шт", "10 шт.", "10 pcs"), dropped. */
const UNIT = /\s*(?:шт|штук|штуки|штука|ед|pcs|pc|units?)$/u;

const normalize = (text: string): string =>
  text
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(/\s+/gu, " ")
    .trim()
    .replace(/[.!]+$/u, "")
    .trim();

const WORDS = new Map<string, number>([
  ...IN_STOCK_WORDS.map((word) => [word, IN_STOCK_QUANTITY] as const),
  ...NONE_WORDS.map((word) => [word, 0] as const),
]);

/** A count without its unit, or undefined. */
function count(text: string): number | undefined {
  const value = parseNumber(text.trim());
  return value === undefined || value < 0 ? undefined : value;
}

/**
 * A quantity cell as a number: a plain number as parseNumber reads it, else a word or bound as
 * above; undefined when it is neither (the row is skipped saying so). Texts longer than a number
 * may be are not read, so every cell costs a bounded, linear scan.
 */
export function parseQuantity(text: string): number | undefined {
  const plain = parseNumber(text);
  if (plain !== undefined) return plain;
  if (text.length > MAX_NUMBER_CHARS) return undefined;
  const s = normalize(text);
  const word = WORDS.get(s);
  if (word !== undefined) return word;
  const t = s.replace(UNIT, "");
  if (t.endsWith("+")) return count(t.slice(0, -1));
  const after = (prefixes: readonly string[]) => {
    const prefix = prefixes.find((p) => t.startsWith(p));
    return prefix === undefined ? undefined : count(t.slice(prefix.length));
  };
  // Inclusive prefixes first: "<=" also starts with "<".
  const upTo = after(UPPER_PREFIXES);
  if (upTo !== undefined) return Math.min(IN_STOCK_QUANTITY, upTo);
  const below = after(STRICT_UPPER_PREFIXES);
  if (below !== undefined) return below > 1 ? IN_STOCK_QUANTITY : 0;
  return after(LOWER_BOUND_PREFIXES) ?? count(t);
}
