import type { PricingDb } from "../db/database.ts";

export async function deleteStaging(db: PricingDb, importId: string): Promise<void> {
  await db.kysely.deleteFrom("import_staging").where("import_id", "=", importId).execute();
}

/** Removes rows left by imports of a process that died; call at start, before any import runs. */
export async function clearStaging(db: PricingDb): Promise<void> {
  await db.kysely.deleteFrom("import_staging").execute();
}
