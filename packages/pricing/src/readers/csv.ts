import { text } from "@tasklane/contract";
import { createReadStream } from "node:fs";
import { TextDecoder } from "node:util";
import { StockFileError } from "../errors.ts";
import { type CsvEncoding, csvEncoding } from "./csv-encoding.ts";
import { CsvParser, detectDelimiter } from "./csv-parser.ts";
import { ONE_UNNAMED_SHEET, type RowReader, type SheetRow } from "./types.ts";

const CHUNK_BYTES = 64 * 1024;

/**
 * Reads a CSV (UTF-8 with or without BOM, Windows-1251, or UTF-16 with BOM; comma or semicolon)
 * as a stream: memory holds one chunk. The encoding is told from the first chunk.
 */
export function openCsv(filePath: string, totalBytes: number): RowReader {
  let bytesRead = 0;
  async function* rows(): AsyncGenerator<SheetRow, void, undefined> {
    const stream = createReadStream(filePath, { highWaterMark: CHUNK_BYTES });
    let parser: CsvParser | undefined;
    let decoder: TextDecoder | undefined;
    let encoding: CsvEncoding | undefined;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        bytesRead += chunk.length;
        encoding ??= csvEncoding(chunk) ?? "utf-8";
        // fatal: bytes that are not text in the file's encoding must fail clearly, never import as mojibake
        decoder ??= new TextDecoder(encoding, { fatal: true });
        const text = decode(decoder, encoding, chunk);
        parser ??= new CsvParser(detectDelimiter(text));
        yield* parser.push(text);
      }
      if (parser === undefined || decoder === undefined || encoding === undefined) return;
      yield* parser.push(decode(decoder, encoding));
      if (parser.isInsideQuotes) {
        throw new StockFileError(text("file.csvUnclosedQuote", { row: String(parser.quotedFieldRow) }));
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
    listSheets: async () => [...ONE_UNNAMED_SHEET],
  };
}

const ENCODING_NAMES: Record<CsvEncoding, string> = {
  "utf-8": "UTF-8",
  "windows-1251": "Windows-1251",
  "utf-16le": "UTF-16",
  "utf-16be": "UTF-16",
};

function decode(decoder: TextDecoder, encoding: CsvEncoding, chunk?: Buffer): string {
  try {
    return chunk === undefined ? decoder.decode() : decoder.decode(chunk, { stream: true });
  } catch {
    throw new StockFileError(text("file.csvMixedEncoding", { encoding: ENCODING_NAMES[encoding] }));
  }
}
