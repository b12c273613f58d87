import { text } from "@tasklane/contract";
import { posix } from "node:path";
import type { ZipArchive } from "./zip.ts";
import { StockFileError } from "../errors.ts";
import { LIMITS } from "./limits.ts";
import type { SheetInfo } from "./types.ts";
import { parseWholeXml } from "./xml-stream.ts";

export interface WorkbookSheet extends SheetInfo {
  /** The worksheet's entry name, as the zip stores it. */
  part: string;
}

export interface WorkbookParts {
  /** The worksheets in workbook (tab) order, hidden ones included. */
  sheets: WorkbookSheet[];
  sharedStrings: string | undefined;
  styles: string | undefined;
  /** The workbook counts dates from 1904-01-01 (old Excel for Mac) instead of 1900-01-01. */
  date1904: boolean;
}

const attr = (attributes: Record<string, string>, name: string): string | undefined =>
  attributes[name] ?? Object.entries(attributes).find(([key]) => key.endsWith(`:${name}`))?.[1];

/** Where a workbook is when the package does not say (what Excel and most writers use). */
const DEFAULT_WORKBOOK = "xl/workbook.xml";

/**
 * Finds the worksheets, the shared strings and the styles as a spreadsheet program does:
 * `_rels/.rels` names the workbook (the officeDocument part, which need not be under xl/), the
 * workbook lists its sheets in tab order and its relationships name their parts. Part names are
 * compared case-insensitively, as OPC says (a writer may store xl/SharedStrings.xml while its
 * relationships say sharedStrings.xml). Falls back to the usual part names for minimal writers
 * that leave the relationships out, and for workbooks whose relationships part is not XML at
 * all (calamine's issue252.xlsx, which Excel and LibreOffice open).
 */
export async function locateParts(zip: ZipArchive): Promise<WorkbookParts> {
  const parts = new PartNames(zip);
  const rootRels = await readRelationships(zip, parts, "").catch(() => emptyRelationships());
  const workbook = parts.find(rootRels.officeDocument) ?? parts.find(DEFAULT_WORKBOOK);
  const rels =
    workbook === undefined ? emptyRelationships() : await readRelationships(zip, parts, workbook).catch(() => emptyRelationships());
  const listed = workbook === undefined ? { sheets: [], date1904: false } : await readWorkbook(zip, workbook);
  const sheets = resolveSheets(listed.sheets, rels, parts, workbook ?? DEFAULT_WORKBOOK);
  if (sheets.length === 0) {
    throw new StockFileError(text("file.zipWithoutSheet"));
  }
  const besideWorkbook = (name: string) => parts.find(posix.join(posix.dirname(workbook ?? DEFAULT_WORKBOOK), name));
  const sharedStrings = parts.find(rels.sharedStrings) ?? besideWorkbook("sharedStrings.xml");
  const styles = parts.find(rels.styles) ?? besideWorkbook("styles.xml");
  return { sheets, sharedStrings, styles, date1904: listed.date1904 };
}

interface ListedSheet {
  name: string;
  state: string;
  relId: string | undefined;
}

/**
 * The listed sheets whose relationship leads to a worksheet part (chart sheets have no cells).
 * When none does (no or unreadable relationships), the worksheets/*.xml beside the workbook in
 * natural order stand for the listed sheets in theirs, named after the list where it has a name.
 */
function resolveSheets(listed: ListedSheet[], rels: Relationships, parts: PartNames, workbook: string): WorkbookSheet[] {
  const sheets: WorkbookSheet[] = [];
  for (const sheet of listed) {
    const part = sheet.relId === undefined ? undefined : parts.find(rels.byId.get(sheet.relId));
    const type = sheet.relId === undefined ? undefined : rels.typeById.get(sheet.relId);
    if (part === undefined || (type !== undefined && !type.endsWith("/worksheet"))) continue;
    sheets.push({ name: sheet.name, visible: sheet.state === "visible", part });
  }
  if (sheets.length > 0) return sheets;
  return parts.worksheets(workbook).map((part, i) => {
    const sheet = listed[i];
    return { name: sheet?.name ?? posix.basename(part, posix.extname(part)), visible: (sheet?.state ?? "visible") === "visible", part };
  });
}

async function readWorkbook(zip: ZipArchive, workbook: string): Promise<{ sheets: ListedSheet[]; date1904: boolean }> {
  const sheets: ListedSheet[] = [];
  let date1904 = false;
  let seenProperties = false;
  await parseWholeXml(await zip.open(zip.entries.get(workbook)!), {
    open(name, tag) {
      // The first one: an extension list may hold another (x14:workbookPr) without the attribute.
      if (name === "workbookPr" && !seenProperties) {
        seenProperties = true;
        date1904 = tag.attributes.date1904 === "1" || tag.attributes.date1904 === "true";
      }
      if (name !== "sheet" || sheets.length >= LIMITS.sheets) return;
      sheets.push({
        name: tag.attributes.name ?? `Sheet${sheets.length + 1}`,
        state: tag.attributes.state ?? "visible",
        relId: attr(tag.attributes, "id"),
      });
    },
  });
  return { sheets, date1904 };
}

/** The zip's entry names, looked up exactly or else case-insensitively (OPC part names ignore case). */
class PartNames {
  private readonly byLowerCase = new Map<string, string>();

  constructor(private readonly zip: ZipArchive) {
    for (const name of zip.entries.keys()) {
      const key = name.toLowerCase();
      if (!this.byLowerCase.has(key)) this.byLowerCase.set(key, name);
    }
  }

  /** The stored name of part `name` (no leading slash), or undefined when the zip has no such part. */
  find(name: string | undefined): string | undefined {
    if (name === undefined) return undefined;
    return this.zip.entries.has(name) ? name : this.byLowerCase.get(name.toLowerCase());
  }

  /** The `worksheets/*.xml` beside the workbook, in natural order (sheet2 before sheet10). */
  worksheets(workbook: string): string[] {
    const dir = posix.dirname(workbook);
    const prefix = `${dir === "." ? "" : `${dir}/`}worksheets/`.toLowerCase();
    const sheets = [...this.zip.entries.keys()].filter((name) => {
      const lower = name.toLowerCase();
      return lower.startsWith(prefix) && lower.endsWith(".xml") && !lower.slice(prefix.length).includes("/");
    });
    return sheets.sort((a, b) => a.localeCompare(b, "en", { numeric: true })).slice(0, LIMITS.sheets);
  }
}

interface Relationships {
  /** Part names (from the package root, no leading slash) by relationship id. */
  byId: Map<string, string>;
  typeById: Map<string, string>;
  sharedStrings: string | undefined;
  styles: string | undefined;
  officeDocument: string | undefined;
}

const emptyRelationships = (): Relationships => ({
  byId: new Map(),
  typeById: new Map(),
  sharedStrings: undefined,
  styles: undefined,
  officeDocument: undefined,
});

/** The relationships part of `source` ("" for the package itself): `dir/_rels/name.rels`. */
function relationshipsPartName(source: string): string {
  if (source === "") return "_rels/.rels";
  const dir = posix.dirname(source);
  return `${dir === "." ? "" : `${dir}/`}_rels/${posix.basename(source)}.rels`;
}

/** A relationship's target as a part name: relative to the source part's folder, or absolute from the package root. */
function resolveTarget(source: string, target: string): string {
  let decoded = target;
  try {
    decoded = decodeURIComponent(target);
  } catch {
    // not percent-encoded after all
  }
  if (decoded.startsWith("/")) return posix.normalize(decoded).slice(1);
  const dir = source === "" ? "" : posix.dirname(source);
  return posix.normalize(posix.join(dir === "." ? "" : dir, decoded)).replace(/^(\.\.\/)+/, "");
}

async function readRelationships(zip: ZipArchive, parts: PartNames, source: string): Promise<Relationships> {
  const rels = emptyRelationships();
  const name = parts.find(relationshipsPartName(source));
  const entry = name === undefined ? undefined : zip.entries.get(name);
  if (entry === undefined) return rels;
  await parseWholeXml(await zip.open(entry), {
    open(tagName, tag) {
      const { Id, Target, Type, TargetMode } = tag.attributes;
      if (tagName !== "Relationship" || Target === undefined || TargetMode === "External") return;
      const path = resolveTarget(source, Target);
      if (Id !== undefined) rels.byId.set(Id, path);
      if (Id !== undefined && Type !== undefined) rels.typeById.set(Id, Type);
      // Transitional and strict OOXML name the types under different roots, with the same last word.
      if (Type?.endsWith("/sharedStrings")) rels.sharedStrings ??= path;
      if (Type?.endsWith("/officeDocument")) rels.officeDocument ??= path;
      if (Type?.endsWith("/styles")) rels.styles ??= path;
    },
  });
  return rels;
}
