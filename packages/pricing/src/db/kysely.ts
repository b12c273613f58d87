import { createRequire } from "node:module";
import type * as KyselyModule from "kysely";

/**
 * Kysely's values, from its CommonJS build. Its ES-module build is some 600 files, and each
 * task thread loads the pricing code afresh: through the ES-module loader (and tsx's hooks)
 * that took a thread 0.6-0.8 s, the CommonJS build 0.1 s. Types still come from "kysely";
 * every value must come from here, so that one copy of Kysely is loaded, not two.
 */
const kysely = createRequire(import.meta.url)("kysely") as typeof KyselyModule;

export const { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, SqliteDriver, sql } = kysely;
