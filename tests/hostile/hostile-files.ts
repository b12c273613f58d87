import { writeFile } from "node:fs/promises";
import path from "node:path";
import { rawXlsx } from "@tasklane/testing/files";

/**
 * The hostile stock files of issue 11, each small to send and costly to read naively.
 * Each writer puts its file in `dir` and answers the path.
 */

/** 1C 8.x's 13 header bytes, then the UTF-8 BOM it writes before its bracketed text (see pricing's detect.ts). */
const MXL8_HEADER = Buffer.from([0x4d, 0x4f, 0x58, 0x43, 0x45, 0x4c, 0x00, 0x08, 0x00, 0x01, 0x00, 0x0c, 0x00, 0xef, 0xbb, 0xbf]);

const si = (text: string) => `<si><t xml:space="preserve">${text}</t></si>`;
const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
const HEADER_ROW = `<row r="1">${inline("A1", "PN")}${inline("B1", "Price")}${inline("C1", "Qty")}</row>`;

async function save(dir: string, name: string, bytes: Buffer | string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, bytes);
  return file;
}

/** One shared string just under the 1,000,000-character cell limit, and one row of 8,000 cells all pointing at it. */
export async function sharedStringRow(dir: string): Promise<string> {
  const row = `<row r="1">${'<c t="s"><v>0</v></c>'.repeat(8_000)}</row>`;
  return save(dir, "shared-string-row.xlsx", await rawXlsx({ rows: [row], sharedItems: [si("a".repeat(999_000))] }));
}

/** A valid 1C 8.x header, then 40 MB of opening brackets: nesting with no end. */
export async function mxlBrackets(dir: string): Promise<string> {
  return save(dir, "brackets.mxl", Buffer.concat([MXL8_HEADER, Buffer.alloc(40 * 1024 * 1024, "{")]));
}

/**
 * A CSV whose one price cell is `digits` digits and then a letter: a number pattern that
 * backtracks takes time quadratic in its length before it gives up.
 */
export async function longPriceCsv(dir: string, digits: number): Promise<string> {
  return save(dir, `price-${digits}.csv`, `PN;Price;Qty\nLONG-1;${"9".repeat(digits)}x;1\n`);
}

/** 100,000 rows, each one empty cell in the last column Excel has (XFD): a row of 16,384 columns each. */
export async function lastColumnRows(dir: string): Promise<string> {
  return save(dir, "last-column.xlsx", await rawXlsx({ rows: Array<string>(100_000).fill('<row><c r="XFD1"/></row>') }));
}

/**
 * A part number over 1,000,000 characters in one cell, split into text nodes of 100,000 by
 * child elements: a limit checked per text node never sees it.
 */
export async function splitCellText(dir: string): Promise<string> {
  const text = Array<string>(12).fill("a".repeat(100_000)).join("<x/>");
  const row = `<row r="2">${inline("A2", text)}<c r="B2"><v>10</v></c><c r="C2"><v>1</v></c></row>`;
  return save(dir, "split-cell.xlsx", await rawXlsx({ rows: [HEADER_ROW, row] }));
}

/** 100 rows whose price cell points at one 999,000-character shared string: every row is skipped with a reason. */
export async function sharedStringPrices(dir: string): Promise<string> {
  const rows = [HEADER_ROW];
  for (let r = 2; r <= 101; r++)
    rows.push(`<row r="${r}">${inline(`A${r}`, `PN-${r}`)}<c r="B${r}" t="s"><v>0</v></c><c r="C${r}"><v>1</v></c></row>`);
  return save(dir, "shared-string-prices.xlsx", await rawXlsx({ rows, sharedItems: [si("7".repeat(999_000))] }));
}
