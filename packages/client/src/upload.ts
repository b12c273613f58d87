import { UPLOAD_FIELD, type Uploaded, UploadedSchema } from "@tasklane/contract";
import { TasklaneRequestError } from "./errors.ts";

/** A file to upload: a path on disk (Node) or a Blob / File (browser or Node). */
export type UploadSource = string | Blob;

/** Opens a path as a Blob that reads from disk as it is sent, so no file is held in memory. */
async function openPath(filePath: string): Promise<Blob> {
  // Imported only here, so a browser bundle that never passes a path never needs node:fs.
  const fs = await import(/* @vite-ignore */ "node:fs");
  return fs.openAsBlob(filePath);
}

function nameOf(file: UploadSource): string {
  if (typeof file === "string") return file.split(/[\\/]/).pop() || "upload";
  return "name" in file && typeof file.name === "string" && file.name ? file.name : "upload";
}

interface UploadTarget {
  base: string;
  headers: () => Record<string, string>;
  fetch: typeof fetch;
}

/** POST /api/uploads; the answer's uploadId goes into a stockImport submit. */
export async function uploadFile(
  target: UploadTarget,
  file: UploadSource,
  options: { filename?: string; signal?: AbortSignal } = {},
): Promise<Uploaded> {
  const form = new FormData();
  const blob = typeof file === "string" ? await openPath(file) : file;
  form.append(UPLOAD_FIELD, blob, options.filename ?? nameOf(file));
  let response: Response;
  try {
    response = await target.fetch(`${target.base}/api/uploads`, {
      method: "POST",
      body: form,
      headers: target.headers(),
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new TasklaneRequestError(`Could not reach the tasklane service at ${target.base}: ${String(error)}`, "UNREACHABLE", undefined, null, {
      cause: error,
    });
  }
  const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
  if (!response.ok) {
    const code = body?.error?.code ?? `HTTP_${response.status}`;
    throw new TasklaneRequestError(body?.error?.message ?? `The upload failed with HTTP ${response.status}`, code, response.status);
  }
  return UploadedSchema.parse(body);
}
