import { stat } from "node:fs/promises";
import path from "node:path";
import { usageError } from "./cli-error.ts";

/**
 * `pnpm tasklane` runs in the workspace root whatever folder it was typed in; pnpm keeps that
 * folder in INIT_CWD. Only for that script: inside another package's script, INIT_CWD is not
 * the folder the script's own paths are relative to.
 */
export function userPath(file: string, env: NodeJS.ProcessEnv): string {
  const base = env.npm_lifecycle_event === "tasklane" && env.INIT_CWD ? env.INIT_CWD : process.cwd();
  return path.resolve(base, file);
}

/** Checked before the upload, so a wrong path is a usage error naming it rather than an fs error. */
export async function mustBeFile(file: string, command: string): Promise<void> {
  const found = await stat(file).catch(() => null);
  if (!found) throw usageError(`cannot read ${file}: no such file`, command);
  if (!found.isFile()) throw usageError(`cannot read ${file}: not a file`, command);
}
