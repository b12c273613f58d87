// Builds a part of the workspace only when what goes into it changed since its last build:
//   node scripts/build-if-changed.mjs web   the page (apps/web/dist), so `pnpm start` after a
//                                           crash is up in seconds rather than after a vite build
//   node scripts/build-if-changed.mjs cli   the command (apps/cli/dist/main.js), so `pnpm tasklane`
//                                           and the CLI's tests never run a bundle older than the sources
// What goes in: the part's own sources and config, and the workspace packages it bundles. The
// CLI's is silent, its build's lines on stderr: `pnpm tasklane ... --json` keeps stdout for its answer.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const TARGETS = {
  web: {
    package: "@tasklane/web",
    built: "apps/web/dist/index.html",
    inputs: [
      "apps/web/src",
      "apps/web/index.html",
      "apps/web/vite.config.ts",
      "apps/web/precompress.ts",
      "apps/web/package.json",
      "packages/contract/src",
      "packages/client/src",
    ],
    quiet: false,
  },
  cli: {
    package: "@tasklane/cli",
    built: "apps/cli/dist/main.js",
    inputs: [
      "apps/cli/src",
      "apps/cli/tsup.config.ts",
      "apps/cli/package.json",
      "packages/client/src",
      "packages/client/package.json",
      "packages/contract/src",
    ],
    quiet: true,
  },
};

const name = process.argv[2];
const target = TARGETS[name];
if (!target) {
  console.error(`usage: node scripts/build-if-changed.mjs ${Object.keys(TARGETS).join("|")}`);
  process.exit(2);
}
const root = path.resolve(import.meta.dirname, "..");
const built = path.join(root, target.built);
const stamp = path.join(path.dirname(built), ".sources-hash");

function files(entry) {
  const full = path.join(root, entry);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [entry];
  return readdirSync(full)
    .sort()
    .flatMap((child) => files(path.join(entry, child)));
}

const hash = createHash("sha256");
for (const file of target.inputs.flatMap(files))
  hash
    .update(file)
    .update("\0")
    .update(readFileSync(path.join(root, file)))
    .update("\0");
const sources = hash.digest("hex");

if (existsSync(built) && existsSync(stamp) && readFileSync(stamp, "utf8") === sources) {
  if (!target.quiet) console.log(`${name}: up to date (${path.relative(root, path.dirname(built))}), not rebuilt`);
} else {
  execFileSync("pnpm", ["--filter", target.package, "build"], { cwd: root, stdio: target.quiet ? ["ignore", 2, 2] : "inherit" });
  writeFileSync(stamp, sources);
}
