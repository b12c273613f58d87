import { randomUUID } from "node:crypto";
import { mkdir, open, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import type { SqlDatabase } from "@tasklane/pricing";
import type { Kysely } from "kysely";
import type { ServerTables } from "../stores/schema.ts";
import { SqlUploadStore, type UploadBytes } from "./sql-upload-store.ts";

/** Bytes per stored chunk: big enough that a 50 MB file is 50 rows, small enough to hold one in memory. */
const CHUNK_BYTES = 1024 * 1024;

const TEMP_DIR = path.join(os.tmpdir(), "tasklane-uploads");

/** The bytes in the upload_chunks table, where every worker reads what any API node received. */
function chunkBytes(db: Kysely<ServerTables>, now: () => Date): UploadBytes {
  const deleteChunks = (id: string) => db.deleteFrom("upload_chunks").where("upload_id", "=", id).execute();
  return {
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
  };
}

/** The distributed store: records and bytes in PostgreSQL, which every node reaches. */
export class PostgresUploadStore extends SqlUploadStore {
  constructor(db: SqlDatabase, now: () => Date = () => new Date()) {
    super(db, chunkBytes(db.kysely as Kysely<ServerTables>, now));
  }
}
