import { once } from "node:events";
import { crc32, createDeflateRaw } from "node:zlib";

/**
 * An .xlsx written as raw OOXML into a minimal zip, with the sheet's XML streamed through
 * deflate piece by piece: hostile sheets no spreadsheet library would write, and a
 * million-row sheet for the benchmark in seconds (no workbook object is ever built).
 */
export interface RawXlsx {
  /** The <sheetData> content, in pieces; joined they are the rows. */
  rows: Iterable<string>;
  /** sharedStrings.xml's items, already XML (each `<si>…</si>`). */
  sharedItems?: Iterable<string>;
}

export async function rawXlsx({ rows, sharedItems = [] }: RawXlsx): Promise<Buffer> {
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const sheet = await deflate(
    chain([`<?xml version="1.0" encoding="UTF-8"?><worksheet ${ns}><sheetData>`], rows, ["</sheetData></worksheet>"]),
  );
  const sst = await deflate(chain([`<?xml version="1.0" encoding="UTF-8"?><sst ${ns}>`], sharedItems, ["</sst>"]));
  return zip([
    { name: "[Content_Types].xml", ...(await deflate([CONTENT_TYPES])) },
    { name: "_rels/.rels", ...(await deflate([ROOT_RELS])) },
    { name: "xl/workbook.xml", ...(await deflate([WORKBOOK])) },
    { name: "xl/_rels/workbook.xml.rels", ...(await deflate([WORKBOOK_RELS])) },
    { name: "xl/sharedStrings.xml", ...sst },
    { name: "xl/worksheets/sheet1.xml", ...sheet },
  ]);
}

function* chain(...parts: Iterable<string>[]): Generator<string> {
  for (const part of parts) yield* part;
}

interface Deflated {
  data: Buffer;
  crc: number;
  size: number;
}

async function deflate(pieces: Iterable<string>): Promise<Deflated> {
  const z = createDeflateRaw({ level: 6 });
  const out: Buffer[] = [];
  z.on("data", (b: Buffer) => out.push(b));
  const ended = once(z, "end");
  let crc = 0;
  let size = 0;
  for (const piece of pieces) {
    const bytes = Buffer.from(piece, "utf8");
    crc = crc32(bytes, crc);
    size += bytes.length;
    if (!z.write(bytes)) await once(z, "drain");
  }
  z.end();
  await ended;
  if (size > 0xffff_ffff) throw new Error("a zip64 entry is needed; this writer makes none");
  return { data: Buffer.concat(out), crc, size };
}

/** Local headers, data, central directory, end record; UTF-8 names, no zip64. */
function zip(entries: ({ name: string } & Deflated)[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const local = header(false, name, entry, 0);
    parts.push(local, entry.data);
    central.push(header(true, name, entry, offset));
    offset += local.length + entry.data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

function header(central: boolean, name: Buffer, entry: Deflated, offset: number): Buffer {
  const b = Buffer.alloc((central ? 46 : 30) + name.length);
  b.writeUInt32LE(central ? 0x02014b50 : 0x04034b50, 0);
  const p = central ? 6 : 4;
  if (central) b.writeUInt16LE(20, 4);
  b.writeUInt16LE(20, p);
  b.writeUInt16LE(0x0800, p + 2);
  b.writeUInt16LE(8, p + 4);
  b.writeUInt32LE(entry.crc >>> 0, p + 10);
  b.writeUInt32LE(entry.data.length, p + 14);
  b.writeUInt32LE(entry.size >>> 0, p + 18);
  b.writeUInt16LE(name.length, p + 22);
  if (central) b.writeUInt32LE(offset, 42);
  name.copy(b, central ? 46 : 30);
  return b;
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Stock" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
