import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { SaxesParser } from "saxes";

/** LibreOffice's command, or "" where it is not installed. */
export const soffice = spawnSync("sh", ["-c", "command -v soffice"], { encoding: "utf8" }).stdout.trim();

interface SheetCell {
  formula: string | undefined;
  type: string | undefined;
  text: string;
}

/** The cells of a flat ODF spreadsheet (.fods), row by row, repeated cells written out. */
export function readFods(xml: string): SheetCell[][] {
  const rows: SheetCell[][] = [];
  let cell: SheetCell | undefined;
  let repeat = 1;
  let paragraphs = 0;
  let inParagraph = 0;
  const parser = new SaxesParser({ xmlns: false });
  parser.on("opentag", (tag) => {
    const a = tag.attributes as Record<string, string>;
    if (tag.name === "table:table-row") rows.push([]);
    else if (tag.name === "table:table-cell") {
      cell = { formula: a["table:formula"], type: a["office:value-type"], text: "" };
      repeat = Number(a["table:number-columns-repeated"] ?? 1);
      paragraphs = 0;
    } else if (tag.name === "text:p") {
      inParagraph++;
      if (cell && paragraphs++ > 0) cell.text += "\n";
    } else if (cell && tag.name === "text:s") cell.text += " ".repeat(Number(a["text:c"] ?? 1));
    else if (cell && tag.name === "text:tab") cell.text += "\t";
    else if (cell && tag.name === "text:line-break") cell.text += "\n";
  });
  // Only a paragraph's text is the cell's: the file is indented between elements.
  parser.on("text", (text) => {
    if (cell && inParagraph > 0) cell.text += text;
  });
  parser.on("closetag", (tag) => {
    if (tag.name === "text:p") inParagraph--;
    if (tag.name !== "table:table-cell" || !cell) return;
    // Repeats past the end of a row are a sheet's empty filler, not cells of the export.
    if (cell.type !== undefined || cell.formula !== undefined) for (let i = 0; i < Math.min(repeat, 64); i++) rows.at(-1)!.push(cell);
    else rows.at(-1)!.push(cell);
    cell = undefined;
  });
  parser.write(xml).close();
  return rows;
}

/** One LibreOffice run per separator, with a profile and HOME of its own (a first start takes seconds). */
export function convertWithLibreOffice(csvFile: string, dir: string, separator: number): string {
  const outDir = join(dir, `out-${separator}`);
  mkdirSync(outDir, { recursive: true });
  execFileSync(
    soffice,
    [
      "--headless",
      `-env:UserInstallation=file://${join(dir, "lo-profile")}`,
      "--convert-to",
      "fods",
      // separator, text delimiter ", UTF-8 (76), from line 1
      `--infilter=CSV:${separator},34,76,1`,
      "--outdir",
      outDir,
      csvFile,
    ],
    { env: { ...process.env, HOME: join(dir, "lo-home") }, stdio: "pipe", timeout: 120_000 },
  );
  return readFileSync(join(outDir, basename(csvFile).replace(/\.csv$/, ".fods")), "utf8");
}
