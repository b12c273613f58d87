// Builds the command (dist/main.js) when what goes into it changed since the last build, so
// `pnpm tasklane` and the CLI's tests never run a bundle older than the sources. Silent when up
// to date: `pnpm tasklane ... --json` keeps stdout for its answer. What goes in: the CLI's own
// sources and config, and the workspace packages it bundles.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../../..");
const cli = path.join(root, "apps/cli");
const stamp = path.join(cli, "dist/.sources-hash");
const INPUTS = ["apps/cli/src", "apps/cli/tsup.config.ts", "apps/cli/package.json", "packages/client/src", "packages/contract/src"];

function files(entry) {
  const full = path.join(root, entry);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [entry];
  return readdirSync(full).sort().flatMap((name) => files(path.join(entry, name)));
}

const hash = createHash("sha256");
for (const file of INPUTS.flatMap(files)) hash.update(file).update("\0").update(readFileSync(path.join(root, file))).update("\0");
const sources = hash.digest("hex");

const upToDate = existsSync(path.join(cli, "dist/main.js")) && existsSync(stamp) && readFileSync(stamp, "utf8") === sources;
if (!upToDate) {
  // tsup's own lines go to stderr too, for the same reason.
  execFileSync("pnpm", ["--filter", "@tasklane/cli", "build"], { cwd: root, stdio: ["ignore", 2, 2] });
  writeFileSync(stamp, sources);
}
