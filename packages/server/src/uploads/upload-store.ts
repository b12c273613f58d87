import type { Database, Statement } from "better-sqlite3";

export interface Upload {
  id: string;
  owner: string;
  /** The name the file had on the caller's machine; shown to people, never used as a path. */
  filename: string;
  size: number;
  /** Where the bytes are on this server's disk. */
  path: string;
  createdAt: Date;
}

/** Where uploads are recorded; the bytes themselves are files in the data directory. */
export interface UploadStore {
  save(upload: Upload): Promise<void>;
  get(id: string): Promise<Upload | undefined>;
  /** Uploads made before `cutoff`, oldest first, for the retention sweep. */
  createdBefore(cutoff: Date): Promise<Upload[]>;
  delete(id: string): Promise<void>;
}

interface Row {
  id: string;
  owner: string;
  filename: string;
  size: number;
  path: string;
  created_at: number;
}

export class SqliteUploadStore implements UploadStore {
  readonly #insert: Statement;
  readonly #get: Statement<[string], Row>;
  readonly #before: Statement<[number], Row>;
  readonly #delete: Statement<[string]>;

  /** The `uploads` table comes with the task store's migrations. */
  constructor(db: Database) {
    this.#insert = db.prepare(
      "INSERT INTO uploads (id, owner, filename, size, path, created_at) VALUES (@id, @owner, @filename, @size, @path, @createdAt)",
    );
    this.#get = db.prepare("SELECT * FROM uploads WHERE id = ?");
    this.#before = db.prepare("SELECT * FROM uploads WHERE created_at < ? ORDER BY created_at");
    this.#delete = db.prepare("DELETE FROM uploads WHERE id = ?");
  }

  async save(upload: Upload): Promise<void> {
    this.#insert.run({ ...upload, createdAt: upload.createdAt.getTime() });
  }

  async get(id: string): Promise<Upload | undefined> {
    const row = this.#get.get(id);
    return row && toUpload(row);
  }

  async createdBefore(cutoff: Date): Promise<Upload[]> {
    return this.#before.all(cutoff.getTime()).map(toUpload);
  }

  async delete(id: string): Promise<void> {
    this.#delete.run(id);
  }
}

function toUpload({ created_at, ...row }: Row): Upload {
  return { ...row, createdAt: new Date(created_at) };
}

/** For a service without a database (tests of the HTTP layer). */
export class MemoryUploadStore implements UploadStore {
  readonly #byId = new Map<string, Upload>();
  async save(upload: Upload): Promise<void> {
    this.#byId.set(upload.id, upload);
  }
  async get(id: string): Promise<Upload | undefined> {
    return this.#byId.get(id);
  }
  async createdBefore(cutoff: Date): Promise<Upload[]> {
    return [...this.#byId.values()].filter((u) => u.createdAt < cutoff);
  }
  async delete(id: string): Promise<void> {
    this.#byId.delete(id);
  }
}
