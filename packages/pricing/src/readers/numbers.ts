/**
 * The longest cell text read as a number. The longest number a person writes ("-1 234 567 890,123456"
 * with group spaces, or a 17-digit float with an exponent written by a program) is under 30
 * characters; a longer cell is not a number, whatever it holds, and is never scanned.
 */
export const MAX_NUMBER_CHARS = 64;

/** Spaces people and spreadsheet programs put between thousands: any white space, NBSP, narrow NBSP, thin and figure space. */
const isGroupSpace = (c: number): boolean =>
  c === 0x20 ||
  (c >= 0x09 && c <= 0x0d) ||
  c === 0xa0 ||
  c === 0x202f ||
  c === 0x2009 ||
  c === 0x2007 ||
  c === 0x1680 ||
  (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 ||
  c === 0x2029 ||
  c === 0x205f ||
  c === 0x3000 ||
  c === 0xfeff;

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/**
 * Reads a number written by a person or stored as text: "1 234,56", "1234.5", "1,234.50",
 * "1.234,50", "1e3". A lone comma is a decimal comma (Russian style); with both marks the
 * last one is the decimal mark; a mark that appears more than once (and is not the decimal
 * mark) groups thousands. Returns undefined for anything else (currency signs too) and for
 * text longer than MAX_NUMBER_CHARS.
 *
 * One pass over the text, no regular expression: a cell of 40,000 digits once froze the event
 * loop for seconds in a backtracking pattern.
 */
export function parseNumber(text: string): number | undefined {
  const n = text.length;
  if (n === 0 || n > MAX_NUMBER_CHARS) return undefined;
  // The mantissa's digits, and where each comma and dot fell among them.
  let digits = "";
  let sign = "";
  let commas = 0;
  let dots = 0;
  let firstComma = -1;
  let lastComma = -1;
  let lastDot = -1;
  let lastMark = -1; // position (index into the marks order) to tell which mark came last
  let commaOrder = -1;
  let dotOrder = -1;
  let exponent = "";
  let i = 0;
  // Leading spaces and one sign.
  for (; i < n && isGroupSpace(text.charCodeAt(i)); i++);
  if (i < n && (text.charCodeAt(i) === 0x2b || text.charCodeAt(i) === 0x2d)) {
    sign = text.charCodeAt(i) === 0x2d ? "-" : "";
    i++;
  }
  // Mantissa: digits, commas, dots and group spaces, up to an exponent or the end.
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (isDigit(c)) digits += text[i];
    else if (c === 0x2c /* , */) {
      commas++;
      if (firstComma < 0) firstComma = digits.length;
      lastComma = digits.length;
      commaOrder = ++lastMark;
    } else if (c === 0x2e /* . */) {
      dots++;
      lastDot = digits.length;
      dotOrder = ++lastMark;
    } else if (isGroupSpace(c)) continue;
    else if (c === 0x65 || c === 0x45 /* e E */) break;
    else return undefined;
  }
  if (digits === "") return undefined;
  // Exponent: e, an optional sign, at least one digit, nothing after (spaces aside).
  if (i < n) {
    i++;
    for (; i < n && isGroupSpace(text.charCodeAt(i)); i++);
    if (i < n && (text.charCodeAt(i) === 0x2b || text.charCodeAt(i) === 0x2d)) exponent = text.charCodeAt(i++) === 0x2d ? "-" : "";
    let expDigits = "";
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (isDigit(c)) expDigits += text[i];
      else if (!isGroupSpace(c)) return undefined;
    }
    if (expDigits === "") return undefined;
    exponent = `e${exponent}${expDigits}`;
  }
  // Which mark is the decimal one, if any: the last of two kinds (once only), or a lone one.
  let decimalAt = -1;
  if (commas > 0 && dots > 0) {
    const commaLast = commaOrder > dotOrder;
    if (commaLast ? commas > 1 : dots > 1) return undefined;
    decimalAt = commaLast ? lastComma : lastDot;
  } else if (commas === 1) decimalAt = firstComma;
  else if (dots === 1) decimalAt = lastDot;
  const mantissa = decimalAt < 0 ? digits : `${digits.slice(0, decimalAt)}.${digits.slice(decimalAt)}`;
  const value = Number(sign + mantissa + exponent);
  return Number.isFinite(value) ? value : undefined;
}
