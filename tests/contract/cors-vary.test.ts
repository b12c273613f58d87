/**
 * Every answer that carries CORS headers varies on Origin, so a cache never hands one origin's
 * Access-Control-Allow-Origin to another: tRPC writes its own Vary, and the tasks.get fast path
 * repeats tRPC's headers.
 */
import { describe, expect, it } from "vitest";
import { startService } from "@tasklane/testing";

const ORIGIN = "http://pricing.example";
const input = (value: unknown) => encodeURIComponent(JSON.stringify(value));

const variesOnOrigin = (vary: string | null) => (vary ?? "").split(",").some((v) => v.trim().toLowerCase() === "origin");

describe("CORS answers vary on Origin", () => {
  it("for tasks.get single and batched, tRPC's own answers, the REST route and a mutation", async () => {
    const service = await startService({ corsOrigins: [ORIGIN] });
    const { task } = await service.tasks.submit("recalculate", {}, "local");
    const ref = { json: { id: task.id } };
    const requests: [name: string, path: string, init: RequestInit][] = [
      ["tasks.get", `/trpc/tasks.get?input=${input(ref)}`, {}],
      ["tasks.get batched", `/trpc/tasks.get,tasks.get?batch=1&input=${input({ 0: ref, 1: ref })}`, {}],
      ["tasks.get of no task (tRPC's answer)", `/trpc/tasks.get?input=${input({ json: { id: crypto.randomUUID() } })}`, {}],
      ["tasks.list", `/trpc/tasks.list?input=${input({ json: {} })}`, {}],
      ["GET /api/tasks/:id", `/api/tasks/${task.id}`, {}],
      ["GET /health", "/health", {}],
      [
        "tasks.submit.recalculate",
        "/trpc/tasks.submit.recalculate",
        { method: "POST", body: JSON.stringify({ json: {} }), headers: { "content-type": "application/json" } },
      ],
      [
        "a refused mutation",
        "/trpc/tasks.submit.recalculate",
        { method: "POST", body: "{", headers: { "content-type": "application/json" } },
      ],
    ];
    for (const [name, path, init] of requests) {
      const response = await fetch(`${service.url}${path}`, { ...init, headers: { ...(init.headers as object), origin: ORIGIN } });
      await response.arrayBuffer();
      expect({ name, allowOrigin: response.headers.get("access-control-allow-origin") }).toEqual({ name, allowOrigin: ORIGIN });
      expect({ name, vary: response.headers.get("vary"), variesOnOrigin: variesOnOrigin(response.headers.get("vary")) }).toMatchObject({
        name,
        variesOnOrigin: true,
      });
    }
  });

  it("tRPC's answers keep their own Vary where CORS is off", async () => {
    const service = await startService();
    const response = await fetch(`${service.url}/trpc/tasks.list?input=${input({ json: {} })}`);
    expect(response.headers.get("vary")).toBe("trpc-accept, accept");
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });
});
