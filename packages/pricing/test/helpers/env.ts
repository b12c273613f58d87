import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";
import { type Database, migratePricing, openDatabase, type WorkContext } from "../../src/index.ts";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A temp directory and a migrated SQLite file in it, removed after the test. */
export function testEnv(): { dir: string; db: Database; file(name: string, data: string | Uint8Array): string } {
  const dir = mkdtempSync(join(tmpdir(), "pricing-test-"));
  const db = openDatabase(join(dir, "pricing.db"));
  migratePricing(db);
  cleanups.push(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    dir,
    db,
    file(name, data) {
      const path = join(dir, name);
      writeFileSync(path, data);
      return path;
    },
  };
}

export interface RecordedContext extends WorkContext {
  calls: { percent: number; message: string }[];
}

/** A work context that records progress; `onProgress` may abort through `controller`. */
export function workContext(onProgress?: (percent: number, message: string, controller: AbortController) => void): RecordedContext {
  const controller = new AbortController();
  const calls: { percent: number; message: string }[] = [];
  return {
    signal: controller.signal,
    calls,
    progress(percent, message) {
      calls.push({ percent, message });
      onProgress?.(percent, message, controller);
    },
  };
}

export function offers(db: Database, supplier?: string): { partNumber: string; supplier: string; kind: string; quantity: number | null; price: number }[] {
  return db
    .prepare(
      `SELECT c.part_number AS partNumber, o.supplier, o.kind, o.quantity, o.price FROM offers o
       JOIN components c ON c.id = o.component_id
       WHERE (? IS NULL OR o.supplier = ?) ORDER BY o.supplier, o.kind, c.part_number, o.price`,
    )
    .all(supplier ?? null, supplier ?? null) as never;
}

export const stagingCount = (db: Database): number =>
  (db.prepare("SELECT COUNT(*) AS n FROM import_staging").get() as { n: number }).n;
