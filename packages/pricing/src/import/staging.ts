import type { PricingDb } from "../db/database.ts";

/**
 * Kept for callers written when imports staged into a shared table: staged rows now live in a
 * temp table of the import's own connection (stager.ts) and end with it, so a run that died
 * leaves nothing to remove. Migration pricing/004 dropped the shared table with what it held.
 */
export async function deleteStaging(_db: PricingDb, _importId: string): Promise<void> {}

/** See deleteStaging: nothing outlives an import's connection. */
export async function clearStaging(_db: PricingDb): Promise<void> {}
