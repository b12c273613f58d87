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

  /** The `uploads` table comes with the task store's migrations. */
  constructor(db: Database) {
    this.#insert = db.prepare(
      "INSERT INTO uploads (id, owner, filename, size, path, created_at) VALUES (@id, @owner, @filename, @size, @path, @createdAt)",
    );
    this.#get = db.prepare("SELECT * FROM uploads WHERE id = ?");
  }

  async save(upload: Upload): Promise<void> {
    this.#insert.run({ ...upload, createdAt: upload.createdAt.getTime() });
  }

  async get(id: string): Promise<Upload | undefined> {
    const row = this.#get.get(id);
    return row && { ...row, createdAt: new Date(row.created_at) };
  }
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
}
