/** Spaces people and spreadsheet programs put between thousands: space, NBSP, narrow NBSP, thin space. */
const GROUP_SPACES = /[\s\u00a0\u202f\u2009\u2007]/g;
const SIMPLE_NUMBER = /^-?\d{1,15}(\.\d{1,15})?$/;
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Reads a number written by a person or stored as text: "1 234,56", "1234.5", "1,234.50",
 * "1.234,50", "1e3". A lone comma is a decimal comma (Russian style); with both marks the
 * last one is the decimal mark. Returns undefined for anything else (currency signs too).
 */
export function parseNumber(text: string): number | undefined {
  // Most cells are plain numbers written by a spreadsheet program ("1234.5"): no rewriting needed.
  if (SIMPLE_NUMBER.test(text)) return Number(text);
  let s = text.replace(GROUP_SPACES, "");
  if (s === "") return undefined;
  const lastComma = s.lastIndexOf(",");
  const lastDot = s.lastIndexOf(".");
  if (lastComma >= 0 && lastDot >= 0) {
    s = lastComma > lastDot ? s.replaceAll(".", "").replace(",", ".") : s.replaceAll(",", "");
  } else if (lastComma >= 0) {
    s = s.indexOf(",") === lastComma ? s.replace(",", ".") : s.replaceAll(",", "");
  } else if (lastDot >= 0 && s.indexOf(".") !== lastDot) {
    s = s.replaceAll(".", "");
  }
  if (!PLAIN_NUMBER.test(s)) return undefined;
  const value = Number(s);
  return Number.isFinite(value) ? value : undefined;
}
