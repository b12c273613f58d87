import { TasklaneFileError } from "./errors.ts";

const NOT_THERE = new Set(["ENOENT", "ENOTDIR"]);

/**
 * Opens a path as a Blob that reads from disk as it is sent, so no file is held in memory.
 * Checked first: fs.openAsBlob's own failure is a bare "TypeError: Unable to open file as
 * blob" that names neither the path nor the reason (issue 13).
 */
export async function openPath(filePath: string): Promise<Blob> {
  // Imported only here, so a browser bundle that never passes a path never needs node:fs.
  const fs = await import(/* @vite-ignore */ "node:fs");
  const found = await fs.promises.stat(filePath).catch((error: NodeJS.ErrnoException) => {
    if (NOT_THERE.has(error.code ?? "")) throw new TasklaneFileError("FILE_NOT_FOUND", filePath, "no such file", { cause: error });
    throw new TasklaneFileError("FILE_UNREADABLE", filePath, error.message, { cause: error });
  });
  if (!found.isFile())
    throw new TasklaneFileError("FILE_UNREADABLE", filePath, found.isDirectory() ? "a folder, not a file" : "not a file");
  try {
    await fs.promises.access(filePath, fs.constants.R_OK);
    return await fs.openAsBlob(filePath);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "EACCES" ? "permission denied" : String((error as Error).message);
    throw new TasklaneFileError("FILE_UNREADABLE", filePath, reason, { cause: error });
  }
}
