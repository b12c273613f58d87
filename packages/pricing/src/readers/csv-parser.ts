import { cellTooLong, LIMITS, rowTooLong, tooManyColumns } from "./limits.ts";
import type { SheetRow } from "./types.ts";

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  /** Saw a quote inside a quoted field: a second quote is a literal one, anything else closes the field. */
  QuoteInQuoted,
}

/**
 * An RFC 4180 parser fed text in pieces (records may span pieces). Quoted fields may hold
 * delimiters, doubled quotes and line breaks; CRLF, LF and lone CR end a record. Row
 * numbers count records, which is what a spreadsheet program shows after opening the file.
 */
export class CsvParser {
  private state = State.FieldStart;
  private field = "";
  private record: string[] = [];
  /** Fields and characters in the record so far. */
  private fields = 0;
  private recordChars = 0;
  private rowNumber = 0;
  private skipLineFeed = false;
  /** The row a still-open quoted field started on, for the error message. */
  quotedFieldRow = 0;

  constructor(private readonly delimiter: string) {}

  get isInsideQuotes(): boolean {
    return this.state === State.Quoted;
  }

  /**
   * Parses `text` and returns the records it completed. An unquoted field is found by scanning
   * char codes to the next delimiter or line break and taken as one slice: appending it a
   * character at a time made the parser the slowest part of a CSV import.
   */
  push(text: string): SheetRow[] {
    const out: SheetRow[] = [];
    const n = text.length;
    const delimiter = this.delimiter.charCodeAt(0);
    let i = 0;
    while (i < n) {
      if (this.skipLineFeed) {
        this.skipLineFeed = false;
        if (text.charCodeAt(i) === LF) {
          i++;
          continue;
        }
      }
      if (this.state === State.Quoted) {
        const close = text.indexOf('"', i);
        const end = close < 0 ? n : close;
        this.append(text.slice(i, end));
        if (close >= 0) this.state = State.QuoteInQuoted;
        i = end + 1;
        continue;
      }
      if (this.state === State.QuoteInQuoted) {
        if (text.charCodeAt(i) === QUOTE) {
          this.field += '"';
          this.state = State.Quoted;
          i++;
          continue;
        }
        this.state = State.Unquoted;
      }
      if (this.state === State.FieldStart && text.charCodeAt(i) === QUOTE) {
        this.state = State.Quoted;
        this.quotedFieldRow = this.rowNumber + 1;
        i++;
        continue;
      }
      // Unquoted: a quote further on is a literal one.
      let end = i;
      for (let c = text.charCodeAt(end); end < n && c !== delimiter && c !== LF && c !== CR; c = text.charCodeAt(++end));
      if (end > i) {
        this.append(text.slice(i, end));
        this.state = State.Unquoted;
      }
      if (end === n) break;
      this.endField();
      const c = text.charCodeAt(end);
      if (c !== delimiter) {
        out.push(this.endRecord());
        this.skipLineFeed = c === CR;
      }
      i = end + 1;
    }
    return out;
  }

  private append(text: string): void {
    this.field = this.field === "" ? text : this.field + text;
    if (this.field.length > LIMITS.cellChars) throw cellTooLong();
  }

  /** Returns the last record if the text did not end with a line break. */
  end(): SheetRow[] {
    if (this.state === State.FieldStart && this.field === "" && this.fields === 0) return [];
    this.endField();
    return [this.endRecord()];
  }

  private endField(): void {
    if (++this.fields > LIMITS.columns) throw tooManyColumns(this.rowNumber + 1);
    this.recordChars += this.field.length;
    if (this.recordChars > LIMITS.rowChars) throw rowTooLong(this.rowNumber + 1);
    // Fields past the columns read are counted, not kept.
    if (this.fields <= LIMITS.readColumns) this.record.push(this.field);
    this.field = "";
    this.state = State.FieldStart;
  }

  /** The record, trimmed to its last non-empty field: a line of commas is an empty row. */
  private endRecord(): SheetRow {
    const cells = this.record;
    while (cells.length > 0 && cells[cells.length - 1] === "") cells.pop();
    const row = { rowNumber: ++this.rowNumber, cells };
    this.record = [];
    this.fields = 0;
    this.recordChars = 0;
    return row;
  }
}

/**
 * Picks ";" or "," from a sample: the one that splits the most lines into the same number
 * of fields. A semicolon file with decimal commas ("1 234,56") has a steady semicolon count
 * on every line including the header, while its comma count changes from line to line.
 */
export function detectDelimiter(sample: string): ";" | "," {
  const lines = splitSampleLines(sample).slice(0, 50);
  const score = (d: string): [number, number] => {
    const counts = lines.map((line) => line.split(d).length - 1);
    const freq = new Map<number, number>();
    for (const c of counts) if (c > 0) freq.set(c, (freq.get(c) ?? 0) + 1);
    let best: [number, number] = [0, 0];
    for (const [count, lineCount] of freq) {
      if (lineCount > best[0] || (lineCount === best[0] && count > best[1])) best = [lineCount, count];
    }
    return best;
  };
  const [semi, comma] = [score(";"), score(",")];
  return semi[0] > comma[0] || (semi[0] === comma[0] && semi[1] >= comma[1] && semi[1] > 0) ? ";" : ",";
}

/** Lines of the sample with quoted text removed, so delimiters inside quotes do not count. */
function splitSampleLines(sample: string): string[] {
  const unquoted = sample.replace(/"(?:[^"]|"")*"?/g, "");
  return unquoted.split(/\r\n|\n|\r/).filter((line) => line.trim() !== "");
}
