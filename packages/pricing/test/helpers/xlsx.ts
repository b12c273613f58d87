import { makeZip, type ZipInput } from "./zip.ts";

const xmlEscape = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export type CellSpec = string | number | null | { inline: string } | { shared: string } | { text: string; noRef?: boolean };

export interface RawSheet {
  /** Row number → cells from column A; rows without r when rowRefs is false. */
  rows: { r?: number; cells: CellSpec[]; noCellRefs?: boolean }[];
  /** Place the sheet before sharedStrings.xml in the zip. */
  sheetFirst?: boolean;
  /** Write <dimension>; off means a dimension-free sheet. */
  dimension?: boolean;
  /** Prefix every sheet element, as some writers do (<x:row>). */
  prefix?: string;
}

const colName = (i: number): string => {
  let s = "";
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

/**
 * Writes an .xlsx by hand as raw OOXML: plain strings go to sharedStrings.xml, `{inline}`
 * becomes an inline string, `{text}` a number stored as text (t="str"), numbers are numbers.
 */
export function rawXlsx(sheet: RawSheet): Buffer {
  const shared: string[] = [];
  const sharedIndex = new Map<string, number>();
  const share = (s: string): number => {
    let i = sharedIndex.get(s);
    if (i === undefined) sharedIndex.set(s, (i = shared.push(s) - 1));
    return i;
  };
  const p = sheet.prefix ? `${sheet.prefix}:` : "";
  const rowsXml = sheet.rows.map((row, ri) => {
    const rAttr = row.r === undefined ? "" : ` r="${row.r}"`;
    const cells = row.cells.map((cell, ci) => {
      if (cell === null) return "";
      const ref = row.noCellRefs || row.r === undefined ? "" : ` r="${colName(ci)}${row.r ?? ri + 1}"`;
      if (typeof cell === "number") return `<${p}c${ref}><${p}v>${cell}</${p}v></${p}c>`;
      if (typeof cell === "string" || "shared" in cell) {
        const text = typeof cell === "string" ? cell : cell.shared;
        return `<${p}c${ref} t="s"><${p}v>${share(text)}</${p}v></${p}c>`;
      }
      if ("inline" in cell) return `<${p}c${ref} t="inlineStr"><${p}is><${p}t>${xmlEscape(cell.inline)}</${p}t></${p}is></${p}c>`;
      return `<${p}c${ref} t="str"><${p}v>${xmlEscape(cell.text)}</${p}v></${p}c>`;
    });
    return `<${p}row${rAttr}>${cells.join("")}</${p}row>`;
  });
  const ns = sheet.prefix ? `xmlns:${sheet.prefix}` : "xmlns";
  const sheetXml =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<${p}worksheet ${ns}="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
    (sheet.dimension ? `<${p}dimension ref="A1:E${sheet.rows.length}"/>` : "") +
    `<${p}sheetData>${rowsXml.join("")}</${p}sheetData></${p}worksheet>`;
  const sstXml =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${shared.length}" uniqueCount="${shared.length}">` +
    shared.map((s) => `<si><t xml:space="preserve">${xmlEscape(s)}</t></si>`).join("") +
    `</sst>`;
  const sheetEntry: ZipInput = { name: "xl/worksheets/sheet1.xml", data: sheetXml };
  const sstEntry: ZipInput = { name: "xl/sharedStrings.xml", data: sstXml };
  return makeZip([
    { name: "[Content_Types].xml", data: CONTENT_TYPES },
    { name: "_rels/.rels", data: ROOT_RELS },
    { name: "xl/workbook.xml", data: WORKBOOK },
    { name: "xl/_rels/workbook.xml.rels", data: WORKBOOK_RELS },
    ...(sheet.sheetFirst ? [sheetEntry, sstEntry] : [sstEntry, sheetEntry]),
  ]);
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Остатки" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
