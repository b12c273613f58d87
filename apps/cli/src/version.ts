import { readFileSync } from "node:fs";

/** The version of this package, for `tasklane --version`. */
export function version(): string {
  const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
  return `tasklane ${manifest.version}`;
}
