import type { Readable } from "node:stream";

export interface Upload {
  id: string;
  owner: string;
  /** The name the file had on the caller's machine; shown to people, never used as a path. */
  filename: string;
  size: number;
  createdAt: Date;
}

/** A file on this machine's disk holding an upload's bytes, for readers that need to seek (zip). */
export interface LocalFile {
  path: string;
  /** Removes the file if it was a copy made for this read; the upload itself stays. */
  release(): Promise<void>;
}

/**
 * Where uploads live: the embedded server keeps the bytes in files beside its SQLite file,
 * the distributed one in PostgreSQL, where every worker reaches them.
 */
export interface UploadStore {
  /**
   * Streams the bytes in as they arrive (never whole in memory) and resolves with their size.
   * On failure nothing is left behind. The upload is not visible until `save`.
   */
  write(id: string, bytes: Readable): Promise<number>;
  /** Records a written upload; from now on `get` finds it. */
  save(upload: Upload): Promise<void>;
  get(id: string): Promise<Upload | undefined>;
  /** The bytes as a local file; call `release` when done with it. */
  openFile(id: string): Promise<LocalFile>;
  /** Uploads made before `cutoff`, oldest first, for the retention sweep. */
  createdBefore(cutoff: Date): Promise<Upload[]>;
  /** Removes the record and the bytes; no error when either is already gone. */
  delete(id: string): Promise<void>;
  /** Removes bytes written but never saved (the process died mid-upload) before `cutoff`. */
  deleteUnsavedBefore(cutoff: Date): Promise<number>;
  /** The size of every saved upload of this owner that retention has not removed yet, in bytes. */
  bytesKeptBy(owner: string): Promise<number>;
}
