import { writeFile } from "node:fs/promises";
import path from "node:path";
import { createTasklaneClient } from "@tasklane/client";
import { describe, expect, it, vi } from "vitest";
import { gate, recalcResult, startService, tempDir, testHandlers, untilAborted } from "@tasklane/testing";
import { UUID, runCli, spawnCli, submittedId, twoStepService } from "./cli-process.ts";

/** A recalculate that reports once and then runs until it is cancelled. */
function endlessRecalculate() {
  return testHandlers({
    recalculate: async (_input, ctx) => {
      ctx.progress(10, "Waiting to be cancelled");
      return untilAborted(ctx.signal);
    },
  });
}

describe("submitting without --wait", () => {
  it("prints just the task id on stdout and exits 0; the task runs on", async () => {
    const { url } = await startService({ handlers: testHandlers() });
    const result = await runCli(["recalculate"], { TASKLANE_URL: url });
    expect(result).toEqual({ code: 0, stdout: expect.stringMatching(new RegExp(`^${UUID.source}\\n$`)), stderr: "" });
    const done = await createTasklaneClient({ url }).pollTask(result.stdout.trim());
    expect(done.type).toBe("recalculate");
  });

  it("with --json prints the submit answer", async () => {
    const { url } = await startService({ handlers: testHandlers() });
    const result = await runCli(["pricelist", "--source", "estimate", "--json"], { TASKLANE_URL: url });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ taskId: expect.stringMatching(UUID), deduplicated: false });
  });

  it("a second submit of the same running work answers with the first task and says so", async () => {
    const hold = gate();
    const { url } = await startService({ handlers: testHandlers({ recalculate: async () => (await hold.promise, recalcResult(1)) }) });
    const first = await runCli(["recalculate"], { TASKLANE_URL: url });
    const second = await runCli(["recalculate"], { TASKLANE_URL: url });
    expect(second.stdout).toBe(first.stdout);
    expect(second.stderr).toBe(
      "The same recalculate task was already queued or running (or had this idempotency key): this is that task.\n",
    );
    hold.open();
  });
});

describe("submitting with --wait", () => {
  it("not on a terminal: one plain line per change of progress on stderr, the summary on stdout, exit 0", async () => {
    const { url } = await twoStepService();
    const result = await runCli(["recalculate", "--wait"], { TASKLANE_URL: url });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("Recalculated 3 components: 3 updated, 0 unchanged, 0 without offers\n");
    const [submitted, ...progress] = result.stderr.trimEnd().split("\n");
    expect(submitted).toMatch(new RegExp(`^Submitted recalculate task ${UUID.source}$`));
    // Each step is read over several polls but printed once; no terminal control codes.
    expect(progress.filter((l) => l === "running 10% Reading rows: 4,000")).toHaveLength(1);
    expect(progress.filter((l) => l === "running 45% Reading rows: 40,000")).toHaveLength(1);
    expect(progress.at(-1)).toMatch(/^completed 100% /);
    expect(progress.every((line, i) => line !== progress[i - 1])).toBe(true);
    expect(result.stderr).not.toContain("\r");
    expect(result.stderr).not.toContain("\x1b");
  });

  it("--json prints the final task on stdout and keeps progress off it", async () => {
    const { url } = await twoStepService();
    const result = await runCli(["recalculate", "--wait", "--json"], { TASKLANE_URL: url });
    expect(result.code).toBe(0);
    const task = JSON.parse(result.stdout) as { createdAt: string };
    expect(task).toMatchObject({ type: "recalculate", status: "completed", progress: 100, result: recalcResult(3), error: null });
    expect(task.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(result.stderr).toContain("running 45% Reading rows: 40,000");
  });

  it("a task that ends in error exits 1 with its text", async () => {
    const { url } = await startService({
      handlers: testHandlers({
        pricelistCreate: async () => {
          throw new Error("No components have a price yet");
        },
      }),
    });
    const result = await runCli(["pricelist", "--source", "warehouse", "--wait"], { TASKLANE_URL: url });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    const id = submittedId(result.stderr);
    expect(result.stderr).toMatch(
      new RegExp(`^tasklane: task ${id} \\(pricelistCreate\\) failed: No components have a price yet\\n$`, "m"),
    );

    const json = await runCli(["pricelist", "--source", "warehouse", "--wait", "--json"], { TASKLANE_URL: url });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ status: "error", error: "No components have a price yet" });
  });

  it("a task cancelled while it is awaited exits 3", async () => {
    const { url } = await startService({ handlers: endlessRecalculate() });
    const waiting = spawnCli(["recalculate", "--wait"], { TASKLANE_URL: url });
    await vi.waitFor(() => expect(waiting.stderr()).toContain("running 10% Waiting to be cancelled"), { timeout: 10_000 });
    const id = submittedId(waiting.stderr())!;
    const cancelled = await runCli(["cancel", id], { TASKLANE_URL: url });
    expect(cancelled).toMatchObject({ code: 0, stdout: `Task ${id} cancelled: Cancelled by the caller\n` });
    const result = await waiting.exited;
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`tasklane: task ${id} (recalculate) was cancelled: Cancelled by the caller\n`);
  });

  it("--timeout exits 4 and says the task goes on; --json gives the last state seen", async () => {
    const { url } = await startService({ handlers: endlessRecalculate() });
    const result = await runCli(["recalculate", "--wait", "--timeout", "1.5", "--json"], { TASKLANE_URL: url });
    expect(result.code).toBe(4);
    const task = JSON.parse(result.stdout) as { id: string };
    expect(task).toMatchObject({ status: "running", progress: 10 });
    expect(result.stderr).toContain(
      `tasklane: task ${task.id} did not end within 1.5 s; it goes on: follow it with "tasklane watch ${task.id}", stop it with "tasklane cancel ${task.id}"\n`,
    );
    expect((await createTasklaneClient({ url }).getTask(task.id)).status).toBe("running");
  });

  it("Ctrl-C stops waiting with 130 and leaves the task running", async () => {
    const { url } = await startService({ handlers: endlessRecalculate() });
    const waiting = spawnCli(["recalculate", "--wait"], { TASKLANE_URL: url });
    await vi.waitFor(() => expect(waiting.stderr()).toContain("running 10%"), { timeout: 10_000 });
    waiting.child.kill("SIGINT");
    const result = await waiting.exited;
    const id = submittedId(result.stderr)!;
    expect(result.code).toBe(130);
    expect(result.stderr).toContain(
      `tasklane: stopped waiting for task ${id}; it goes on: follow it with "tasklane watch ${id}", stop it with "tasklane cancel ${id}"\n`,
    );
    expect((await createTasklaneClient({ url }).getTask(id)).status).toBe("running");
  });
});

describe("the real pricing handlers", () => {
  it("imports a CSV file, recalculates, and creates a pricelist from it", async () => {
    const { url } = await startService();
    const file = path.join(await tempDir(), "ocean.csv");
    await writeFile(file, "PN;Price;Qty\nA-1;10,50;3\nB-2;;1\n");
    const env = { TASKLANE_URL: url };

    const imported = await runCli(["import", file, "--supplier", "Ocean", "--kind", "stock", "--wait"], env);
    expect(imported.stderr).toMatch(/^Submitted stockImport task /);
    expect(imported.stdout).toMatch(/^Imported 1 of 2 rows \(1 skipped, 1 new component\)\n {2}row 3: .+\n/);
    expect(imported.stdout).toContain("\n  The supplier's rows: 0 before, 1 now\n  Read with the detected mapping: ");
    expect(imported.code).toBe(0);

    const recalculated = await runCli(["recalculate", "--wait"], env);
    expect(recalculated.stdout).toMatch(/^Recalculated 1 component: 1 updated, 0 unchanged, 0 without offers\n$/);

    const pricelist = await runCli(["pricelist", "--source", "warehouse", "--wait", "--json"], env);
    expect(pricelist.code).toBe(0);
    expect(JSON.parse(pricelist.stdout)).toMatchObject({ status: "completed", result: { source: "warehouse", rows: 1 } });
  });
});
