import { writeFile } from "node:fs/promises";

/**
 * Each benchmark prints a summary for a person and, when run-all.ts passes RESULT_FILE, writes its
 * figures there as JSON for docs/benchmarks.md.
 */
export async function saveResult(result: unknown): Promise<void> {
  const file = process.env.RESULT_FILE;
  if (file) await writeFile(file, JSON.stringify(result, null, 2));
  else console.log(JSON.stringify(result, null, 2));
}
