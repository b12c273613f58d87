import { z } from "zod";

/** What POST /api/uploads answers; `uploadId` then goes into a stockImport submit. */
export const UploadedSchema = z.object({
  uploadId: z.uuid(),
  filename: z.string(),
  size: z.number().int().nonnegative(),
});
export type Uploaded = z.infer<typeof UploadedSchema>;

/** The multipart field that carries the file. */
export const UPLOAD_FIELD = "file";
