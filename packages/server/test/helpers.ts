import { MemoryTaskStore } from "../src/index.ts";

/** Handlers and gates every suite uses live in @tasklane/testing; the server's own tests import them from here. */
export {
  gate,
  heldHandlers,
  heldRecalculation,
  recalcResult,
  sumWithProgress,
  testHandlers,
  untilAborted,
} from "@tasklane/testing/handlers";

/** A memory store that counts writes and reads: progress stays in memory between flushes, finished tasks once read stay in FinishedTasks. */
export class CountingStore extends MemoryTaskStore {
  updates = 0;
  reads = 0;
  override async update(...args: Parameters<MemoryTaskStore["update"]>) {
    this.updates++;
    return super.update(...args);
  }
  override async get(...args: Parameters<MemoryTaskStore["get"]>) {
    this.reads++;
    return super.get(...args);
  }
}

export const OWNER = "tester";
