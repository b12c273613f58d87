/**
 * The text encodings a CSV arrives in: UTF-8 (with or without BOM, what "CSV UTF-8" saves),
 * Windows-1251 (what Excel on Russian Windows and 1C save as plain CSV), and UTF-16 with a BOM
 * (Excel's "Unicode text"). Told from the bytes alone.
 */
export type CsvEncoding = "utf-8" | "windows-1251" | "utf-16le" | "utf-16be";

const startsWith = (bytes: Uint8Array, prefix: readonly number[]): boolean =>
  bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);

/** Control characters other than tab, LF and CR (NUL above all) mean binary data, not text. */
const isControl = (b: number): boolean => b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d;

/**
 * The encoding of a CSV whose first bytes these are, or undefined when they are not text.
 * Windows-1251 is what is left once UTF-8 fails: every byte but 0x98 is a character there, so
 * the file must also be free of control bytes and of 0x98, and its bytes over 0x7F must be mostly
 * Cyrillic letters (0xC0-0xFF), as a Russian price list's are; other 8-bit text is refused.
 */
export function csvEncoding(bytes: Uint8Array): CsvEncoding | undefined {
  if (bytes.length === 0) return undefined;
  if (startsWith(bytes, [0xff, 0xfe])) return "utf-16le";
  if (startsWith(bytes, [0xfe, 0xff])) return "utf-16be";
  if (isUtf8Text(bytes)) return "utf-8";
  let high = 0;
  let letters = 0;
  for (const b of bytes) {
    if (isControl(b) || b === 0x98) return undefined;
    if (b >= 0x80) {
      high++;
      if (b >= 0xc0) letters++;
    }
  }
  return high > 0 && letters / high >= 0.6 ? "windows-1251" : undefined;
}

function isUtf8Text(bytes: Uint8Array): boolean {
  // A sample cut mid-character must not count against the file: drop a trailing partial sequence.
  const sample = bytes.subarray(0, completeUtf8Length(bytes));
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(sample);
  } catch {
    return false;
  }
  for (let i = 0; i < text.length; i++) if (isControl(text.charCodeAt(i))) return false;
  return true;
}

function completeUtf8Length(bytes: Uint8Array): number {
  for (let back = 1; back <= 3 && back <= bytes.length; back++) {
    const b = bytes[bytes.length - back]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}
