import { PassThrough, type Readable } from "node:stream";
import type { MultipartFile } from "@fastify/multipart";
import { UPLOAD_FIELD } from "@tasklane/contract";
import type { FastifyRequest } from "fastify";

export const NOT_MULTIPART_TEXT = `Send multipart/form-data with the file in a field named '${UPLOAD_FIELD}'`;
export const NO_BOUNDARY_TEXT = "The Content-Type multipart/form-data has no boundary parameter";
export const MALFORMED_TEXT =
  "The multipart body does not follow the boundary its Content-Type names, or it ends before its first part does";
export const TOO_MANY_PARTS_TEXT = `The form has too many parts: send one file, in a field named '${UPLOAD_FIELD}'`;
export const NO_FILE_TEXT = `${UPLOAD_FIELD}: the form holds no file; send it in a field named '${UPLOAD_FIELD}'`;
export const ENDS_EARLY_TEXT = "The body ends before the file does: the upload was cut short";
export const wrongFieldText = (name: string) =>
  `${UPLOAD_FIELD}: the file is in a field named ${JSON.stringify(name.slice(0, 64))}; send it in a field named '${UPLOAD_FIELD}'`;

/** @fastify/multipart's limit errors, by code; every other parse error is busboy's, which has none. */
const LIMIT_CODES = new Set(["FST_PARTS_LIMIT", "FST_FILES_LIMIT", "FST_FIELDS_LIMIT"]);

/** RFC 9110's `; boundary=value`, quoted or not. */
const BOUNDARY = /;\s*boundary=("[^"]+"|[^\s;"]+)/i;

/**
 * The upload's file part, or the text of a 400 that names what is wrong with the body. Whatever
 * request.file() throws came from reading the request's body, so it is the caller's to fix.
 */
export async function uploadPart(request: FastifyRequest): Promise<{ part: MultipartFile } | { refusal: string }> {
  if (!request.isMultipart()) return { refusal: NOT_MULTIPART_TEXT };
  if (!BOUNDARY.test(request.headers["content-type"] ?? "")) return { refusal: NO_BOUNDARY_TEXT };
  let part: MultipartFile | undefined;
  try {
    part = await request.file();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return { refusal: typeof code === "string" && LIMIT_CODES.has(code) ? TOO_MANY_PARTS_TEXT : MALFORMED_TEXT };
  }
  if (!part) return { refusal: NO_FILE_TEXT };
  if (part.fieldname !== UPLOAD_FIELD) {
    part.file.resume();
    return { refusal: wrongFieldText(part.fieldname) };
  }
  return { part };
}

/**
 * Hands the file's bytes to `write`, telling a body that broke off (the parser fails the file
 * stream) from a failure of the store, which goes on as it is. The store sees a stream of its
 * own: on its failure it destroys that one, so the file stream's state says only what the body did.
 */
export async function writeFile<T>(
  part: MultipartFile,
  write: (bytes: Readable) => Promise<T>,
): Promise<{ written: T } | { refusal: string }> {
  const bytes = new PassThrough();
  let bodyBroke = false;
  part.file.once("error", (error) => {
    bodyBroke = true;
    bytes.destroy(error);
  });
  // The store reads the failure from the stream it consumes; until it listens (the per-caller
  // check awaits the database first), an error on `bytes` with no listener would end the process.
  bytes.on("error", () => undefined);
  part.file.pipe(bytes);
  try {
    return { written: await write(bytes) };
  } catch (error) {
    if (bodyBroke) return { refusal: ENDS_EARLY_TEXT };
    // Whatever the store left unread must not hold the request open.
    part.file.unpipe(bytes);
    part.file.resume();
    throw error;
  }
}
