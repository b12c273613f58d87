import path from "node:path";

/**
 * `pnpm tasklane` runs in the workspace root whatever folder it was typed in; pnpm keeps that
 * folder in INIT_CWD. Only for that script: inside another package's script, INIT_CWD is not
 * the folder the script's own paths are relative to.
 */
export function userPath(file: string, env: NodeJS.ProcessEnv): string {
  const base = env.npm_lifecycle_event === "tasklane" && env.INIT_CWD ? env.INIT_CWD : process.cwd();
  return path.resolve(base, file);
}
