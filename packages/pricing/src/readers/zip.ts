import { pipeline, type Readable, Transform } from "node:stream";
import { createInflateRaw } from "node:zlib";
import yauzl, { type Entry, type ZipFile } from "yauzl";
import { text, truncateText } from "@tasklane/contract";
import { StockFileError } from "../errors.ts";

export interface ZipArchive {
  /** Central-directory entries by name: any entry can be opened, in any order. */
  entries: Map<string, Entry>;
  /** The entry's uncompressed bytes; `onRawBytes` counts the compressed bytes read from the file. */
  open(entry: Entry, onRawBytes?: (n: number) => void): Promise<Readable>;
  close(): void;
}

/** The inflater's or XML parser's own words, cut short: they may quote the file. */
const DETAIL_CHARS = 200;

export const damagedWorkbook = (detail: string): StockFileError =>
  new StockFileError(text("file.zipDamaged", { detail: truncateText(detail, DETAIL_CHARS) }));

/**
 * Opens a zip for random access: lazyEntries reads only the central directory, so a
 * sheet stored before sharedStrings.xml costs nothing; each entry is read when asked for.
 */
export async function openZip(filePath: string): Promise<ZipArchive> {
  const zipfile = await new Promise<ZipFile>((resolve, reject) => {
    yauzl.open(filePath, { lazyEntries: true, autoClose: false }, (err, zip) =>
      err ? reject(damagedWorkbook(err.message)) : resolve(zip),
    );
  });
  try {
    const entries = await readEntries(zipfile);
    return { entries, open: (entry, onRawBytes) => openEntry(zipfile, entry, onRawBytes), close: () => zipfile.close() };
  } catch (error) {
    zipfile.close();
    throw error;
  }
}

function readEntries(zipfile: ZipFile): Promise<Map<string, Entry>> {
  const entries = new Map<string, Entry>();
  return new Promise((resolve, reject) => {
    zipfile.on("entry", (entry: Entry) => {
      entries.set(entry.fileName, entry);
      zipfile.readEntry();
    });
    zipfile.on("end", () => resolve(entries));
    zipfile.on("error", (err: Error) => reject(damagedWorkbook(err.message)));
    zipfile.readEntry();
  });
}

/** Larger than zlib's 16 KiB default: a quarter as many parser writes and event-loop turns per sheet. */
const INFLATE_CHUNK_BYTES = 64 * 1024;

/** Inflating here rather than in yauzl lets progress count bytes of the file itself. */
async function openEntry(zipfile: ZipFile, entry: Entry, onRawBytes = (_n: number) => {}): Promise<Readable> {
  if (entry.isEncrypted()) throw new StockFileError(text("file.zipEncrypted"));
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
    throw damagedWorkbook(`unsupported compression method ${entry.compressionMethod} in ${entry.fileName}`);
  }
  const raw = await new Promise<Readable>((resolve, reject) => {
    zipfile.openReadStream(entry, { decodeFileData: false }, (err, stream) =>
      err ? reject(damagedWorkbook(err.message)) : resolve(stream),
    );
  });
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      onRawBytes(chunk.length);
      done(null, chunk);
    },
  });
  // Errors surface on the last stream, where the reader's for-await sees them.
  if (entry.compressionMethod === 0) return pipeline(raw, counter, () => {});
  return pipeline(raw, counter, createInflateRaw({ chunkSize: INFLATE_CHUNK_BYTES }), () => {});
}
