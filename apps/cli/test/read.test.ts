import { createTasklaneClient } from "@tasklane/client";
import { describe, expect, it, vi } from "vitest";
import { gate, recalcResult, startService, testHandlers, untilAborted } from "@tasklane/testing";
import { runCli, spawnCli } from "./cli-process.ts";

const DATE = /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/;

describe("tasklane get", () => {
  it("prints a completed task as aligned lines with its result summary, or as JSON", async () => {
    const { url } = await startService({ handlers: testHandlers() });
    const client = createTasklaneClient({ url });
    const done = await client.submitAndWait("pricelistCreate", { source: "estimate" });

    const human = await runCli(["get", done.id], { TASKLANE_URL: url });
    expect(human.code).toBe(0);
    const lines = human.stdout.trimEnd().split("\n");
    expect(lines.slice(0, 4)).toEqual([`id        ${done.id}`, "type      pricelistCreate", "status    completed", "progress  100%"]);
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^created   ${DATE.source}$`)));
    expect(lines.at(-1)).toBe(`result    Created an estimate pricelist of 0 rows: ${done.id}`);

    const json = await runCli(["get", done.id, "--json"], { TASKLANE_URL: url });
    expect(JSON.parse(json.stdout)).toEqual(JSON.parse(JSON.stringify(done)));
  });

  it("shows a failed task's error and exits 0: get reports, it does not judge", async () => {
    const { url } = await startService({
      handlers: testHandlers({
        recalculate: async () => {
          throw new Error("The price table is locked");
        },
      }),
    });
    const client = createTasklaneClient({ url });
    const { taskId } = await client.submit.recalculate({});
    await client.pollTask(taskId).catch(() => undefined);
    const result = await runCli(["get", taskId], { TASKLANE_URL: url });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^status {4}error$/m);
    expect(result.stdout).toMatch(/^error {5}The price table is locked$/m);
  });
});

describe("tasklane list", () => {
  it("prints a table newest first, filters by type and status, pages with --limit and --cursor", async () => {
    const { url } = await startService({ handlers: testHandlers() });
    const client = createTasklaneClient({ url });
    const ids: string[] = [];
    for (const source of ["estimate", "warehouse", "competitor"] as const) {
      const { taskId } = await client.submit.pricelistCreate({ source });
      ids.push(taskId);
      await client.pollTask(taskId);
    }
    const env = { TASKLANE_URL: url };

    const all = await runCli(["list"], env);
    expect(all.code).toBe(0);
    const [header, ...rows] = all.stdout.trimEnd().split("\n");
    expect(header).toMatch(/^ID {36}TYPE {13}STATUS {5}PROGRESS {2}CREATED {14}WORKS ON$/);
    expect(rows.map((r) => r.split(/\s+/)[0])).toEqual([...ids].reverse());
    expect(rows[0]).toMatch(new RegExp(`^${ids[2]}  pricelistCreate  completed  100%      ${DATE.source}  competitor$`));

    const firstPage = await runCli(["list", "--limit", "2", "--status", "completed"], env);
    expect(firstPage.stdout.trimEnd().split("\n")).toHaveLength(3);
    const cursor = /^More tasks: --cursor (\S+)$/m.exec(firstPage.stderr)?.[1];
    expect(cursor).toBeDefined();
    const secondPage = await runCli(["list", "--limit", "2", "--status", "completed", "--cursor", cursor!, "--json"], env);
    expect(JSON.parse(secondPage.stdout)).toMatchObject({ items: [{ id: ids[0] }], nextCursor: null });

    const none = await runCli(["list", "--type", "recalculate"], env);
    expect(none).toEqual({ code: 0, stdout: "", stderr: "No tasks.\n" });
  });

  it("a --limit above the service's maximum gets the service's answer naming the field", async () => {
    const { url } = await startService({ handlers: testHandlers() });
    const result = await runCli(["list", "--limit", "1000"], { TASKLANE_URL: url });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^tasklane: invalid input: limit: .+\n$/);
  });
});

describe("tasklane watch", () => {
  it("follows a running task until it completes, then prints its summary", async () => {
    const hold = gate();
    const { url } = await startService({
      handlers: testHandlers({
        recalculate: async (_input, ctx) => {
          ctx.progress(30, "Recalculating prices");
          await hold.promise;
          return recalcResult(7);
        },
      }),
    });
    const { taskId } = await createTasklaneClient({ url }).submit.recalculate({});
    const watching = spawnCli(["watch", taskId], { TASKLANE_URL: url });
    await vi.waitFor(() => expect(watching.stderr()).toContain("running 30% Recalculating prices\n"), { timeout: 10_000 });
    hold.open();
    const result = await watching.exited;
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("Recalculated 7 components: 7 updated, 0 unchanged, 0 without offers\n");
    expect(result.stderr).toMatch(/running 30% Recalculating prices\ncompleted 100% .*\n$/);
  });

  it("exits by the final status of a task that has already ended", async () => {
    const { url } = await startService({
      handlers: testHandlers({
        pricelistCreate: async () => {
          throw new Error("No components have a price yet");
        },
      }),
    });
    const client = createTasklaneClient({ url });
    const done = await client.submitAndWait("recalculate", {});
    const failed = (await client.submit.pricelistCreate({ source: "estimate" })).taskId;
    await client.pollTask(failed).catch(() => undefined);

    expect((await runCli(["watch", done.id], { TASKLANE_URL: url })).code).toBe(0);
    const result = await runCli(["watch", failed, "--json"], { TASKLANE_URL: url });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ id: failed, status: "error" });
  });

  it("--timeout exits 4; Ctrl-C exits 130; the task runs on after both", async () => {
    const { url } = await startService({ handlers: testHandlers({ recalculate: (_i, ctx) => untilAborted(ctx.signal) }) });
    const client = createTasklaneClient({ url });
    const { taskId } = await client.submit.recalculate({});
    const timedOut = await runCli(["watch", taskId, "--timeout", "1"], { TASKLANE_URL: url });
    expect(timedOut.code).toBe(4);
    expect(timedOut.stderr).toContain(`tasklane: task ${taskId} did not end within 1 s; it goes on`);

    const watching = spawnCli(["watch", taskId], { TASKLANE_URL: url });
    await vi.waitFor(() => expect(watching.stderr()).toContain("running 0%"), { timeout: 10_000 });
    watching.child.kill("SIGINT");
    expect((await watching.exited).code).toBe(130);
    expect((await client.getTask(taskId)).status).toBe("running");
  });
});

describe("tasklane cancel", () => {
  it("cancels a queued task at once, and leaves an ended task as it was", async () => {
    const hold = gate();
    const { url } = await startService({
      concurrency: 1,
      handlers: testHandlers({ recalculate: async () => (await hold.promise, recalcResult(1)) }),
    });
    const client = createTasklaneClient({ url });
    const running = (await client.submit.recalculate({})).taskId;
    const queued = (await client.submit.pricelistCreate({ source: "estimate" })).taskId;
    expect((await client.getTask(queued)).status).toBe("queued");

    const cancelled = await runCli(["cancel", queued, "--json"], { TASKLANE_URL: url });
    expect(cancelled.code).toBe(0);
    expect(JSON.parse(cancelled.stdout)).toMatchObject({ id: queued, status: "cancelled" });

    hold.open();
    await client.pollTask(running);
    const ended = await runCli(["cancel", running], { TASKLANE_URL: url });
    expect(ended).toEqual({ code: 0, stdout: `Task ${running} had already ended (completed): nothing to cancel\n`, stderr: "" });
  });
});
