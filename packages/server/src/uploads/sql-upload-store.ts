import type { Readable } from "node:stream";
import type { SqlDatabase } from "@tasklane/pricing";
import type { Kysely } from "kysely";
import type { ServerTables } from "../stores/schema.ts";
import type { LocalFile, Upload, UploadStore } from "./upload-store.ts";

/** Where an upload's bytes live: files in a folder (SQLite) or chunks in PostgreSQL. */
export interface UploadBytes {
  /** Streams the bytes in and resolves with their size; on failure nothing is left behind. */
  write(id: string, bytes: Readable): Promise<number>;
  openFile(id: string): Promise<LocalFile>;
  /** Removes the bytes; no error when they are already gone. */
  delete(id: string): Promise<void>;
  /** Removes bytes written before `cutoff` whose upload was never saved; returns how many uploads' bytes. */
  deleteUnsavedBefore(cutoff: Date, isSaved: (id: string) => Promise<boolean>): Promise<number>;
}

/** The records of uploads in the `uploads` table (schema.ts), on either engine; the bytes in `bytes`. */
export class SqlUploadStore implements UploadStore {
  protected readonly db: Kysely<ServerTables>;

  constructor(
    db: SqlDatabase,
    private readonly bytes: UploadBytes,
  ) {
    this.db = db.kysely as Kysely<ServerTables>;
  }

  write(id: string, bytes: Readable): Promise<number> {
    return this.bytes.write(id, bytes);
  }

  async save({ createdAt, ...upload }: Upload): Promise<void> {
    await this.db
      .insertInto("uploads")
      .values({ ...upload, created_at: createdAt.getTime() })
      .execute();
  }

  async get(id: string): Promise<Upload | undefined> {
    const row = await this.db.selectFrom("uploads").selectAll().where("id", "=", id).executeTakeFirst();
    return row && toUpload(row);
  }

  openFile(id: string): Promise<LocalFile> {
    return this.bytes.openFile(id);
  }

  async createdBefore(cutoff: Date): Promise<Upload[]> {
    const rows = await this.db.selectFrom("uploads").selectAll().where("created_at", "<", cutoff.getTime()).orderBy("created_at").execute();
    return rows.map(toUpload);
  }

  async delete(id: string): Promise<void> {
    await this.bytes.delete(id);
    await this.db.deleteFrom("uploads").where("id", "=", id).execute();
  }

  deleteUnsavedBefore(cutoff: Date): Promise<number> {
    return this.bytes.deleteUnsavedBefore(cutoff, async (id) => (await this.get(id)) !== undefined);
  }

  async bytesKeptBy(owner: string): Promise<number> {
    const { bytes } = await this.db
      .selectFrom("uploads")
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("size"), eb.lit(0)).as("bytes"))
      .where("owner", "=", owner)
      .executeTakeFirstOrThrow();
    return Number(bytes);
  }
}

const toUpload = ({ created_at, ...row }: ServerTables["uploads"]): Upload => ({ ...row, createdAt: new Date(created_at) });
