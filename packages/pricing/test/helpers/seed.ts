import type { StockKind } from "@tasklane/contract";
import { importStock } from "../../src/index.ts";
import { sql } from "kysely";
import { type TestEnv, rows, workContext } from "./env.ts";

export interface SeedOffer {
  pn: string;
  price: number;
  qty?: number;
  name?: string;
  vendor?: string;
}

let fileNumber = 0;

/** Imports offers through the real import, one CSV per supplier and kind. */
export async function seed(env: TestEnv, supplier: string, kind: StockKind, rows: SeedOffer[]): Promise<void> {
  const csv = ["PN;Price;Qty;Name;Vendor", ...rows.map((r) => [r.pn, r.price, r.qty ?? "", r.name ?? "", r.vendor ?? ""].join(";"))];
  const filePath = env.file(`seed-${++fileNumber}.csv`, `${csv.join("\n")}\n`);
  await importStock(env.db, { filePath, supplier, kind }, workContext());
}

export const prices = async (env: TestEnv): Promise<Record<string, number | null>> =>
  Object.fromEntries(
    (
      await rows(env.db, sql<{ part_number: string; price: number | null }>`SELECT part_number, price FROM components ORDER BY part_number`)
    ).map((r) => [r.part_number, r.price]),
  );
