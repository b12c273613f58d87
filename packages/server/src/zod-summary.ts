import type { z } from "zod";

/** "supplier: must not be empty; kind: Invalid option..." — each wrong field named, for a person. */
export function summarizeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.map(String).join(".");
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join("; ");
}
