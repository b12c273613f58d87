import { createReadStream } from "node:fs";
import { TextDecoder } from "node:util";
import { StockFileError } from "../errors.ts";
import { CsvParser, detectDelimiter } from "./csv-parser.ts";
import type { RowReader, SheetRow } from "./types.ts";

const CHUNK_BYTES = 64 * 1024;

/** Reads a UTF-8 CSV (with or without BOM, comma or semicolon) as a stream: memory holds one chunk. */
export function openCsv(filePath: string, totalBytes: number): RowReader {
  let bytesRead = 0;
  async function* rows(): AsyncGenerator<SheetRow, void, undefined> {
    // fatal: a Windows-1251 file must fail clearly instead of importing mojibake names
    const decoder = new TextDecoder("utf-8", { fatal: true });
    const stream = createReadStream(filePath, { highWaterMark: CHUNK_BYTES });
    let parser: CsvParser | undefined;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        bytesRead += chunk.length;
        const text = decode(decoder, chunk);
        parser ??= new CsvParser(detectDelimiter(text));
        yield* parser.push(text);
      }
      if (parser === undefined) return;
      yield* parser.push(decode(decoder));
      if (parser.isInsideQuotes) {
        throw new StockFileError(
          `The CSV file has a quoted field that starts on row ${parser.quotedFieldRow} and is never closed.`,
        );
      }
      yield* parser.end();
    } finally {
      stream.destroy();
    }
  }
  return {
    format: "csv",
    totalBytes,
    get bytesRead() {
      return bytesRead;
    },
    rows,
  };
}

function decode(decoder: TextDecoder, chunk?: Buffer): string {
  try {
    return chunk === undefined ? decoder.decode() : decoder.decode(chunk, { stream: true });
  } catch {
    throw new StockFileError(
      "The CSV file is not UTF-8 text. Save it as \"CSV UTF-8\" or as an Excel workbook (.xlsx) and upload it again.",
    );
  }
}
