import {
  ComponentListInputSchema,
  PRICELIST_SOURCES,
  PricelistGetInputSchema,
  PricelistListInputSchema,
  STOCK_KINDS,
  TASK_STATUSES,
  TASK_TYPES,
  TaskListInputSchema,
  TaskRefSchema,
  submitSchemas,
} from "@tasklane/contract";
import fc from "fast-check";
import type { z } from "zod";
import { describe, expect, it } from "vitest";
import { startService } from "@tasklane/testing";

/** How many generated inputs each procedure or route gets; 12 targets make over 10,000. */
const RUNS = 900;

const maybe = <T>(valid: fc.Arbitrary<T>) => fc.oneof(valid, fc.anything());
const uuid = fc.uuid({ version: 4 });

/** Objects that are often valid, often wrong in one field, sometimes with an unknown key. */
function nearly(fields: Record<string, fc.Arbitrary<unknown>>) {
  const record = fc.record(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, maybe(v)])), { requiredKeys: [] });
  const extra = fc.dictionary(fc.string({ maxLength: 8 }), fc.anything(), { maxKeys: 1 });
  return fc.oneof(
    { weight: 4, arbitrary: record },
    { weight: 1, arbitrary: fc.tuple(record, extra).map(([r, e]) => ({ ...e, ...r })) },
    { weight: 1, arbitrary: fc.anything() },
  );
}

const idem = { idempotencyKey: fc.string({ maxLength: 210 }) };
const page = { limit: fc.integer({ min: -3, max: 600 }), cursor: fc.string({ maxLength: 210 }) };

interface Target {
  path: string;
  kind: "query" | "mutation";
  schema: z.ZodType;
  input: fc.Arbitrary<unknown>;
  /** Statuses a valid input may get besides 200 (an unknown id, an unknown upload). */
  alsoValid?: number[];
}

const targets: Target[] = [
  { path: "tasks.get", kind: "query", schema: TaskRefSchema, input: nearly({ id: uuid }), alsoValid: [404] },
  { path: "tasks.cancel", kind: "mutation", schema: TaskRefSchema, input: nearly({ id: uuid }), alsoValid: [404] },
  // A cursor the server did not make is well-formed for the schema but answered 400 on `cursor`.
  {
    path: "tasks.list",
    kind: "query",
    schema: TaskListInputSchema,
    input: nearly({ type: fc.constantFrom(...TASK_TYPES, "other"), status: fc.constantFrom(...TASK_STATUSES, "done"), ...page }),
    alsoValid: [400],
  },
  { path: "tasks.submit.recalculate", kind: "mutation", schema: submitSchemas.recalculate, input: nearly({ ...idem }) },
  {
    path: "tasks.submit.stockImport",
    kind: "mutation",
    schema: submitSchemas.stockImport,
    input: nearly({ uploadId: uuid, supplier: fc.string({ maxLength: 210 }), kind: fc.constantFrom(...STOCK_KINDS, "gold"), ...idem }),
    alsoValid: [400],
  },
  {
    path: "tasks.submit.pricelistCreate",
    kind: "mutation",
    schema: submitSchemas.pricelistCreate,
    input: nearly({ source: fc.constantFrom(...PRICELIST_SOURCES, "guess"), ...idem }),
  },
  // A cursor the server did not make is well-formed for the schema but answered 400 on `cursor`.
  {
    path: "components.list",
    kind: "query",
    schema: ComponentListInputSchema,
    input: nearly({ search: fc.string({ maxLength: 210 }), ...page }),
    alsoValid: [400],
  },
  {
    path: "pricelists.list",
    kind: "query",
    schema: PricelistListInputSchema,
    input: nearly({ source: fc.constantFrom(...PRICELIST_SOURCES, "x"), ...page }),
    alsoValid: [400],
  },
  { path: "pricelists.get", kind: "query", schema: PricelistGetInputSchema, input: nearly({ id: uuid, ...page }), alsoValid: [404] },
];

/**
 * Sends the input as a raw caller would: plain JSON in tRPC's envelope (what the server then
 * receives is the input after a JSON round trip, so the oracle checks that).
 */
async function call(url: string, target: Target, input: unknown) {
  const encoded = JSON.stringify({ json: input });
  const response =
    target.kind === "query"
      ? await fetch(`${url}/trpc/${target.path}?input=${encodeURIComponent(encoded)}`)
      : await fetch(`${url}/trpc/${target.path}`, { method: "POST", body: encoded, headers: { "content-type": "application/json" } });
  const body = (await response.json()) as { error?: { json: { message: string } } };
  return { status: response.status, message: body.error?.json.message ?? "" };
}

describe("generated inputs, valid and not, to every procedure and route", () => {
  it.each(targets.map((t) => [t.path, t] as const))("%s: never 500; every invalid input is a 400 naming the field", async (_p, target) => {
    const { url } = await startService();
    await fc.assert(
      fc.asyncProperty(target.input, async (input) => {
        const { status, message } = await call(url, target, input);
        const oracle = target.schema.safeParse(jsonRoundTrip(input));
        if (oracle.success) {
          expect([200, ...(target.alsoValid ?? [])]).toContain(status);
          return;
        }
        expect(status).toBe(400);
        for (const issue of oracle.error.issues) {
          expect(message).toContain(issue.path.length > 0 ? `${issue.path.join(".")}:` : issue.message);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("a body that is not JSON is a 400, not a 500", async () => {
    const { url } = await startService();
    await fc.assert(
      fc.asyncProperty(
        fc.string().filter((text) => !isJson(text)),
        async (body) => {
          const response = await fetch(`${url}/trpc/tasks.submit.recalculate`, {
            method: "POST",
            body,
            headers: { "content-type": "application/json" },
          });
          expect(response.status).toBe(400);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it.each(["/api/tasks/", "/api/pricelists/"])(
    "GET %s:id with any id: 400 for a non-UUID, 404 for an unknown one, never 500",
    async (prefix) => {
      const { url } = await startService();
      const suffix = prefix === "/api/pricelists/" ? "/export-csv" : "";
      // "." and ".." are path steps that fetch resolves before sending, not ids.
      const ids = fc.oneof(
        uuid,
        fc.string({ minLength: 1, maxLength: 300 }).filter((s) => s !== "." && s !== ".."),
      );
      await fc.assert(
        fc.asyncProperty(ids, async (id) => {
          const response = await fetch(`${url}${prefix}${encodeURIComponent(id)}${suffix}`);
          const isUuid = TaskRefSchema.safeParse({ id }).success;
          expect(response.status).toBe(isUuid ? 404 : 400);
          const body = (await response.json()) as { error: { message: string } };
          if (!isUuid) expect(body.error.message).toMatch(/^id: /);
        }),
        { numRuns: RUNS },
      );
    },
  );
});

/**
 * What the server validates: the input after JSON, less any "__proto__" key, which the
 * server drops before validation (a prototype-pollution guard), so the oracle drops it too.
 */
function jsonRoundTrip(value: unknown): unknown {
  const text = JSON.stringify(value);
  return text === undefined ? undefined : JSON.parse(text, (key, v: unknown) => (key === "__proto__" ? undefined : v));
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
