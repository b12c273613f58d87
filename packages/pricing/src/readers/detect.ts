import { csvEncoding } from "./csv-encoding.ts";
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
 * csv means: text in one of the encodings csv-encoding.ts reads (the sample may end inside a
 * character) that is none of the others.
 */
export function detectFileFormat(firstBytes: Uint8Array): FileFormat {
  if (startsWith(firstBytes, ZIP_LOCAL_HEADER)) return "xlsx";
  if (startsWith(firstBytes, MOXCEL)) {
    return startsWith(firstBytes, UTF8_BOM, MXL8_HEADER_BYTES) ? "mxl8" : "mxl77";
  }
  return csvEncoding(firstBytes) ? "csv" : "unknown";
}

/** True for the old binary Excel (.xls) and other OLE compound files, to name them in the error. */
export const isOleCompoundFile = (firstBytes: Uint8Array): boolean => startsWith(firstBytes, OLE_COMPOUND);
