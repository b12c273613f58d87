import { createWriteStream } from "node:fs";
import { readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Database, Statement } from "better-sqlite3";
import { type LocalFile, UPLOAD_COLUMNS, type Upload, type UploadRow as Row, type UploadStore, toUpload } from "./upload-store.ts";


/** The embedded store: the bytes in a folder, one file per upload named by its id; the record in SQLite. */
export class SqliteUploadStore implements UploadStore {
  readonly #insert: Statement;
  readonly #get: Statement<[string], Row>;
  readonly #before: Statement<[number], Row>;
  readonly #delete: Statement<[string]>;
  readonly #bytesOf: Statement<[string], { bytes: number }>;

  /** The `uploads` table comes with the task store's migrations. */
  constructor(
    db: Database,
    private readonly dir: string,
  ) {
    this.#insert = db.prepare(
      "INSERT INTO uploads (id, owner, filename, size, path, created_at) VALUES (@id, @owner, @filename, @size, @path, @createdAt)",
    );
    this.#get = db.prepare(`SELECT ${UPLOAD_COLUMNS} FROM uploads WHERE id = ?`);
    this.#before = db.prepare(`SELECT ${UPLOAD_COLUMNS} FROM uploads WHERE created_at < ? ORDER BY created_at`);
    this.#delete = db.prepare("DELETE FROM uploads WHERE id = ?");
    this.#bytesOf = db.prepare("SELECT coalesce(sum(size), 0) AS bytes FROM uploads WHERE owner = ?");
  }

  #path(id: string): string {
    return path.join(this.dir, id);
  }

  async write(id: string, bytes: Readable): Promise<number> {
    try {
      await pipeline(bytes, createWriteStream(this.#path(id), { flags: "wx" }));
      return (await stat(this.#path(id))).size;
    } catch (error) {
      await rm(this.#path(id), { force: true });
      throw error;
    }
  }

  async save(upload: Upload): Promise<void> {
    this.#insert.run({ ...upload, path: this.#path(upload.id), createdAt: upload.createdAt.getTime() });
  }

  async get(id: string): Promise<Upload | undefined> {
    const row = this.#get.get(id);
    return row && toUpload(row);
  }

  async openFile(id: string): Promise<LocalFile> {
    return { path: this.#path(id), release: async () => {} };
  }

  async createdBefore(cutoff: Date): Promise<Upload[]> {
    return this.#before.all(cutoff.getTime()).map(toUpload);
  }

  async delete(id: string): Promise<void> {
    await rm(this.#path(id), { force: true });
    this.#delete.run(id);
  }

  async bytesKeptBy(owner: string): Promise<number> {
    return this.#bytesOf.get(owner)!.bytes;
  }

  /** Files of uploads whose process died before saving them. */
  async deleteUnsavedBefore(cutoff: Date): Promise<number> {
    let removed = 0;
    for (const name of await readdir(this.dir)) {
      const file = this.#path(name);
      if (this.#get.get(name) || (await stat(file)).mtime >= cutoff) continue;
      await rm(file, { force: true });
      removed++;
    }
    return removed;
  }
}
