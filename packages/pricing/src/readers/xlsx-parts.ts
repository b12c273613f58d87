import { posix } from "node:path";
import type { ZipArchive } from "./zip.ts";
import { SAVE_AS_XLSX_HINT, StockFileError } from "../errors.ts";
import { parseWholeXml } from "./xml-stream.ts";

export interface WorkbookParts {
  /** The worksheet's entry name, as the zip stores it. */
  sheet: string;
  sharedStrings: string | undefined;
}

const attr = (attributes: Record<string, string>, name: string): string | undefined =>
  attributes[name] ?? Object.entries(attributes).find(([key]) => key.endsWith(`:${name}`))?.[1];

/** Where a workbook is when the package does not say (what Excel and most writers use). */
const DEFAULT_WORKBOOK = "xl/workbook.xml";

/**
 * Finds the first visible worksheet and the shared-strings part as a spreadsheet program
 * does: `_rels/.rels` names the workbook (the officeDocument part, which need not be under
 * xl/), the workbook's relationships name its sheets and shared strings. Part names are
 * compared case-insensitively, as OPC says (a writer may store xl/SharedStrings.xml while its
 * relationships say sharedStrings.xml). Falls back to the usual part names for minimal writers
 * that leave the relationships out.
 */
export async function locateParts(zip: ZipArchive): Promise<WorkbookParts> {
  const parts = new PartNames(zip);
  const rootRels = await readRelationships(zip, parts, "");
  const workbook = parts.find(rootRels.officeDocument) ?? parts.find(DEFAULT_WORKBOOK);
  const rels = workbook === undefined ? emptyRelationships() : await readRelationships(zip, parts, workbook);
  const sheetRelId = workbook === undefined ? undefined : await firstVisibleSheetRelId(zip, workbook);
  const sheetTarget = sheetRelId === undefined ? undefined : rels.byId.get(sheetRelId);
  const sheet = parts.find(sheetTarget) ?? parts.firstWorksheet(workbook ?? DEFAULT_WORKBOOK);
  if (sheet === undefined) {
    throw new StockFileError(`The file is a zip archive without a worksheet, so it is not an .xlsx workbook. ${SAVE_AS_XLSX_HINT}`);
  }
  const sharedStrings = parts.find(rels.sharedStrings) ?? parts.find(posix.join(posix.dirname(workbook ?? DEFAULT_WORKBOOK), "sharedStrings.xml"));
  return { sheet, sharedStrings };
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

  /** The first `worksheets/*.xml` beside the workbook, in natural order (sheet2 before sheet10). */
  firstWorksheet(workbook: string): string | undefined {
    const dir = posix.dirname(workbook);
    const prefix = `${dir === "." ? "" : `${dir}/`}worksheets/`.toLowerCase();
    const sheets = [...this.zip.entries.keys()].filter((name) => {
      const lower = name.toLowerCase();
      return lower.startsWith(prefix) && lower.endsWith(".xml") && !lower.slice(prefix.length).includes("/");
    });
    return sheets.sort((a, b) => a.localeCompare(b, "en", { numeric: true }))[0];
  }
}

async function firstVisibleSheetRelId(zip: ZipArchive, workbook: string): Promise<string | undefined> {
  const entry = zip.entries.get(workbook);
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
  /** Part names (from the package root, no leading slash) by relationship id. */
  byId: Map<string, string>;
  sharedStrings: string | undefined;
  officeDocument: string | undefined;
}

const emptyRelationships = (): Relationships => ({ byId: new Map(), sharedStrings: undefined, officeDocument: undefined });

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
      // Transitional and strict OOXML name the types under different roots, with the same last word.
      if (Type?.endsWith("/sharedStrings")) rels.sharedStrings ??= path;
      if (Type?.endsWith("/officeDocument")) rels.officeDocument ??= path;
    },
  });
  return rels;
}
