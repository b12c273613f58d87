import { StockFileError } from "../errors.ts";
import { cellTooLong, LIMITS, partTooLarge, rowTooLong, tooManyCells, tooManyColumns, tooManyFileCells } from "./limits.ts";
import { StringTable } from "./string-table.ts";
import { text, truncateText } from "@tasklane/contract";
import { locateParts, type WorkbookSheet } from "./xlsx-parts.ts";
import { readDateStyles, serialToIsoDate } from "./xlsx-dates.ts";
import type { FastTag } from "./fast-xml.ts";
import { createFastXmlParser, feedXml } from "./xml-stream.ts";
import { markFormulasWithoutValue, type RowReader, type SheetInfo, type SheetRow } from "./types.ts";
import { damagedWorkbook, openZip, type ZipArchive } from "./zip.ts";

export interface XlsxOptions {
  /**
   * The sheets to read, by name, in workbook order whatever the order here; hidden ones too
   * when named. Default: every visible sheet.
   */
  sheets?: readonly string[] | undefined;
}

/**
 * Streams the worksheets of an .xlsx, one after another in workbook order: shared strings and
 * date styles are read first (random access, whatever their place in the zip), then each sheet
 * is parsed chunk by chunk and its rows are handed out as they close, so memory holds the
 * strings table and one chunk. Each row names its sheet. The zip is opened when reading starts
 * and closed when it ends, however it ends.
 */
export function openXlsx(filePath: string, options: XlsxOptions = {}): RowReader {
  let bytesRead = 0;
  let totalBytes = 0;
  const count = (n: number) => (bytesRead += n);
  async function* rows(): AsyncGenerator<SheetRow, void, undefined> {
    const zip = await openZip(filePath);
    try {
      const parts = await locateParts(zip);
      const sheets = chooseSheets(parts.sheets, options.sheets).map((sheet) => ({ ...sheet, entry: zip.entries.get(sheet.part)! }));
      const sst = parts.sharedStrings === undefined ? undefined : zip.entries.get(parts.sharedStrings);
      totalBytes = sheets.reduce((sum, sheet) => sum + sheet.entry.compressedSize, sst?.compressedSize ?? 0);
      const sharedStrings = sst === undefined ? SharedStrings.none() : SharedStrings.open(zip, sst, count);
      const dates: DateReading = {
        styles: await readDateStyles(zip, parts.styles === undefined ? undefined : zip.entries.get(parts.styles)),
        date1904: parts.date1904,
      };
      const budget = { bytesLeft: LIMITS.sheetBytes };
      try {
        for (const sheet of sheets) yield* readSheetRows(zip, sheet.entry, sheet.name, sharedStrings, dates, budget, count);
      } finally {
        await sharedStrings.close();
      }
    } catch (error) {
      throw asFileError(error);
    } finally {
      zip.close();
    }
  }
  async function listSheets(): Promise<SheetInfo[]> {
    const zip = await openZip(filePath);
    try {
      return (await locateParts(zip)).sheets.map(({ name, visible }) => ({ name, visible }));
    } catch (error) {
      throw asFileError(error);
    } finally {
      zip.close();
    }
  }
  return {
    format: "xlsx",
    get totalBytes() {
      return totalBytes;
    },
    get bytesRead() {
      return bytesRead;
    },
    rows,
    listSheets,
  };
}

/** The visible sheets, or the ones named; a name the workbook does not have is an error, not an empty import. */
function chooseSheets(sheets: WorkbookSheet[], names: readonly string[] | undefined): WorkbookSheet[] {
  if (names === undefined) return sheets.filter((sheet) => sheet.visible);
  const missing = names.filter((name) => !sheets.some((sheet) => sheet.name === name));
  if (missing.length > 0) {
    const quote = (list: string[]) => list.map((name) => `"${truncateText(name, 100)}"`).join(", ");
    throw new StockFileError(
      text("file.noSheet", { missing: quote(missing.slice(0, 5)), sheets: quote(sheets.slice(0, 20).map((s) => s.name)) }),
    );
  }
  return sheets.filter((sheet) => names.includes(sheet.name));
}

/** Inflate and XML errors mean a damaged file; aborts and our own errors pass through. */
function asFileError(error: unknown): unknown {
  if (error instanceof StockFileError || !(error instanceof Error) || error.name === "AbortError") return error;
  return damagedWorkbook(error.message);
}

type ZipEntry = NonNullable<ReturnType<ZipArchive["entries"]["get"]>>;

/**
 * The shared strings, read as far as the rows handed out so far need them: Excel writes them in
 * the order cells first use them, so the first rows need the first strings, and a preview of a
 * workbook of a million strings reads a few hundred. A row waits (upTo) until the table holds the
 * strings it points at, or the part has ended (then a missing index reads "", as before).
 */
class SharedStrings {
  private done = false;

  private constructor(
    readonly table: StringTable,
    private readonly parts: AsyncGenerator<void, void, undefined> | undefined,
  ) {
    this.done = parts === undefined;
  }

  static none(): SharedStrings {
    return new SharedStrings(new StringTable(), undefined);
  }

  static open(zip: ZipArchive, entry: ZipEntry, count: (n: number) => void): SharedStrings {
    const table = new StringTable();
    return new SharedStrings(table, parseSharedStrings(zip, entry, table, count));
  }

  /** Reads on until the string at `index` is in the table, or the part has ended. */
  async upTo(index: number): Promise<void> {
    while (!this.done && index >= this.table.size) this.done = (await this.parts!.next()).done === true;
  }

  /** Stops reading the part (its stream is destroyed) when the rows ended before it did. */
  async close(): Promise<void> {
    if (!this.done) await this.parts!.return(undefined);
    this.done = true;
  }
}

/** The <si> items in order into `strings`, a chunk per step; rich-text runs are joined, phonetic guides (<rPh>) left out. */
async function* parseSharedStrings(
  zip: ZipArchive,
  entry: ZipEntry,
  strings: StringTable,
  count: (n: number) => void,
): AsyncGenerator<void, void, undefined> {
  let current: string[] | undefined;
  let chars = 0;
  let inText = false;
  let phonetic = 0;
  const parser = createFastXmlParser({
    open(name) {
      if (name === "si") {
        current = [];
        chars = 0;
      } else if (name === "rPh") phonetic++;
      else if (name === "t") inText = current !== undefined && phonetic === 0;
    },
    close(name) {
      if (name === "si") {
        strings.add(decodeEscapes(current!.join("")));
        current = undefined;
      } else if (name === "rPh") phonetic--;
      else if (name === "t") inText = false;
    },
    text(text) {
      if (!inText) return;
      // The whole item counts, however many runs or child elements split its text.
      chars += text.length;
      if (chars > LIMITS.cellChars) throw cellTooLong();
      current!.push(text);
    },
  });
  const tooLarge = () => partTooLarge("file.part.sharedStrings", LIMITS.sharedStringsBytes);
  yield* feedXml(await zip.open(entry, count), parser, LIMITS.sharedStringsBytes, tooLarge);
}

/**
 * Replaces OOXML's `_xHHHH_` escapes (ECMA-376 Part 1, 22.9.2.19 ST_Xstring) with the UTF-16
 * code unit they name: Excel writes a carriage return as `_x000D_` and a literal `_x` text
 * as `_x005F_x`, its underscore escaped. Read left to right, so `_x005F_x000D_` is `_x000D_`.
 */
export function decodeEscapes(text: string): string {
  if (!text.includes("_x")) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/** Column index (0 = A) of a cell reference such as "C5"; -1 when there is none. */
export function columnIndex(ref: string | undefined): number {
  if (ref === undefined) return -1;
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const code = ref.charCodeAt(i) | 0x20; // lower-case ASCII letters
    if (code < 0x61 || code > 0x7a) break;
    col = col * 26 + (code - 0x60);
  }
  return i === 0 ? -1 : col - 1;
}

/** What a date cell needs: the styles with a date format, and the workbook's date system. */
interface DateReading {
  styles: ReadonlySet<number>;
  date1904: boolean;
}

async function* readSheetRows(
  zip: ZipArchive,
  entry: ZipEntry,
  sheetName: string,
  sharedStrings: SharedStrings,
  dates: DateReading,
  budget: { bytesLeft: number },
  count: (n: number) => void,
): AsyncGenerator<SheetRow, void, undefined> {
  const sheet = new SheetState(dates);
  const parser = createFastXmlParser({
    open: (name, tag) => sheet.open(name, tag),
    close: (name) => sheet.close(name),
    text: (text) => sheet.text(text),
  });
  const tooLarge = () => partTooLarge("file.part.worksheet", LIMITS.sheetBytes);
  // The bound is on all sheets together: a workbook of many sheets costs no more than one of their size.
  const spend = (n: number) => (budget.bytesLeft -= n);
  const resolved = async (row: RawRow) => {
    const needed = highestStringIndex(row);
    if (needed >= sharedStrings.table.size) await sharedStrings.upTo(needed);
    return resolveRow(row, sheetName, sharedStrings.table);
  };
  for await (const _ of feedXml(await zip.open(entry, count), parser, budget.bytesLeft, tooLarge, spend)) {
    for (const row of sheet.takeRows()) yield await resolved(row);
  }
  for (const row of sheet.takeRows()) yield await resolved(row);
}

/** The highest shared-string index a row points at, or -1. */
function highestStringIndex(raw: RawRow): number {
  let highest = -1;
  for (const value of raw.values) if (typeof value === "number" && value > highest) highest = value;
  return highest;
}

/** A cell's text, or the index of its shared string (looked up only when its row is handed out). */
type RawValue = string | number;

/** A row as parsed: its non-empty cells only, by column. */
interface RawRow {
  rowNumber: number;
  columns: number[];
  values: RawValue[];
  /** The cells are A, B, C… in order, with no gap. */
  dense: boolean;
  /** Columns of cells holding a formula and no saved value (rare: left undefined until one is met). */
  formulasWithoutValue?: number[];
}

/**
 * The row's cell texts, from column A to its last non-empty cell. Shared strings are decoded
 * here, one row at a time, so that rows waiting in a parsed chunk hold indexes, not texts
 * (thousands of cells may point at one long string); a row's text in all is bounded.
 */
function resolveRow(raw: RawRow, sheet: string, sharedStrings: StringTable): SheetRow {
  const { columns, values } = raw;
  const n = values.length;
  const texts: string[] = new Array<string>(n);
  let chars = 0;
  let width = 0;
  for (let i = 0; i < n; i++) {
    const value = values[i]!;
    const text = typeof value === "number" ? sharedStrings.get(value) : value;
    chars += text.length;
    if (chars > LIMITS.rowChars) throw rowTooLong(raw.rowNumber);
    texts[i] = text;
    if (text !== "" && columns[i]! >= width) width = columns[i]! + 1;
  }
  let cells = texts;
  if (!(raw.dense && width === n)) {
    cells = new Array<string>(width).fill("");
    for (let i = 0; i < n; i++) if (columns[i]! < width) cells[columns[i]!] = texts[i]!;
  }
  if (raw.formulasWithoutValue !== undefined) markFormulasWithoutValue(cells, raw.formulasWithoutValue);
  return { rowNumber: raw.rowNumber, cells, sheet };
}

/**
 * The parse state of <sheetData>. Rows and cells without an r attribute follow the one
 * before them, which is what Excel does with files from minimal writers. Only non-empty
 * cells are kept: `<c r="XFD1"/>` costs nothing however far to the right it is.
 */
class SheetState {
  constructor(private readonly dates: DateReading) {}

  private done: RawRow[] = [];
  private row: RawRow | undefined;
  private rowNumber = 0;
  private col = -1;
  private cellsInRow = 0;
  private cellsInFile = 0;
  private type = "n";
  /** The cell's style index (its s attribute), -1 when it has none. */
  private style = -1;
  /** The text of the cell's <v>, or of its <is> (an inline string's <v>, if any, is not its text). */
  private value = "";
  private inline = "";
  /** Inside <v>, or inside <is><t> but not in a phonetic guide. */
  private capturing: "v" | "is" | undefined;
  private inInline = false;
  private phonetic = 0;
  /** The cell has an <is>, a <v>, an <f>. */
  private hasInline = false;
  private hasValue = false;
  private hasFormula = false;

  open(name: string, tag: FastTag): void {
    switch (name) {
      case "row": {
        const r = Number(tag.get("r"));
        this.rowNumber = Number.isInteger(r) && r > 0 ? r : this.rowNumber + 1;
        this.row = { rowNumber: this.rowNumber, columns: [], values: [], dense: true };
        this.col = -1;
        this.cellsInRow = 0;
        break;
      }
      case "c": {
        const col = columnIndex(tag.get("r"));
        this.col = col >= 0 ? col : this.col + 1;
        if (this.col >= LIMITS.columns) throw tooManyColumns(this.rowNumber);
        if (++this.cellsInRow > LIMITS.cellsPerRow) throw tooManyCells(this.rowNumber);
        if (++this.cellsInFile > LIMITS.fileCells) throw tooManyFileCells();
        this.type = tag.get("t") ?? "n";
        const style = tag.get("s");
        this.style = style === undefined ? -1 : Number(style);
        this.value = "";
        this.inline = "";
        this.hasInline = this.hasValue = this.hasFormula = false;
        break;
      }
      case "v":
        this.capturing = this.row === undefined ? undefined : "v";
        this.hasValue = true;
        break;
      case "f":
        this.hasFormula = true;
        break;
      case "is":
        this.inInline = true;
        this.hasInline = true;
        break;
      case "rPh":
        this.phonetic++;
        break;
      case "t":
        this.capturing = this.inInline && this.phonetic === 0 && this.row !== undefined ? "is" : undefined;
        break;
    }
  }

  close(name: string): void {
    switch (name) {
      case "v":
      case "t":
        this.capturing = undefined;
        break;
      case "is":
        this.inInline = false;
        break;
      case "rPh":
        this.phonetic--;
        break;
      case "c":
        if (this.row !== undefined) this.endCell(this.row);
        break;
      case "row":
        if (this.row !== undefined) this.done.push(this.row);
        this.row = undefined;
        break;
    }
  }

  text(text: string): void {
    if (this.capturing === undefined) return;
    if (this.capturing === "v") this.value += text;
    else this.inline += text;
    // The cell's whole text counts, however many runs or child elements split it.
    if (this.value.length + this.inline.length > LIMITS.cellChars) throw cellTooLong();
  }

  private endCell(row: RawRow): void {
    if (this.col >= LIMITS.readColumns) return;
    if (this.hasFormula && !this.hasValue) (row.formulasWithoutValue ??= []).push(this.col);
    const value = this.cellValue();
    if (value === "") return;
    if (this.col !== row.columns.length) row.dense = false;
    row.columns.push(this.col);
    row.values.push(value);
  }

  private cellValue(): RawValue {
    switch (this.type) {
      case "s": {
        if (this.value === "") return "";
        const index = Number(this.value);
        return Number.isInteger(index) && index >= 0 ? index : "";
      }
      case "b":
        return this.value === "1" ? "TRUE" : "FALSE";
      case "e":
        return ""; // #N/A, #DIV/0!: no value a person meant
      case "inlineStr":
        // Its text is the <is>; a <v> beside it (some writers add one) is not joined to it.
        return decodeEscapes(this.hasInline ? this.inline : this.value);
      case "str":
        return decodeEscapes(this.value); // a formula's text result
      case "n":
        if (this.dates.styles.has(this.style)) return serialToIsoDate(this.value, this.dates.date1904) ?? this.value;
        return this.value; // numbers as written ("1234.5")
      default:
        return this.value; // dates stored as ISO 8601 text (t="d")
    }
  }

  takeRows(): RawRow[] {
    const rows = this.done;
    this.done = [];
    return rows;
  }
}
