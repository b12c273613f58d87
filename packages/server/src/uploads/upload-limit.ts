import { CallerLimitError } from "../tasks/errors.ts";

const size = (bytes: number) =>
  bytes >= 1024 ** 3 ? `${Math.round((bytes / 1024 ** 3) * 10) / 10} GiB` : `${Math.round((bytes / 1024 ** 2) * 10) / 10} MiB`;

/**
 * The caller's kept uploads (UploadStore.bytesKeptBy) reached the per-caller bound: one caller
 * must not fill the disk (or PostgreSQL) the others upload to. The API answers 429.
 */
export class UploadBytesLimitError extends CallerLimitError {
  override readonly name = "UploadBytesLimitError";
  constructor(readonly limit: number) {
    super(`You have ${size(limit)} of uploads kept, the most one caller may keep; wait for older ones to be removed before uploading more`);
  }
}
