import { text } from "@tasklane/contract";
import { open } from "node:fs/promises";
import { StockFileError } from "../errors.ts";
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
      throw new StockFileError(text("file.mxl77"));
    case "unknown":
      throw await unknownFormatError(filePath, head);
    default: {
      const never: never = format;
      throw new Error(`unhandled file format ${String(never)}`);
    }
  }
}

/** Said of a workbook Excel saved with a password: its password, not its format, is the problem. */
async function unknownFormatError(filePath: string, head: Uint8Array): Promise<StockFileError> {
  if (head.length === 0) return new StockFileError(text("file.empty"));
  if (isOleCompoundFile(head)) {
    if (await isEncryptedOfficeFile(filePath)) return new StockFileError(text("file.passwordProtected"));
    return new StockFileError(text("file.xls"));
  }
  return new StockFileError(text("file.unknownFormat"));
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
