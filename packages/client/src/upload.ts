import { UPLOAD_FIELD, type Uploaded, UploadedSchema } from "@tasklane/contract";
import { TasklaneRequestError } from "./errors.ts";
import { openPath } from "./open-path.ts";
import { answeredCode, answeredReason } from "./request-error.ts";

/** A file to upload: a path on disk (Node) or a Blob / File (browser or Node). */
export type UploadSource = string | Blob;

function nameOf(file: UploadSource): string {
  if (typeof file === "string") return file.split(/[\\/]/).pop() || "upload";
  return "name" in file && typeof file.name === "string" && file.name ? file.name : "upload";
}

interface UploadTarget {
  base: string;
  headers: () => Record<string, string>;
  fetch: typeof fetch;
}

/**
 * POST /api/uploads; the answer's uploadId goes into a stockImport submit. A path that names no
 * readable file rejects with TasklaneFileError before anything is sent.
 */
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
    throw new TasklaneRequestError(`Could not reach the tasklane service at ${target.base}: ${String(error)}`, "UNREACHABLE", undefined, {
      cause: error,
    });
  }
  const body = (await response.json().catch(() => null)) as { error?: { code?: unknown; message?: string; reason?: unknown } } | null;
  if (!response.ok) {
    const message = body?.error?.message ?? `The upload failed with HTTP ${response.status}`;
    throw new TasklaneRequestError(message, answeredCode(body?.error?.code, response.status), response.status, {
      reason: answeredReason(body?.error?.reason),
    });
  }
  return UploadedSchema.parse(body);
}
