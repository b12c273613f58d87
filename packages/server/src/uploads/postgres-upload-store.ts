import { randomUUID } from "node:crypto";
import { mkdir, open, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import type { Pool } from "pg";
import { type LocalFile, UPLOAD_COLUMNS, type Upload, type UploadRow as Row, type UploadStore, toUpload } from "./upload-store.ts";

/** Bytes per stored chunk: big enough that a 50 MB file is 50 rows, small enough to hold one in memory. */
const CHUNK_BYTES = 1024 * 1024;


/**
 * The distributed store: bytes in PostgreSQL in 1 MiB chunks, so every worker reads what any
 * API node received. The pool must parse int8 as numbers (createPostgresPool does).
 */
export class PostgresUploadStore implements UploadStore {
  readonly #tempDir = path.join(os.tmpdir(), "tasklane-uploads");

  constructor(
    private readonly pool: Pool,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async write(id: string, bytes: Readable): Promise<number> {
    let size = 0;
    let seq = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const flush = async () => {
      if (pendingBytes === 0) return;
      const data = Buffer.concat(pending, pendingBytes);
      pending = [];
      pendingBytes = 0;
      await this.pool.query("INSERT INTO upload_chunks (upload_id, seq, data, created_at) VALUES ($1, $2, $3, $4)", [
        id,
        seq++,
        data,
        this.now().getTime(),
      ]);
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
      await this.pool.query("DELETE FROM upload_chunks WHERE upload_id = $1", [id]).catch(() => {});
      throw error;
    }
  }

  async save(upload: Upload): Promise<void> {
    await this.pool.query("INSERT INTO uploads (id, owner, filename, size, created_at) VALUES ($1, $2, $3, $4, $5)", [
      upload.id,
      upload.owner,
      upload.filename,
      upload.size,
      upload.createdAt.getTime(),
    ]);
  }

  async get(id: string): Promise<Upload | undefined> {
    const { rows } = await this.pool.query<Row>(`SELECT ${UPLOAD_COLUMNS} FROM uploads WHERE id = $1`, [id]);
    return rows[0] && toUpload(rows[0]);
  }

  /** Copies the chunks to a temp file one at a time: the zip reader needs to seek, memory stays at one chunk. */
  async openFile(id: string): Promise<LocalFile> {
    await mkdir(this.#tempDir, { recursive: true });
    const file = path.join(this.#tempDir, `${id}-${randomUUID()}`);
    try {
      const handle = await open(file, "wx");
      try {
        for (let seq = 0; ; seq++) {
          const { rows } = await this.pool.query<{ data: Buffer }>(
            "SELECT data FROM upload_chunks WHERE upload_id = $1 AND seq = $2",
            [id, seq],
          );
          if (!rows[0]) break;
          await handle.write(rows[0].data);
        }
      } finally {
        await handle.close();
      }
    } catch (error) {
      await rm(file, { force: true });
      throw error;
    }
    return { path: file, release: () => rm(file, { force: true }) };
  }

  async createdBefore(cutoff: Date): Promise<Upload[]> {
    const { rows } = await this.pool.query<Row>(
      `SELECT ${UPLOAD_COLUMNS} FROM uploads WHERE created_at < $1 ORDER BY created_at`,
      [cutoff.getTime()],
    );
    return rows.map(toUpload);
  }

  async delete(id: string): Promise<void> {
    await this.pool.query("DELETE FROM upload_chunks WHERE upload_id = $1", [id]);
    await this.pool.query("DELETE FROM uploads WHERE id = $1", [id]);
  }

  async bytesKeptBy(owner: string): Promise<number> {
    const { rows } = await this.pool.query<{ bytes: number }>(
      "SELECT coalesce(sum(size), 0)::bigint AS bytes FROM uploads WHERE owner = $1",
      [owner],
    );
    return rows[0]!.bytes;
  }

  /** Chunks of uploads whose node died before saving them. */
  async deleteUnsavedBefore(cutoff: Date): Promise<number> {
    const { rowCount } = await this.pool.query(
      `DELETE FROM upload_chunks c WHERE c.created_at < $1
         AND NOT EXISTS (SELECT 1 FROM uploads u WHERE u.id = c.upload_id)`,
      [cutoff.getTime()],
    );
    return rowCount ?? 0;
  }
}
