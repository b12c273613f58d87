import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { plainLine, progressView } from "../src/output/progress.ts";
import { CLEAR_LINE, renderBar } from "../src/output/progress-bar.ts";
import { BIN, twoStepService } from "./cli-process.ts";

const running = (progress: number, message: string) => ({ status: "running" as const, progress, message });

describe("the terminal progress bar", () => {
  it("draws the bar, the percentage and the message", () => {
    expect(renderBar(running(45, "Reading rows: 40,000"), 80)).toBe("[#########-----------]  45%  Reading rows: 40,000");
    expect(renderBar(running(0, ""), 80)).toBe("[--------------------]   0%  running");
    expect(renderBar({ status: "completed", progress: 100, message: "Saved 10 rows" }, 80)).toBe(
      "[####################] 100%  Saved 10 rows",
    );
  });

  it("never reaches the last column, so the terminal does not wrap the line", () => {
    const message = "Reading rows of a very long supplier file name that goes on and on: 40,000";
    for (const columns of [20, 45, 60, 80]) expect(renderBar(running(45, message), columns).length).toBe(columns - 1);
    // A narrow terminal gets a shorter bar (10 wide at the least) and a cut message.
    expect(renderBar(running(45, message), 45)).toBe("[####------]  45%  Reading rows of a very lo");
  });

  it("redraws one line with \\r and clear-line, and ends it before anything else is printed", () => {
    let written = "";
    const stream = { isTTY: true, columns: 60, write: (s: string) => ((written += s), true) } as unknown as NodeJS.WriteStream;
    const view = progressView(stream);
    view.show({ ...running(10, "Reading file"), id: "x" } as never);
    view.show({ ...running(50, "Saving 4 rows"), id: "x" } as never);
    view.end();
    expect(written).toBe(`${CLEAR_LINE}[##------------------]  10%  Reading file${CLEAR_LINE}[##########----------]  50%  Saving 4 rows\n`);
  });
});

describe("the plain progress lines", () => {
  it("print status, percentage and message, once per change", () => {
    expect(plainLine(running(45, "Reading rows: 40,000"))).toBe("running 45% Reading rows: 40,000");
    let written = "";
    const stream = { isTTY: false, write: (s: string) => ((written += s), true) } as unknown as NodeJS.WriteStream;
    const view = progressView(stream);
    for (const state of [running(10, "A"), running(10, "A"), running(10, "B"), running(20, "B"), running(20, "B")])
      view.show(state as never);
    expect(written).toBe("running 10% A\nrunning 10% B\nrunning 20% B\n");
  });
});

/** util-linux `script` is on Debian and most Linux machines; without it the terminal run is skipped. */
const hasScript = spawnSync("script", ["--version"]).status === 0;

describe.skipIf(!hasScript)("under a real terminal (util-linux script gives the command a pseudo-terminal)", () => {
  it("tasklane recalculate --wait redraws the bar in place, then prints the summary", async () => {
    const { url } = await twoStepService();
    const command = `'${process.execPath}' '${BIN}' recalculate --wait`;
    const child = spawn("script", ["-qfec", command, "/dev/null"], {
      env: { ...process.env, TASKLANE_URL: url },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (output += d));
    const [code] = (await once(child, "close")) as [number | null];
    expect(code).toBe(0);
    expect(output).toContain(`${CLEAR_LINE}[##------------------]  10%  Reading rows: 4,000${CLEAR_LINE}`);
    expect(output).toContain(`${CLEAR_LINE}[#########-----------]  45%  Reading rows: 40,000${CLEAR_LINE}`);
    // The pseudo-terminal turns \n into \r\n.
    expect(output).toMatch(
      /\[####################\] 100% {2}\S.*\r\nRecalculated 3 components: 3 updated, 0 unchanged, 0 without offers\r\n$/,
    );
    expect(output).not.toContain("running 10%");
  });
});
