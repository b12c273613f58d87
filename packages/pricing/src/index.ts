/**
 * @tasklane/pricing: the pricing domain. It takes a database handle, an AbortSignal and a
 * progress callback, and knows nothing of HTTP or of tasks.
 */
export type { WorkContext } from "./context.ts";
export { StockFileError, InvalidCursorError } from "./errors.ts";
export { openDatabase, type Database, type OpenOptions } from "./db/open.ts";
export { DatabaseLockedError } from "./db/sqlite-dialect.ts";
export {
  type PricingDb,
  type PricingTables,
  type SqlDatabase,
  type SqlDialect,
  createPostgresPool,
  postgresPricingDb,
  sqlitePricingDb,
} from "./db/database.ts";
/** The first key of every import's apply lock, for tools that watch pg_locks (the scaling benchmark). */
export { IMPORT_LOCK_SPACE } from "./db/write-transactions.ts";
/** Kysely's `sql` tag from the one copy of Kysely loaded (db/kysely.ts). */
export { sql } from "./db/kysely.ts";
export { applyMigrations, migratePricing, type Migration } from "./db/migrations.ts";
export { detectFileFormat } from "./readers/detect.ts";
export type { FileFormat } from "./readers/types.ts";
export { importStock, type StockImportInput } from "./import/stock-import.ts";
export { recalculatePrices, type RecalculateOptions } from "./recalculate.ts";
export { createPricelist, type PricelistCreateInput, type PricelistCreateOptions } from "./pricelists/create.ts";
export { listComponents } from "./components.ts";
export { type CursorKey, decodeCursor, encodeCursor, isIntegerCursor, pageOf } from "./cursor.ts";
export { listPricelists, getPricelistPage } from "./pricelists/read.ts";
export { pricelistCsvChunks } from "./pricelists/csv-export.ts";
export { pricelistXlsx } from "./pricelists/xlsx-export.ts";
export { EXPORT_HEADER } from "./pricelists/export-columns.ts";
export { inspectStockFile, type InspectInput, type StockFileInspection } from "./import/inspect.ts";
export { mappingFor } from "./import/stock-import.ts";
export { stagingTablesLeft } from "./import/stager.ts";
export { listSuppliers, savedMapping, setSupplierMapping } from "./suppliers.ts";
