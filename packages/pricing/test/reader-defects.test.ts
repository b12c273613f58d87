import { describe, expect, it } from "vitest";
import { FastXmlParser } from "../src/readers/fast-xml.ts";
import { ENGLISH_TEXTS } from "@tasklane/contract";
import { openRowReader } from "../src/readers/open.ts";
import { decodeEscapes } from "../src/readers/xlsx.ts";
import { createXmlParser, type XmlHandlers } from "../src/readers/xml-stream.ts";
import { fileEnv } from "./helpers/env.ts";
import { readRows } from "./helpers/read.ts";
import { makeZip } from "./helpers/zip.ts";

/**
 * A minimal OLE compound file (MS-CFB, 512-byte sectors): sector 0 is the FAT, the directory's
 * entries fill sectors 1, 2… (chained in the FAT), four 128-byte entries a sector.
 */
function compoundFile(entries: { name: string; type: number }[]): Buffer {
  const dirSectors = Math.max(1, Math.ceil(entries.length / 4));
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
  header.writeUInt16LE(0x3e, 0x18); // minor version
  header.writeUInt16LE(3, 0x1a); // major version 3: 512-byte sectors
  header.writeUInt16LE(0xfffe, 0x1c); // little-endian
  header.writeUInt16LE(9, 0x1e); // sector shift
  header.writeUInt16LE(6, 0x20); // mini sector shift
  header.writeUInt32LE(1, 0x2c); // FAT sectors
  header.writeUInt32LE(1, 0x30); // first directory sector
  header.writeUInt32LE(0x1000, 0x38); // mini stream cutoff
  header.writeUInt32LE(0xfffffffe, 0x3c);
  header.writeUInt32LE(0xfffffffe, 0x44);
  for (let i = 0; i < 109; i++) header.writeUInt32LE(i === 0 ? 0 : 0xffffffff, 0x4c + i * 4);
  const fat = Buffer.alloc(512, 0xff);
  fat.writeUInt32LE(0xfffffffd, 0); // sector 0 holds the FAT
  for (let s = 1; s <= dirSectors; s++) fat.writeUInt32LE(s === dirSectors ? 0xfffffffe : s + 1, s * 4);
  const dir = Buffer.alloc(512 * dirSectors);
  entries.forEach(({ name, type }, i) => {
    const encoded = Buffer.from(`${name}\0`, "utf16le");
    encoded.copy(dir, i * 128);
    dir.writeUInt16LE(encoded.length, i * 128 + 64);
    dir[i * 128 + 66] = type;
  });
  return Buffer.concat([header, fat, dir]);
}

describe("OOXML _xHHHH_ escapes", () => {
  it.each([
    ["ABC_x000D_\nDEF", "ABC\r\nDEF"],
    ["_x0041__x0042_", "AB"],
    ["_x005F_x000D_", "_x000D_"],
    ["_x005f_", "_"],
    ["a_x00_b", "a_x00_b"],
    ["_x000G_", "_x000G_"],
    ["_xD83D__xDE00_", "😀"],
    ["no escape", "no escape"],
  ])("decodes %j as %j", (text, decoded) => expect(decodeEscapes(text)).toBe(decoded));
});

describe("the quick XML tokenizer's line ends", () => {
  const collect = (parse: (handlers: XmlHandlers) => void): string[] => {
    const texts: string[] = [];
    parse({ text: (text) => texts.push(text) });
    return texts;
  };

  it("reads CR LF and a lone CR as LF, as saxes and XML do, and keeps &#13; a CR", () => {
    const xml = "<a><t>1\r\n2\r3\n4&#13;\n5</t><t><![CDATA[6\r\n7]]></t></a>";
    const fast = collect((handlers) => new FastXmlParser(handlers).write(xml).close());
    const saxes = collect((handlers) => createXmlParser(handlers).write(xml).close());
    expect(fast.join("|")).toBe("1\n2\n3\n4\r\n5|6\n7");
    expect(saxes.join("|")).toBe(fast.join("|"));
  });
});

describe("OLE compound files", () => {
  const ROOT = { name: "Root Entry", type: 5 };

  it("calls a workbook saved with a password password-protected, even with its EncryptedPackage in a later directory sector", async () => {
    const env = fileEnv();
    const encrypted = compoundFile([
      ROOT,
      { name: "\u0006DataSpaces", type: 1 },
      { name: "EncryptionInfo", type: 2 },
      { name: "x", type: 2 },
      { name: "EncryptedPackage", type: 2 },
    ]);
    await expect(openRowReader(env.file("prices.xlsx", encrypted))).rejects.toThrow(ENGLISH_TEXTS["file.passwordProtected"]);
  });

  it("still calls an .xls an old Excel workbook", async () => {
    const env = fileEnv();
    const xls = compoundFile([ROOT, { name: "Workbook", type: 2 }, { name: "\u0005SummaryInformation", type: 2 }]);
    await expect(openRowReader(env.file("prices.xls", xls))).rejects.toThrow(/old Excel 97-2003 workbook \(\.xls\)/);
    // The name as a storage (not a stream), or in a stream's data, is not the encrypted package.
    const storage = compoundFile([ROOT, { name: "EncryptedPackage", type: 1 }]);
    await expect(openRowReader(env.file("odd.xls", storage))).rejects.toThrow(/old Excel 97-2003 workbook/);
    // A header cut short is an .xls by its signature, and nothing more is read of it.
    await expect(openRowReader(env.file("short.xls", xls.subarray(0, 100)))).rejects.toThrow(/old Excel 97-2003 workbook/);
  });
});

describe("finding a workbook's parts", () => {
  const rels = (...items: [id: string, type: string, target: string][]) =>
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items
      .map(
        ([id, type, target]) =>
          `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`,
      )
      .join("")}</Relationships>`;
  const sheet = (cells: string) => `<worksheet><sheetData><row r="1">${cells}</row></sheetData></worksheet>`;

  it("follows _rels/.rels to a workbook in any folder, with targets relative to it or absolute, whatever the case of the names", async () => {
    const env = fileEnv();
    const file = env.file(
      "book.xlsx",
      makeZip([
        { name: "_rels/.rels", data: rels(["r1", "officeDocument", "/Book/Main.xml"]) },
        { name: "book/main.xml", data: '<workbook xmlns:r="r"><sheets><sheet name="A" r:id="s1"/></sheets></workbook>' },
        {
          name: "BOOK/_RELS/MAIN.XML.RELS",
          data: rels(["s1", "worksheet", "../Sheets/One.xml"], ["t", "sharedStrings", "strings%20table.xml"]),
        },
        { name: "sheets/one.xml", data: sheet('<c r="A1" t="s"><v>0</v></c><c r="B1"><v>42</v></c>') },
        { name: "book/Strings Table.xml", data: "<sst><si><t>PN-1</t></si></sst>" },
      ]),
    );
    expect(await readRows(file)).toEqual([{ rowNumber: 1, cells: ["PN-1", "42"] }]);
  });

  it("falls back to xl/workbook.xml and its worksheets in natural order when the package has no relationships", async () => {
    const env = fileEnv();
    const file = env.file(
      "bare.xlsx",
      makeZip([
        { name: "XL/Worksheets/Sheet2.xml", data: sheet('<c r="A1" t="inlineStr"><is><t>second</t></is></c>') },
        { name: "xl/worksheets/sheet10.xml", data: sheet('<c r="A1" t="inlineStr"><is><t>tenth</t></is></c>') },
      ]),
    );
    expect(await readRows(file)).toEqual([
      { rowNumber: 1, cells: ["second"] },
      { rowNumber: 1, cells: ["tenth"] },
    ]);
  });
});
