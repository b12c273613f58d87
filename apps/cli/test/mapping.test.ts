import { writeFile } from "node:fs/promises";
import path from "node:path";
import { createTasklaneClient } from "@tasklane/client";
import { describe, expect, it } from "vitest";
import { startService, tempDir } from "@tasklane/testing";
import { runCli } from "./cli-process.ts";

/** Two price columns: detection reads the recommended retail price (РРЦ), not the dealer's. */
const TWO_PRICES = "Артикул;Наименование;Цена дилера;РРЦ;Остаток\nA-1;Диск;100;150;3\nB-2;Память;200;260;1\n;без артикула;1;2;3\n";

async function setup() {
  const { url } = await startService();
  const dir = await tempDir();
  const file = async (name: string, text: string) => {
    const p = path.join(dir, name);
    await writeFile(p, text);
    return p;
  };
  return { url, env: { TASKLANE_URL: url }, file };
}

describe("tasklane inspect", () => {
  it("prints the header row, each field's column with why and the alternatives, the first rows and the skipped ones", async () => {
    const { env, file } = await setup();
    const result = await runCli(["inspect", await file("ocean.csv", TWO_PRICES)], env);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines[0]).toBe("ocean.csv (csv), read as detected");
    expect(result.stdout).toMatch(/^Sheet ".*": header on row 1/m);
    expect(lines.find((l) => /^ {2}FIELD +COLUMN +WHY +ALTERNATIVES$/.test(l))).toBeDefined();
    expect(lines.find((l) => l.startsWith("  price "))).toMatch(/^ {2}price +D "РРЦ" +.+ +C "Цена дилера"$/);
    expect(lines.find((l) => l.startsWith("  partNumber "))).toMatch(/^ {2}partNumber +A "Артикул" /);
    expect(result.stdout).toMatch(/^ {4}ROW +PART NUMBER +NAME +VENDOR +CATEGORY +QUANTITY +PRICE$/m);
    expect(result.stdout).toMatch(/^ {4}2 +A-1 +Диск +— +— +3 +150$/m);
    expect(result.stdout).toMatch(/^ {4}row 4: .+$/m);
  });

  it("reads the column a mapping option names, by header text or number; --json gives the preview", async () => {
    const { env, file } = await setup();
    const ocean = await file("ocean.csv", TWO_PRICES);
    const byText = await runCli(["inspect", ocean, "--price", "Цена дилера"], env);
    expect(byText.stdout.split("\n")[0]).toBe("ocean.csv (csv), read with the mapping given");
    expect(byText.stdout).toMatch(/^ {4}2 +A-1 +Диск +— +— +3 +100$/m);

    const json = await runCli(["inspect", ocean, "--price", "3", "--skip-field", "name", "--json"], env);
    expect(json.code).toBe(0);
    const preview = JSON.parse(json.stdout) as { sheets: { rows: { price: number; name: string | null }[] }[] };
    expect(preview).toMatchObject({ filename: "ocean.csv", mappingSource: "given", error: null });
    expect(preview.sheets[0]!.rows.map((r) => [r.price, r.name])).toEqual([
      [100, null],
      [200, null],
    ]);
  });

  it("keeps each row on one line: line breaks in a cell become spaces, a long text is cut", async () => {
    const { env, file } = await setup();
    const description = `Диск SSD\n${"очень ".repeat(20)}длинное описание`;
    const result = await runCli(
      ["inspect", await file("long.csv", `"Артикул";"Наименование";"Цена,\nруб."\nA-1;"${description}";100\n`)],
      env,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ {2}price +C "Цена, руб\." /m);
    expect(result.stdout).toMatch(/^ {4}2 +A-1 +Диск SSD очень очень .{10,}… +— +— +.* +100$/m);
  });

  it("exits 1 and says why when an import with the mapping would fail", async () => {
    const { env, file } = await setup();
    const result = await runCli(["inspect", await file("ocean.csv", TWO_PRICES), "--skip-field", "price"], env);
    expect(result.code).toBe(1);
    expect(result.stdout.trimEnd().split("\n").at(-1)).toMatch(/^An import with this mapping would fail: .+/);
  });

  it("a file the service cannot read at all exits 2 with its reason", async () => {
    const { env } = await setup();
    const xls = path.join(await tempDir(), "old.xls");
    await writeFile(xls, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]));
    const result = await runCli(["inspect", xls], env);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^tasklane: .+\n$/);
  });
});

describe("a supplier's mapping from the command line", () => {
  it("import --save-mapping remembers it; the next import uses it; suppliers lists it; suppliers mapping --forget forgets it", async () => {
    const { env, file } = await setup();
    const first = await runCli(
      ["import", await file("ocean-1.csv", TWO_PRICES), "--supplier", "Ocean", "--price", "Цена дилера", "--save-mapping", "--wait"],
      env,
    );
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("  The supplier's rows: 0 before, 2 now\n");
    expect(first.stdout).toMatch(/^ {2}Read with the mapping given: .*price "Цена дилера".* \(saved for the supplier\)$/m);

    const listed = await runCli(["suppliers"], env);
    expect(listed.code).toBe(0);
    const [header, ocean] = listed.stdout.trimEnd().split("\n");
    expect(header).toMatch(/^NAME +KIND +OFFERS +LAST IMPORT +MAPPING$/);
    expect(ocean).toMatch(/^Ocean +stock +2 +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d +.*price "Цена дилера".* \(saved \d{4}-/);

    // The next file, with no option: read with the saved mapping, so the dealer's prices.
    const next = await file("ocean-2.csv", "Артикул;Наименование;Цена дилера;РРЦ;Остаток\nC-3;Кабель;10;15;7\n");
    const inspected = await runCli(["inspect", next, "--supplier", "Ocean"], env);
    expect(inspected.stdout.split("\n")[0]).toBe("ocean-2.csv (csv), read with the mapping saved for Ocean");
    const second = await runCli(["import", next, "--supplier", "Ocean", "--wait"], env);
    expect(second.stdout).toMatch(/^ {2}Read with the supplier's saved mapping: /m);

    const forgotten = await runCli(["suppliers", "mapping", "Ocean", "--kind", "stock", "--forget"], env);
    expect(forgotten).toMatchObject({ code: 0, stdout: "Ocean (stock): mapping forgotten: detected each time\n" });
    const json = JSON.parse((await runCli(["suppliers", "--kind", "stock", "--json"], env)).stdout) as { items: unknown[] };
    expect(json.items).toEqual([expect.objectContaining({ name: "Ocean", kind: "stock", offers: 1, mapping: null })]);
  });

  it("suppliers mapping saves a mapping before any import", async () => {
    const { url, env } = await setup();
    const saved = await runCli(
      ["suppliers", "mapping", "Pacific", "--kind", "competitor", "--header-row", "3", "--vendor", "2", "--skip-field", "category"],
      env,
    );
    expect(saved).toMatchObject({
      code: 0,
      stdout: "Pacific (competitor): mapping saved: header row 3, vendor column B, category not read\n",
    });
    const { items } = await createTasklaneClient({ url }).listSuppliers({ kind: "competitor" });
    expect(items).toEqual([
      expect.objectContaining({ name: "Pacific", mapping: { headerRow: 3, columns: { vendor: 2, category: null } } }),
    ]);
  });

  it.each([
    [["inspect"], 'tasklane: missing FILE (see "tasklane inspect --help")'],
    [
      ["inspect", "a.csv", "--skip-field", "colour"],
      'tasklane: --skip-field must be one of partNumber, name, vendor, category, quantity, price (see "tasklane inspect --help")',
    ],
    [
      ["inspect", "a.csv", "--price", "3", "--skip-field", "price"],
      'tasklane: --skip-field price and --price contradict each other (see "tasklane inspect --help")',
    ],
    [
      ["inspect", "a.csv", "--header-row", "0"],
      'tasklane: --header-row must be a whole number from 1 up, not "0" (see "tasklane inspect --help")',
    ],
    [
      ["import", "a.csv", "--supplier", "Ocean", "--part-number", "0"],
      'tasklane: --part-number 0: column numbers go from 1 (A) to 1024 (see "tasklane import --help")',
    ],
    [["suppliers", "mapping", "Ocean", "--forget"], 'tasklane: missing --kind stock|competitor (see "tasklane suppliers --help")'],
    [["suppliers", "mapping", "Ocean", "--kind", "stock"], 'tasklane: give mapping options, or --forget (see "tasklane suppliers --help")'],
    [
      ["suppliers", "mapping", "Ocean", "--kind", "stock", "--forget", "--price", "2"],
      'tasklane: --forget and mapping options contradict each other (see "tasklane suppliers --help")',
    ],
    [
      ["suppliers", "--forget"],
      'tasklane: mapping options and --forget go with "tasklane suppliers mapping NAME" (see "tasklane suppliers --help")',
    ],
    [["suppliers", "mapping"], 'tasklane: missing NAME (see "tasklane suppliers --help")'],
  ])("wrong usage: tasklane %j exits 2", async (args, line) => {
    const result = await runCli(args);
    expect(result).toEqual({ code: 2, stdout: "", stderr: `${line}\n` });
  });

  it("the help texts name every mapping option", async () => {
    for (const command of ["inspect", "import", "suppliers"]) {
      const help = (await runCli([command, "--help"])).stdout;
      for (const flag of [
        "--sheet NAME",
        "--header-row N",
        "--part-number COL",
        "--name COL",
        "--vendor COL",
        "--category COL",
        "--quantity COL",
        "--price COL",
        "--skip-field FIELD",
      ]) {
        expect(help, `${command} --help`).toContain(flag);
      }
    }
    expect((await runCli(["import", "--help"])).stdout).toContain("--save-mapping");
  });
});
