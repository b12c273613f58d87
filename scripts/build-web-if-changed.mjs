// Builds the web page (apps/web/dist) only when what goes into it changed since the last build,
// so `pnpm start` after a crash is up in seconds rather than after a full vite build. What goes
// in: the page's own sources and config, and the workspace packages it bundles.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const web = path.join(root, "apps/web");
const dist = path.join(web, "dist");
const stamp = path.join(dist, ".sources-hash");
const INPUTS = ["apps/web/src", "apps/web/index.html", "apps/web/vite.config.ts", "apps/web/package.json", "packages/contract/src", "packages/client/src"];

function files(entry) {
  const full = path.join(root, entry);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [entry];
  return readdirSync(full).sort().flatMap((name) => files(path.join(entry, name)));
}

const hash = createHash("sha256");
for (const file of INPUTS.flatMap(files)) hash.update(file).update("\0").update(readFileSync(path.join(root, file))).update("\0");
const sources = hash.digest("hex");

if (existsSync(path.join(dist, "index.html")) && existsSync(stamp) && readFileSync(stamp, "utf8") === sources) {
  console.log("web page: up to date (apps/web/dist), not rebuilt");
} else {
  execFileSync("pnpm", ["--filter", "@tasklane/web", "build"], { cwd: root, stdio: "inherit" });
  writeFileSync(stamp, sources);
}
