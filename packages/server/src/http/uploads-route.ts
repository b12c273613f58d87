import { randomUUID } from "node:crypto";
import multipart from "@fastify/multipart";
import type { Uploaded } from "@tasklane/contract";
import type { FastifyInstance } from "fastify";
import { type AccessControl, UNAUTHORIZED_TEXT } from "../access.ts";
import { UploadBytesLimitError } from "../uploads/upload-limit.ts";
import type { UploadStore } from "../uploads/upload-store.ts";
import { replyError } from "./json-error.ts";
import { uploadPart, writeFile } from "./upload-part.ts";

export interface UploadRouteDeps {
  access: AccessControl;
  uploads: UploadStore;
  maxBytes: number;
  /** Upload bytes one caller may keep at once. */
  maxBytesPerCaller: number;
  now: () => Date;
}

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/**
 * POST /api/uploads (multipart/form-data, field `file`): the body is streamed to the upload store
 * as it arrives and cut off at the size limit, so no file is ever held whole in memory.
 */
export function registerUploadRoute(server: FastifyInstance, deps: UploadRouteDeps) {
  const tooLarge = `The file is larger than the upload limit of ${megabytes(deps.maxBytes)}`;
  // In its own scope, so the multipart parser touches no other route.
  void server.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: deps.maxBytes, files: 1, fields: 10, fieldSize: 1024, parts: 11 },
      throwFileSizeLimit: false,
    });
    scope.post("/api/uploads", async (request, reply) => {
      const owner = deps.access.callerOf(request.headers.authorization);
      if (owner === null) return replyError(reply, "UNAUTHORIZED", UNAUTHORIZED_TEXT);
      // Refuse a declared oversize body before reading it; multipart framing adds a little.
      if (Number(request.headers["content-length"]) > deps.maxBytes + 64 * 1024) {
        return replyError(reply, "PAYLOAD_TOO_LARGE", tooLarge);
      }
      const found = await uploadPart(request);
      if ("refusal" in found) return replyError(reply, "BAD_REQUEST", found.refusal);
      const { part } = found;
      const id = randomUUID();
      try {
        // Asked once writeFile listens to the file's stream: a body that ends early while the
        // database answers must still be told apart (awaited before, it went unheard).
        const outcome = await writeFile(part, async (bytes) => {
          if ((await deps.uploads.bytesKeptBy(owner)) >= deps.maxBytesPerCaller) throw new UploadBytesLimitError(deps.maxBytesPerCaller);
          return deps.uploads.write(id, bytes);
        });
        if ("refusal" in outcome) {
          await deps.uploads.delete(id);
          return replyError(reply, "BAD_REQUEST", outcome.refusal);
        }
        if (part.file.truncated) {
          await deps.uploads.delete(id);
          return replyError(reply, "PAYLOAD_TOO_LARGE", tooLarge);
        }
        const filename = part.filename.slice(0, 255);
        const size = outcome.written;
        await deps.uploads.save({ id, owner, filename, size, createdAt: deps.now() });
        return reply.code(201).send({ uploadId: id, filename, size } satisfies Uploaded);
      } catch (error) {
        await deps.uploads.delete(id);
        if (error instanceof UploadBytesLimitError) return replyError(reply, "TOO_MANY_REQUESTS", error.message);
        throw error;
      }
    });
  });
}
