import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, open, readdir, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { SqlDatabase } from "@tasklane/pricing";
import type { Kysely } from "kysely";
import type { ServerTables } from "../stores/schema.ts";
import type { Upload, UploadStore } from "./upload-store.ts";

/** Where an upload's bytes live: files in a folder (SQLite) or chunks in PostgreSQL. */
interface UploadBytes extends Pick<UploadStore, "write" | "openFile"> {
  /** Removes the bytes; no error when they are already gone. */
  delete(id: string): Promise<void>;
  /** As UploadStore's, told which uploads were saved; returns how many uploads' bytes it removed. */
  deleteUnsavedBefore(cutoff: Date, isSaved: (id: string) => Promise<boolean>): Promise<number>;
}

/** The records of uploads in the `uploads` table (schema.ts), on either engine; the bytes in `bytes`. */
class SqlUploadStore implements UploadStore {
  readonly #db: Kysely<ServerTables>;
  readonly write: UploadStore["write"];
  readonly openFile: UploadStore["openFile"];

  constructor(
    db: SqlDatabase,
    private readonly bytes: UploadBytes,
  ) {
    this.#db = db.kysely as Kysely<ServerTables>;
    this.write = (id, stream) => bytes.write(id, stream);
    this.openFile = (id) => bytes.openFile(id);
  }

  async save({ createdAt, ...upload }: Upload): Promise<void> {
    await this.#db
      .insertInto("uploads")
      .values({ ...upload, created_at: createdAt.getTime() })
      .execute();
  }

  async get(id: string): Promise<Upload | undefined> {
    const row = await this.#db.selectFrom("uploads").selectAll().where("id", "=", id).executeTakeFirst();
    return row && toUpload(row);
  }

  async createdBefore(cutoff: Date): Promise<Upload[]> {
    const rows = await this.#db
      .selectFrom("uploads")
      .selectAll()
      .where("created_at", "<", cutoff.getTime())
      .orderBy("created_at")
      .execute();
    return rows.map(toUpload);
  }

  async delete(id: string): Promise<void> {
    await this.bytes.delete(id);
    await this.#db.deleteFrom("uploads").where("id", "=", id).execute();
  }

  deleteUnsavedBefore(cutoff: Date): Promise<number> {
    return this.bytes.deleteUnsavedBefore(cutoff, async (id) => (await this.get(id)) !== undefined);
  }

  async bytesKeptBy(owner: string): Promise<number> {
    const { bytes } = await this.#db
      .selectFrom("uploads")
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("size"), eb.lit(0)).as("bytes"))
      .where("owner", "=", owner)
      .executeTakeFirstOrThrow();
    return Number(bytes);
  }
}

const toUpload = ({ created_at, ...row }: ServerTables["uploads"]): Upload => ({ ...row, createdAt: new Date(created_at) });

/** The embedded store: the record in SQLite (the tasks file), the bytes in a folder, one file per upload named by its id. */
export class SqliteUploadStore extends SqlUploadStore {
  constructor(db: SqlDatabase, dir: string) {
    const file = (id: string) => path.join(dir, id);
    super(db, {
      async write(id, bytes) {
        try {
          await pipeline(bytes, createWriteStream(file(id), { flags: "wx" }));
          return (await stat(file(id))).size;
        } catch (error) {
          await rm(file(id), { force: true });
          throw error;
        }
      },
      openFile: async (id) => ({ path: file(id), release: async () => {} }),
      delete: (id) => rm(file(id), { force: true }),
      async deleteUnsavedBefore(cutoff, isSaved) {
        let removed = 0;
        for (const name of await readdir(dir)) {
          if ((await isSaved(name)) || (await stat(file(name))).mtime >= cutoff) continue;
          await rm(file(name), { force: true });
          removed++;
        }
        return removed;
      },
    });
  }
}

/** Bytes per stored chunk: big enough that a 50 MB file is 50 rows, small enough to hold one in memory. */
const CHUNK_BYTES = 1024 * 1024;

const TEMP_DIR = path.join(os.tmpdir(), "tasklane-uploads");

/** The distributed store: records and bytes (in upload_chunks) in PostgreSQL, where every worker reads what any API node received. */
export class PostgresUploadStore extends SqlUploadStore {
  constructor(database: SqlDatabase, now: () => Date = () => new Date()) {
    const db = database.kysely as Kysely<ServerTables>;
    const deleteChunks = (id: string) => db.deleteFrom("upload_chunks").where("upload_id", "=", id).execute();
    super(database, {
      async write(id, bytes: Readable) {
        let size = 0;
        let seq = 0;
        let pending: Buffer[] = [];
        let pendingBytes = 0;
        const flush = async () => {
          if (pendingBytes === 0) return;
          const data = Buffer.concat(pending, pendingBytes);
          pending = [];
          pendingBytes = 0;
          await db.insertInto("upload_chunks").values({ upload_id: id, seq: seq++, data, created_at: now().getTime() }).execute();
        };
        try {
          for await (const chunk of bytes as AsyncIterable<Buffer>) {
            pending.push(chunk);
            pendingBytes += chunk.length;
            size += chunk.length;
            if (pendingBytes >= CHUNK_BYTES) await flush();
          }
          await flush();
          return size;
        } catch (error) {
          await deleteChunks(id).catch(() => {});
          throw error;
        }
      },
      /** Copies the chunks to a temp file one at a time: the zip reader needs to seek, memory stays at one chunk. */
      async openFile(id) {
        await mkdir(TEMP_DIR, { recursive: true });
        const file = path.join(TEMP_DIR, `${id}-${randomUUID()}`);
        try {
          const handle = await open(file, "wx");
          try {
            for (let seq = 0; ; seq++) {
              const row = await db
                .selectFrom("upload_chunks")
                .select("data")
                .where("upload_id", "=", id)
                .where("seq", "=", seq)
                .executeTakeFirst();
              if (!row) break;
              await handle.write(row.data);
            }
          } finally {
            await handle.close();
          }
        } catch (error) {
          await rm(file, { force: true });
          throw error;
        }
        return { path: file, release: () => rm(file, { force: true }) };
      },
      delete: async (id) => void (await deleteChunks(id)),
      /** Chunks of uploads whose node died before saving them. */
      async deleteUnsavedBefore(cutoff) {
        const result = await db
          .deleteFrom("upload_chunks")
          .where("created_at", "<", cutoff.getTime())
          .where((eb) => eb.not(eb.exists(eb.selectFrom("uploads").select("id").whereRef("uploads.id", "=", "upload_chunks.upload_id"))))
          .executeTakeFirst();
        return Number(result.numDeletedRows);
      },
    });
  }
}
