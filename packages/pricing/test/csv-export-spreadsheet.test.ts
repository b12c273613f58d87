import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createPricelist, pricelistCsvChunks } from "../src/index.ts";
import { csvField, inert } from "@tasklane/contract";
import { testEnv, workContext } from "./helpers/env.ts";
import { seed } from "./helpers/seed.ts";
import { convertWithLibreOffice, readFods, soffice } from "./helpers/spreadsheet.ts";

/**
 * The pricelist export opened by a real spreadsheet program: LibreOffice reads the CSV with
 * comma, semicolon and tab as the separator (a person picks one in its import dialog; Excel
 * picks by locale), and no cell may come out a formula. A name such as `x;=1+1;y` once went
 * out unquoted and became a live formula when read with semicolons.
 */

/** Texts from a supplier's file that a spreadsheet would take for formulas, whole or split at a separator. */
const HOSTILE = ["x;=1+1;y", 'a,=HYPERLINK("http://x","y"),b', "@SUM(1)", "\t=1", "-1+1", "+1", "Кабель; =2*3, «витая пара»"] as const;

/** Separators LibreOffice is told to split on, as its CSV filter names them (character codes). */
const SEPARATORS = { comma: 44, semicolon: 59, tab: 9 } as const;

describe("the pricelist CSV export read by LibreOffice", () => {
  // Loud in CI, as the PostgreSQL URL is: a run without the program would pass for one with it.
  it.skipIf(!soffice && !process.env.CI)(
    "holds no formula when read with comma, semicolon or tab as the separator, and keeps every name",
    async () => {
      if (!soffice) throw new Error("soffice (LibreOffice) is not installed: in CI the CSV export must be checked with it");
      // The export does not depend on the database engine: SQLite alone.
      const env = await testEnv("sqlite");
      await seed(
        env,
        "A",
        "stock",
        HOSTILE.map((_, i) => ({ pn: `H-${i}`, price: i + 1, qty: 1 })),
      );
      const { pricelistId } = await createPricelist(env.db, { source: "warehouse", taskId: null }, workContext());
      // The import trims and reads cells; the texts go into the pricelist exactly as written here.
      for (const [i, text] of HOSTILE.entries()) {
        await env.db.kysely
          .updateTable("pricelist_rows")
          .set({ name: text, vendor: text })
          .where("pricelist_id", "=", pricelistId)
          .where("part_number", "=", `H-${i}`)
          .execute();
      }
      const chunks: string[] = [];
      for await (const chunk of (await pricelistCsvChunks(env.db, pricelistId))!.chunks) chunks.push(chunk);
      const csvFile = join(env.dir, "export.csv");
      writeFileSync(csvFile, chunks.join(""));

      for (const [name, separator] of Object.entries(SEPARATORS)) {
        const cells = readFods(convertWithLibreOffice(csvFile, env.dir, separator));
        const all = cells.flat();
        expect(
          all.filter((c) => c.formula !== undefined),
          `formulas when read with ${name}`,
        ).toEqual([]);
        expect(
          all.filter((c) => c.type === "string" && /^[=+\-@]/.test(c.text)),
          `formula-like texts with ${name}`,
        ).toEqual([]);
        if (separator === SEPARATORS.comma) {
          // Read with the export's own separator, every row is whole: the names and vendors
          // in columns B and C, only the apostrophes added.
          for (const [i, text] of HOSTILE.entries()) {
            const row = cells.find((r) => r[0]?.text === `H-${i}`);
            expect(
              row?.slice(1, 3).map((c) => c.text.replaceAll("'", "")),
              `row H-${i}`,
            ).toEqual([text, text]);
          }
        }
      }
    },
    240_000,
  );
});

describe("inert and csvField", () => {
  it("neutralise a formula start at the start of the text and after every separator, and quote every separator", () => {
    expect(HOSTILE.map((text) => csvField(inert(text)))).toEqual([
      `"x;'=1+1;y"`,
      `"a,'=HYPERLINK(""http://x"",""y""),b"`,
      "'@SUM(1)",
      `"'\t'=1"`,
      "'-1+1",
      "'+1",
      `"Кабель; '=2*3, «витая пара»"`,
    ]);
    expect(csvField(inert('a;"=1"'))).toBe(`"a;""'=1"""`);
    expect(csvField(inert("Кабель, 5 м"))).toBe('"Кабель, 5 м"');
    expect(csvField("a\tb")).toBe('"a\tb"');
    expect(csvField("plain")).toBe("plain");
  });
});
