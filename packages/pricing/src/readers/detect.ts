import type { FileFormat } from "./types.ts";

/** How many leading bytes detectFileFormat needs to decide. */
export const DETECT_BYTES = 4096;

const ZIP_LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];
const MOXCEL = [0x4d, 0x4f, 0x58, 0x43, 0x45, 0x4c, 0x00]; // "MOXCEL\0"
/** 1C 8.x writes 13 header bytes, then a UTF-8 BOM and its bracketed text. */
export const MXL8_HEADER_BYTES = 13;
const UTF8_BOM = [0xef, 0xbb, 0xbf];
const OLE_COMPOUND = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0): boolean =>
  bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);

/**
 * Tells the formats apart by their bytes, never by the file's name (people rename files).
 * csv means: valid UTF-8 text (the sample may end inside a character) that is none of the others.
 */
export function detectFileFormat(firstBytes: Uint8Array): FileFormat {
  if (startsWith(firstBytes, ZIP_LOCAL_HEADER)) return "xlsx";
  if (startsWith(firstBytes, MOXCEL)) {
    return startsWith(firstBytes, UTF8_BOM, MXL8_HEADER_BYTES) ? "mxl8" : "mxl77";
  }
  return looksLikeUtf8Text(firstBytes) ? "csv" : "unknown";
}

/** True for the old binary Excel (.xls) and other OLE compound files, to name them in the error. */
export const isOleCompoundFile = (firstBytes: Uint8Array): boolean => startsWith(firstBytes, OLE_COMPOUND);

function looksLikeUtf8Text(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  // A sample cut mid-character must not count against the file: drop up to 3 trailing bytes of a partial sequence.
  const sample = bytes.subarray(0, completeUtf8Length(bytes));
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(sample);
  } catch {
    return false;
  }
  // Control characters other than tab/CR/LF (and NUL above all) mean binary data.
  return !/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(text);
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
