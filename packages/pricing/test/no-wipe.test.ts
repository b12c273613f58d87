import { describe, expect, it } from "vitest";
import { importStock, StockFileError } from "../src/index.ts";
import { dialects, offers, stagingTables, testEnv, workContext } from "./helpers/env.ts";

// Regression (issue 11): a CSV whose one price cell was 40,000 digits completed with 0 rows
// imported, and so replaced the supplier's rows with nothing.
describe.each(dialects)("%s: an import that would leave a supplier with nothing", (dialect) => {
  const earlier = async () => {
    const env = await testEnv(dialect);
    const good = env.file("good.csv", "PN;Price;Qty\nKEEP-1;10;2\nKEEP-2;20;3\n");
    await importStock(env.db, { filePath: good, supplier: "Ocean", kind: "stock" }, workContext());
    return env;
  };

  it("ends as error naming the first row's reason, and keeps the earlier rows", async () => {
    const env = await earlier();
    const bad = env.file("bad.csv", `PN;Price\nA-1;${"9".repeat(40_000)}\nA-2;free\n`);
    const error = await importStock(env.db, { filePath: bad, supplier: "Ocean", kind: "stock" }, workContext()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StockFileError);
    expect((error as Error).message).toMatch(
      /^None of the file's 2 data rows could be imported \(row 2: .{1,300}\), so Ocean's 2 earlier rows are kept as they were\.$/,
    );
    expect((await offers(env.db, "Ocean")).map((o) => o.partNumber)).toEqual(["KEEP-1", "KEEP-2"]);
    expect(await stagingTables(env.db)).toBe(0);
  });

  it("ends as error for a file with a header and no data rows", async () => {
    const env = await earlier();
    const empty = env.file("empty.csv", "PN;Price\n");
    await expect(importStock(env.db, { filePath: empty, supplier: "Ocean", kind: "stock" }, workContext())).rejects.toThrow(
      "The file has no data rows below its header, so Ocean's 2 earlier rows are kept as they were.",
    );
    expect(await offers(env.db, "Ocean")).toHaveLength(2);
  });

  it("is fine for a supplier that had no rows, and for another kind", async () => {
    const env = await earlier();
    const empty = env.file("empty.csv", "PN;Price\n");
    await expect(importStock(env.db, { filePath: empty, supplier: "Delta", kind: "stock" }, workContext())).resolves.toMatchObject({
      imported: 0,
    });
    await expect(importStock(env.db, { filePath: empty, supplier: "Ocean", kind: "competitor" }, workContext())).resolves.toMatchObject({
      imported: 0,
    });
    expect(await offers(env.db, "Ocean")).toHaveLength(2);
  });
});
