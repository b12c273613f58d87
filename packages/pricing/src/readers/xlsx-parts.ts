import { posix } from "node:path";
import type { ZipArchive } from "./zip.ts";
import { SAVE_AS_XLSX_HINT, StockFileError } from "../errors.ts";
import { parseWholeXml } from "./xml-stream.ts";

export interface WorkbookParts {
  sheet: string;
  sharedStrings: string | undefined;
}

const attr = (attributes: Record<string, string>, name: string): string | undefined =>
  attributes[name] ?? Object.entries(attributes).find(([key]) => key.endsWith(`:${name}`))?.[1];

/**
 * Finds the first visible worksheet and the shared-strings part through workbook.xml and
 * its relationships, as a spreadsheet program does; falls back to the usual part names
 * for minimal writers that leave the relationships out.
 */
export async function locateParts(zip: ZipArchive): Promise<WorkbookParts> {
  const rels = await readRelationships(zip, "xl/_rels/workbook.xml.rels");
  const sheetRelId = await firstVisibleSheetRelId(zip);
  const sheetTarget = sheetRelId === undefined ? undefined : rels.byId.get(sheetRelId);
  const sheet = existing(zip, sheetTarget) ?? firstWorksheetEntry(zip);
  if (sheet === undefined) {
    throw new StockFileError(`The file is a zip archive without a worksheet, so it is not an .xlsx workbook. ${SAVE_AS_XLSX_HINT}`);
  }
  const sharedStrings = existing(zip, rels.sharedStrings) ?? existing(zip, "xl/sharedStrings.xml");
  return { sheet, sharedStrings };
}

const existing = (zip: ZipArchive, name: string | undefined): string | undefined =>
  name !== undefined && zip.entries.has(name) ? name : undefined;

function firstWorksheetEntry(zip: ZipArchive): string | undefined {
  const sheets = [...zip.entries.keys()].filter((name) => /^xl\/worksheets\/[^/]+\.xml$/.test(name));
  return sheets.sort((a, b) => a.localeCompare(b, "en", { numeric: true }))[0];
}

async function firstVisibleSheetRelId(zip: ZipArchive): Promise<string | undefined> {
  const entry = zip.entries.get("xl/workbook.xml");
  if (entry === undefined) return undefined;
  let first: string | undefined;
  let firstVisible: string | undefined;
  await parseWholeXml(await zip.open(entry), {
    open(name, tag) {
      if (name !== "sheet") return;
      const id = attr(tag.attributes, "id");
      first ??= id;
      if (firstVisible === undefined && (tag.attributes.state ?? "visible") === "visible") firstVisible = id;
    },
  });
  return firstVisible ?? first;
}

interface Relationships {
  byId: Map<string, string>;
  sharedStrings: string | undefined;
}

async function readRelationships(zip: ZipArchive, name: string): Promise<Relationships> {
  const rels: Relationships = { byId: new Map(), sharedStrings: undefined };
  const entry = zip.entries.get(name);
  if (entry === undefined) return rels;
  await parseWholeXml(await zip.open(entry), {
    open(tagName, tag) {
      const { Id, Target, Type } = tag.attributes;
      if (tagName !== "Relationship" || Target === undefined) return;
      // Targets are relative to xl/, or absolute from the package root.
      const path = Target.startsWith("/") ? Target.slice(1) : posix.normalize(posix.join("xl", Target));
      if (Id !== undefined) rels.byId.set(Id, path);
      if (Type?.endsWith("/sharedStrings")) rels.sharedStrings = path;
    },
  });
  return rels;
}
