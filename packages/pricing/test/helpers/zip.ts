import { crc32, deflateRawSync } from "node:zlib";

export interface ZipInput {
  name: string;
  data: string | Uint8Array;
  /** Stored instead of deflated. */
  store?: boolean;
}

/**
 * A minimal zip writer (local headers, central directory, end record), so tests can place
 * entries in any order and make xlsx files that no spreadsheet library would write.
 */
export function makeZip(entries: readonly ZipInput[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const raw = typeof entry.data === "string" ? Buffer.from(entry.data, "utf8") : Buffer.from(entry.data);
    const data = entry.store ? raw : deflateRawSync(raw);
    const name = Buffer.from(entry.name, "utf8");
    const fields = { method: entry.store ? 0 : 8, crc: crc32(raw), compressed: data.length, size: raw.length };
    const local = header(0x04034b50, name, fields, 0);
    locals.push(local, data);
    centrals.push(header(0x02014b50, name, fields, offset));
    offset += local.length + data.length;
  }
  const central = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(central.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, central, end]);
}

interface Fields {
  method: number;
  crc: number;
  compressed: number;
  size: number;
}

function header(signature: number, name: Buffer, f: Fields, offset: number): Buffer {
  const central = signature === 0x02014b50;
  const b = Buffer.alloc((central ? 46 : 30) + name.length);
  b.writeUInt32LE(signature, 0);
  let p = 4;
  if (central) {
    b.writeUInt16LE(20, p); // version made by
    p += 2;
  }
  b.writeUInt16LE(20, p); // version needed
  b.writeUInt16LE(0x0800, p + 2); // UTF-8 names
  b.writeUInt16LE(f.method, p + 4);
  b.writeUInt32LE(0, p + 6); // time, date
  b.writeUInt32LE(f.crc, p + 10);
  b.writeUInt32LE(f.compressed, p + 14);
  b.writeUInt32LE(f.size, p + 18);
  b.writeUInt16LE(name.length, p + 22);
  if (central) b.writeUInt32LE(offset, 42); // local header offset
  name.copy(b, central ? 46 : 30);
  return b;
}
