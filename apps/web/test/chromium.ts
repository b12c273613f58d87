import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { type BrowserContext, chromium } from "playwright-core";
import { afterAll, beforeAll, beforeEach } from "vitest";

/**
 * Debian's real headless Chromium, and the page's production build for the real service to
 * serve, as `pnpm start` does. Each test file builds into a folder of its own, so files that
 * run side by side never write over each other's build.
 */

const CHROMIUM = "/usr/bin/chromium";
const webDir = path.resolve(import.meta.dirname, "..");
/** Screenshots, for a person to look at (gitignored). */
export const artifacts = path.resolve(webDir, "test/artifacts");

export interface Browser {
  /** The persistent context the file's tests open pages in. */
  readonly context: BrowserContext;
  /** The built page, for startService({ webRoot }). */
  readonly dist: string;
}

export interface ChromiumOptions {
  /** The browser's language (navigator.languages), en-US unless given: the page picks its own from it. */
  locale?: string;
}

/** Registers the file's hooks: build and launch before its tests, close and clean up after. */
export function sharedChromium({ locale = "en-US" }: ChromiumOptions = {}): Browser {
  let context: BrowserContext | undefined;
  let workDir: string | undefined;

  // A missing browser is a broken test machine, not a reason to skip (a skip reads as a pass):
  // every test fails with the way to fix it.
  const chromiumMissing = !existsSync(CHROMIUM);
  beforeEach(() => {
    if (chromiumMissing) throw new Error("Chromium is missing: run `apt-get update && apt-get install -y chromium`");
  });

  beforeAll(async () => {
    if (chromiumMissing) return;
    workDir = await mkdtemp(path.join(os.tmpdir(), "tasklane-chromium-"));
    // In its own process so that vitest's NODE_ENV=test does not give React's development build.
    const outDir = path.join(workDir, "dist");
    await promisify(execFile)(
      process.execPath,
      [path.join(webDir, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "warn", "--outDir", outDir, "--emptyOutDir"],
      { cwd: webDir, env: { ...process.env, NODE_ENV: "production" } },
    );
    context = await chromium.launchPersistentContext(path.join(workDir, "profile"), {
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
      viewport: { width: 1280, height: 900 },
      locale,
      timezoneId: "UTC",
    });
    await mkdir(artifacts, { recursive: true });
  });

  afterAll(async () => {
    await context?.close();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  return {
    get context() {
      if (!context) throw new Error("Chromium is not running (see the error of beforeAll)");
      return context;
    },
    get dist() {
      return path.join(workDir!, "dist");
    },
  };
}
