import { open } from "node:fs/promises";
import { SAVE_AS_XLSX_HINT, StockFileError } from "../errors.ts";
import { openCsv } from "./csv.ts";
import { DETECT_BYTES, detectFileFormat, isOleCompoundFile } from "./detect.ts";
import { openMxl8 } from "./mxl.ts";
import { isEncryptedOfficeFile } from "./ole.ts";
import type { RowReader } from "./types.ts";
import { openXlsx } from "./xlsx.ts";

export interface ReaderOptions {
  /** The .xlsx sheets to read, by name (see XlsxOptions); CSV and 1C have one sheet and ignore it. */
  sheets?: readonly string[] | undefined;
}

/** Opens the right reader for the file's bytes, or fails with a message the uploader can act on. */
export async function openRowReader(filePath: string, options: ReaderOptions = {}): Promise<RowReader> {
  const { head, size } = await readHead(filePath);
  const format = detectFileFormat(head);
  switch (format) {
    case "xlsx":
      return openXlsx(filePath, { sheets: options.sheets });
    case "csv":
      return openCsv(filePath, size);
    case "mxl8":
      return openMxl8(filePath, size);
    case "mxl77":
      throw new StockFileError(
        `The file is a 1C:Enterprise 7.7 spreadsheet (.mxl), whose binary format cannot be read. ${SAVE_AS_XLSX_HINT}`,
      );
    case "unknown":
      throw await unknownFormatError(filePath, head);
    default: {
      const never: never = format;
      throw new Error(`unhandled file format ${String(never)}`);
    }
  }
}

/** Said of a workbook Excel saved with a password: its password, not its format, is the problem. */
export const PASSWORD_PROTECTED_MESSAGE = "The workbook is password-protected; save it without a password and upload it again.";

async function unknownFormatError(filePath: string, head: Uint8Array): Promise<StockFileError> {
  if (head.length === 0) return new StockFileError(`The file is empty. ${SAVE_AS_XLSX_HINT}`);
  if (isOleCompoundFile(head)) {
    if (await isEncryptedOfficeFile(filePath)) return new StockFileError(PASSWORD_PROTECTED_MESSAGE);
    return new StockFileError(`The file is an old Excel 97-2003 workbook (.xls), which is not supported. ${SAVE_AS_XLSX_HINT}`);
  }
  return new StockFileError(
    `The file's format was not recognised: it is not an .xlsx workbook, a CSV (UTF-8, Windows-1251 or UTF-16) or a 1C 8.x .mxl document. ${SAVE_AS_XLSX_HINT}`,
  );
}

async function readHead(filePath: string): Promise<{ head: Uint8Array; size: number }> {
  const handle = await open(filePath, "r");
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(Math.min(DETECT_BYTES, size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return { head: buffer.subarray(0, bytesRead), size };
  } finally {
    await handle.close();
  }
}
