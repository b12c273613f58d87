import { createWriteStream } from "node:fs";
import { readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { SqlDatabase } from "@tasklane/pricing";
import { SqlUploadStore, type UploadBytes } from "./sql-upload-store.ts";

/** The bytes in a folder, one file per upload named by its id. */
function folderBytes(dir: string): UploadBytes {
  const file = (id: string) => path.join(dir, id);
  return {
    async write(id, bytes: Readable) {
      try {
        await pipeline(bytes, createWriteStream(file(id), { flags: "wx" }));
        return (await stat(file(id))).size;
      } catch (error) {
        await rm(file(id), { force: true });
        throw error;
      }
    },
    async openFile(id) {
      return { path: file(id), release: async () => {} };
    },
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
  };
}

/** The embedded store: the bytes in a folder, the record in SQLite (the tasks file). */
export class SqliteUploadStore extends SqlUploadStore {
  constructor(db: SqlDatabase, dir: string) {
    super(db, folderBytes(dir));
  }
}
