import { open } from "node:fs/promises";

/**
 * Excel saves a workbook with a password not as a zip but as an OLE compound file (the container
 * of the old .xls) holding the encrypted zip in a stream named "EncryptedPackage" (MS-OFFCRYPTO),
 * beside "EncryptionInfo". An .xls has a "Workbook" stream instead. Told apart by the names in the
 * compound file's directory (MS-CFB), which is read by following its chain of sectors.
 */
export async function isEncryptedOfficeFile(filePath: string): Promise<boolean> {
  const handle = await open(filePath, "r");
  try {
    const read = async (position: number, length: number): Promise<Buffer> => {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, position);
      return buffer.subarray(0, bytesRead);
    };
    return hasEncryptedPackage(await directoryBytes(read));
  } finally {
    await handle.close();
  }
}

const ENCRYPTED_PACKAGE = Buffer.from("EncryptedPackage\0", "utf16le");
const ENTRY_BYTES = 128;
const STREAM = 2;
/** Sector numbers at and above this mark the end of a chain or unused sectors. */
const MAX_SECTOR = 0xfffffffa;
/** A real document's directory takes a few sectors; a longer chain (or a loop) is not followed. */
const MAX_DIRECTORY_SECTORS = 64;
/** Where a damaged header leaves the directory unknown, the first bytes are searched instead. */
const FALLBACK_BYTES = 64 * 1024;

type Read = (position: number, length: number) => Promise<Buffer>;

/** The directory's sectors in chain order, or the file's first bytes when the header cannot be followed. */
async function directoryBytes(read: Read): Promise<Buffer> {
  const header = await read(0, 512);
  const fallback = () => read(0, FALLBACK_BYTES);
  if (header.length < 512) return header;
  const shift = header.readUInt16LE(0x1e);
  if (shift !== 9 && shift !== 12) return fallback();
  const sectorSize = 1 << shift;
  const entriesPerFatSector = sectorSize / 4;
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) fatSectors.push(header.readUInt32LE(0x4c + i * 4));
  const at = (sector: number) => (sector + 1) * sectorSize;
  const next = async (sector: number): Promise<number> => {
    const fatSector = fatSectors[Math.floor(sector / entriesPerFatSector)];
    if (fatSector === undefined || fatSector >= MAX_SECTOR) return MAX_SECTOR;
    const entry = await read(at(fatSector) + (sector % entriesPerFatSector) * 4, 4);
    return entry.length === 4 ? entry.readUInt32LE(0) : MAX_SECTOR;
  };
  const parts: Buffer[] = [];
  let sector = header.readUInt32LE(0x30);
  for (let n = 0; n < MAX_DIRECTORY_SECTORS && sector < MAX_SECTOR; n++) {
    parts.push(await read(at(sector), sectorSize));
    sector = await next(sector);
  }
  return parts.length === 0 ? fallback() : Buffer.concat(parts);
}

/** A stream entry named "EncryptedPackage" among 128-byte directory entries (name in UTF-16LE, its byte length at 64, type at 66). */
function hasEncryptedPackage(bytes: Buffer): boolean {
  for (let entry = 0; entry + ENTRY_BYTES <= bytes.length; entry += ENTRY_BYTES) {
    if (bytes.readUInt16LE(entry + 64) !== ENCRYPTED_PACKAGE.length || bytes[entry + 66] !== STREAM) continue;
    if (bytes.subarray(entry, entry + ENCRYPTED_PACKAGE.length).equals(ENCRYPTED_PACKAGE)) return true;
  }
  return false;
}
