import type { TaskResult } from "@tasklane/contract";
import type { HandlerContext, TaskHandlers } from "@tasklane/server";

/** A promise the test resolves when it chooses, to hold a handler at a known point. */
export function gate<T = void>() {
  let open!: (value: T) => void;
  let fail!: (error: unknown) => void;
  const promise = new Promise<T>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { promise, open, fail };
}

/** Resolves when the signal fires, rejecting with its reason, as a well-behaved handler does. */
export function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
}

/** Counts what a handler really computes: the sum of 1..n, reporting progress as it goes. */
export async function sumWithProgress(n: number, ctx: HandlerContext): Promise<number> {
  let sum = 0;
  for (let i = 1; i <= n; i++) {
    sum += i;
    if (i % 1000 === 0) {
      ctx.progress((i / n) * 100, `Added ${i} numbers`);
      await new Promise((r) => setImmediate(r));
      ctx.signal.throwIfAborted();
    }
  }
  return sum;
}

export const recalcResult = (n: number): TaskResult<"recalculate"> => ({
  componentsTotal: n,
  updated: n,
  unchanged: 0,
  withoutOffers: 0,
});

/** Handlers that each do a small real computation; override any of them per test. */
export function testHandlers(overrides: Partial<TaskHandlers> = {}): TaskHandlers {
  return {
    recalculate: async (_input, ctx) => recalcResult(await sumWithProgress(10_000, ctx)),
    stockImport: async (input) => ({
      rowsTotal: input.supplier.length,
      imported: input.supplier.length,
      skipped: 0,
      componentsCreated: 0,
      skippedRows: [],
    }),
    pricelistCreate: async (input, ctx) => ({ pricelistId: ctx.taskId, source: input.source, rows: 0 }),
    ...overrides,
  };
}

/**
 * A recalculation that reports "Halfway" (50%) and then waits until the test opens `hold` (or
 * the task is cancelled), and returns recalcResult(n): a task that stays running with progress.
 */
export function heldRecalculation(n: number) {
  const hold = gate();
  const handlers = testHandlers({
    recalculate: async (_input, ctx) => {
      ctx.progress(50, "Halfway");
      await Promise.race([hold.promise, untilAborted(ctx.signal)]);
      return recalcResult(n);
    },
  });
  return { hold, handlers };
}

/**
 * Import and pricelist handlers that each wait at their own gate (named by supplier or source)
 * and record the order they start in: for tests of queue order and of what runs when.
 */
export function heldHandlers() {
  const started: string[] = [];
  const gates = new Map<string, ReturnType<typeof gate<void>>>();
  const at = (name: string) => {
    if (!gates.has(name)) gates.set(name, gate());
    return gates.get(name)!;
  };
  const handlers: Partial<TaskHandlers> = {
    stockImport: async (input, ctx) => {
      started.push(input.supplier);
      await Promise.race([at(input.supplier).promise, untilAborted(ctx.signal)]);
      return { rowsTotal: 0, imported: 0, skipped: 0, componentsCreated: 0, skippedRows: [] };
    },
    pricelistCreate: async (input, ctx) => {
      started.push(input.source);
      await Promise.race([at(input.source).promise, untilAborted(ctx.signal)]);
      return { pricelistId: ctx.taskId, source: input.source, rows: 0 };
    },
  };
  return { started, handlers, release: (name: string) => at(name).open() };
}
