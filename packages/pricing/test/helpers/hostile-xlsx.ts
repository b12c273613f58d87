import { constants, crc32, deflateRawSync } from "node:zlib";
import { rawXlsx } from "./xlsx.ts";

/**
 * A deflate stream of `repeat` copies of `chunk`, built from one compressed copy: each piece
 * ends with a sync flush (a non-final block), so pieces concatenate into one valid stream.
 * The file stays small however large its inflated size.
 */
function repeatedDeflate(prefix: Buffer, chunk: Buffer, repeat: number, suffix: Buffer) {
  const flush = { finishFlush: constants.Z_SYNC_FLUSH };
  const piece = deflateRawSync(chunk, flush);
  const parts = [deflateRawSync(prefix, flush), ...Array<Buffer>(repeat).fill(piece), deflateRawSync(suffix)];
  let crc = crc32(prefix);
  for (let i = 0; i < repeat; i++) crc = crc32(chunk, crc);
  crc = crc32(suffix, crc);
  return { data: Buffer.concat(parts), crc, size: prefix.length + chunk.length * repeat + suffix.length };
}

/** The hand-written workbook with its sheet replaced by this XML, for sheets no writer makes. */
export function xlsxWithSheet(xml: string): Buffer {
  const data = Buffer.from(xml, "utf8");
  return replaceEntry(template(), SHEET, { data: deflateRawSync(data), crc: crc32(data), size: data.length });
}

const SHEET = "xl/worksheets/sheet1.xml";
const SHARED_STRINGS = "xl/sharedStrings.xml";

const NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
/** Row 1 of every hostile sheet: a header the import recognises, in inline strings (no shared strings needed). */
const HEADER_ROW = `<row r="1"><c r="A1" t="inlineStr"><is><t>PN</t></is></c><c r="B1" t="inlineStr"><is><t>Price</t></is></c></row>`;

/** A worksheet's XML: the PN | Price header row, then these rows' XML; `doctype` goes before the root. */
export const worksheetXml = (rows: string, doctype = ""): string =>
  `<?xml version="1.0" encoding="UTF-8"?>${doctype}<worksheet xmlns="${NS}"><sheetData>${HEADER_ROW}${rows}</sheetData></worksheet>`;

/** A shared-strings part of these items, each given as the XML inside its <si>. */
export const sharedStringsXml = (items: readonly string[]): string =>
  `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${NS}">${items.map((item) => `<si>${item}</si>`).join("")}</sst>`;

/** The hand-written workbook with its sheet and its shared strings replaced by this XML. */
export function xlsxWithParts(sheetXml: string, sstXml: string): Buffer {
  const deflated = (xml: string) => {
    const data = Buffer.from(xml, "utf8");
    return { data: deflateRawSync(data), crc: crc32(data), size: data.length };
  };
  return replaceEntry(replaceEntry(template(), SHEET, deflated(sheetXml)), SHARED_STRINGS, deflated(sstXml));
}
const template = () => rawXlsx({ rows: [{ r: 1, cells: ["PN", "Price"] }] });

/**
 * An .xlsx whose sheet inflates to about `megabytes` MB: one inline-string cell whose text
 * never ends. The zip is the hand-written workbook with its sheet entry swapped for the bomb.
 */
export function zipBombXlsx(megabytes: number): Buffer {
  const prefix = Buffer.from(
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>',
  );
  const suffix = Buffer.from("</t></is></c></row></sheetData></worksheet>");
  const bomb = repeatedDeflate(prefix, Buffer.alloc(1024 * 1024, "A"), megabytes, suffix);
  return replaceEntry(template(), SHEET, bomb);
}

/** Rewrites one deflated entry of a zip made by makeZip (no data descriptors, no extras). */
function replaceEntry(zip: Buffer, name: string, entry: { data: Buffer; crc: number; size: number }): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  const endAt = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let central = zip.readUInt32LE(endAt + 16);
  let offset = 0;
  for (let i = 0; i < zip.readUInt16LE(endAt + 10); i++) {
    const nameLength = zip.readUInt16LE(central + 28);
    const entryName = zip.toString("utf8", central + 46, central + 46 + nameLength);
    const localAt = zip.readUInt32LE(central + 42);
    const compressed = zip.readUInt32LE(central + 20);
    const local = Buffer.from(zip.subarray(localAt, localAt + 30 + nameLength));
    let data = zip.subarray(localAt + 30 + nameLength, localAt + 30 + nameLength + compressed);
    const head = Buffer.from(zip.subarray(central, central + 46 + nameLength));
    if (entryName === name) {
      data = entry.data;
      for (const [b, at] of [
        [local, 14],
        [head, 16],
      ] as const) {
        b.writeUInt32LE(entry.crc, at);
        b.writeUInt32LE(entry.data.length, at + 4);
        b.writeUInt32LE(entry.size >>> 0, at + 8);
      }
    }
    head.writeUInt32LE(offset, 42);
    locals.push(local, data);
    centrals.push(head);
    offset += local.length + data.length;
    central += 46 + nameLength;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.from(zip.subarray(endAt, endAt + 22));
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
