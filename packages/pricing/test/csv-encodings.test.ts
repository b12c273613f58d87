import { describe, expect, it } from "vitest";
import { importStock, StockFileError } from "../src/index.ts";
import { csvEncoding } from "../src/readers/csv-encoding.ts";
import { dialects, offers, testEnv, workContext } from "./helpers/env.ts";

/** Windows-1251, as Excel on Russian Windows and 1C save a plain CSV: Cyrillic letters 0xC0-0xFF, Ё 0xA8, ё 0xB8. */
function cp1251(text: string): Buffer {
  return Buffer.from(
    [...text].map((ch) => {
      const code = ch.codePointAt(0)!;
      if (code < 0x80) return code;
      if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
      if (ch === "Ё") return 0xa8;
      if (ch === "ё") return 0xb8;
      throw new Error(`no Windows-1251 byte for ${ch} in this test`);
    }),
  );
}

const utf16 = (text: string, endian: "le" | "be"): Buffer => {
  const le = Buffer.from(`\uFEFF${text}`, "utf16le");
  return endian === "le" ? le : Buffer.from(le).swap16();
};

const CSV = "Артикул;Наименование;Цена\nА-1;Ёлочная гирлянда;10\nБ-2;Кабель;20,5\n";

describe("csvEncoding", () => {
  it("tells the encodings apart by their bytes", () => {
    expect(csvEncoding(Buffer.from(CSV))).toBe("utf-8");
    expect(csvEncoding(cp1251(CSV))).toBe("windows-1251");
    expect(csvEncoding(utf16(CSV, "le"))).toBe("utf-16le");
    expect(csvEncoding(utf16(CSV, "be"))).toBe("utf-16be");
    // UTF-16 without its BOM is full of NUL bytes: not taken as text.
    expect(csvEncoding(Buffer.from(CSV, "utf16le"))).toBeUndefined();
    // 8-bit text whose high bytes are not mostly Cyrillic letters is not guessed at.
    expect(csvEncoding(Buffer.from([0x41, 0x80, 0x81, 0x82, 0xe0, 0x0a]))).toBeUndefined();
  });
});

describe.each(dialects)("%s: a CSV in each encoding a Russian pricing team meets", (dialect) => {
  it.each([
    ["Windows-1251", () => cp1251(CSV)],
    ["UTF-16 LE with BOM", () => utf16(CSV, "le")],
    ["UTF-16 BE with BOM", () => utf16(CSV, "be")],
  ])("%s imports with its Cyrillic names intact", async (_name, bytes) => {
    const env = await testEnv(dialect);
    const file = env.file("stock.csv", bytes());
    const result = await importStock(env.db, { filePath: file, supplier: "Ромашка", kind: "competitor" }, workContext());
    expect(result).toMatchObject({ rowsTotal: 2, imported: 2, skipped: 0 });
    expect((await offers(env.db)).map((o) => [o.partNumber, o.price])).toEqual([
      ["А-1", 10],
      ["Б-2", 20.5],
    ]);
    const names = await env.db.kysely.selectFrom("components").select("name").orderBy("part_number").execute();
    expect(names.map((n) => n.name)).toEqual(["Ёлочная гирлянда", "Кабель"]);
  });

  it("a UTF-8 file with a Windows-1251 byte further on fails saying so, never imports mojibake", async () => {
    const env = await testEnv(dialect);
    // Past the first 64 KiB, which the encoding is told from.
    const rows = Array.from({ length: 5_000 }, (_, i) => `Г-${i};Кабель;1\n`).join("");
    const file = env.file("stock.csv", Buffer.concat([Buffer.from(CSV + rows), cp1251("В-3;Ёж;30\n")]));
    const error = await importStock(env.db, { filePath: file, supplier: "Ромашка", kind: "competitor" }, workContext()).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StockFileError);
    expect((error as Error).message).toMatch(/^The CSV file starts as UTF-8 text but has bytes further on that are not\./);
  });
});
