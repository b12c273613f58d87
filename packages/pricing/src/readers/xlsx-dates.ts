import { LIMITS } from "./limits.ts";
import type { ZipArchive } from "./zip.ts";
import { parseWholeXml } from "./xml-stream.ts";

/**
 * Dates in an .xlsx are numbers (days since the workbook's epoch) that a date number format
 * shows as dates; without it a supplier's "Дата поступления" would read as 45123. A cell whose
 * style has a date format is read as its ISO date text (yyyy-mm-dd); its time of day, if any,
 * is left out.
 */

/** Built-in number formats that show a date (ECMA-376 Part 1, 18.8.30): 14-17 and 22 everywhere, 27-31, 36, 50-58 in East Asian locales. */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/**
 * Whether a custom format code shows a date: it has a day or year part outside quoted text,
 * escaped characters and [brackets] (colours, locales, elapsed [h]). "m" alone may be minutes,
 * so it does not count; a format that shows only a time stays a number.
 */
export function isDateFormatCode(code: string): boolean {
  const firstSection = code.split(";", 1)[0]!;
  const bare = firstSection.replace(/"[^"]*"|\\.|\[[^\]]*\]|_.|\*./g, "");
  return /[dy]/i.test(bare);
}

type ZipEntry = NonNullable<ReturnType<ZipArchive["entries"]["get"]>>;

/** The indexes (a cell's s attribute) of the cell formats whose number format shows a date. */
export async function readDateStyles(zip: ZipArchive, entry: ZipEntry | undefined): Promise<ReadonlySet<number>> {
  const dateStyles = new Set<number>();
  if (entry === undefined) return dateStyles;
  const customDates = new Set<number>();
  let inCellXfs = false;
  let xfIndex = 0;
  await parseWholeXml(await zip.open(entry), {
    open(name, tag) {
      const id = Number(tag.attributes.numFmtId);
      if (name === "numFmt" && isDateFormatCode(tag.attributes.formatCode ?? "")) customDates.add(id);
      else if (name === "cellXfs") inCellXfs = true;
      else if (name === "xf" && inCellXfs) {
        if (xfIndex < LIMITS.cellStyles && (BUILT_IN_DATE_FORMATS.has(id) || customDates.has(id))) dateStyles.add(xfIndex);
        xfIndex++;
      }
    },
    close(name) {
      if (name === "cellXfs") inCellXfs = false;
    },
  });
  return dateStyles;
}

const DAY_MS = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);
/** 9999-12-31, the last day Excel shows, in the 1900 system. */
const LAST_SERIAL = 2_958_465;

/**
 * The ISO date of a date serial, or undefined when the text is not one (below 1, the time-only
 * part of a day, or past 9999). In the 1900 system Excel counts a 29 February 1900 that never
 * was (serial 60, kept from Lotus 1-2-3): serials below it are one day later than the plain count.
 */
export function serialToIsoDate(text: string, date1904: boolean): string | undefined {
  const serial = Number(text);
  if (!Number.isFinite(serial) || serial < 1 || serial > LAST_SERIAL) return undefined;
  const day = Math.floor(serial);
  if (!date1904 && day === 60) return "1900-02-29";
  const ms = date1904 ? EPOCH_1904 + day * DAY_MS : EPOCH_1900 + (day < 60 ? day + 1 : day) * DAY_MS;
  return new Date(ms).toISOString().slice(0, 10);
}
