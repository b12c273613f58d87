import { describe, expect, it } from "vitest";
import { CallerCounts, FairQueue } from "../src/tasks/fair-order.ts";

describe("FairQueue", () => {
  it("takes the lowest rank first and, within a rank, the first pushed", () => {
    const queue = new FairQueue<string>();
    for (const [item, rank] of [
      ["a1", 1],
      ["a2", 2],
      ["b0", 0],
      ["b1", 1],
      ["a0", 0],
      ["c2", 2],
    ] as const)
      queue.push(item, rank);
    expect(queue.length).toBe(6);
    expect(queue.remove("b1")).toBe(true);
    expect(queue.remove("b1")).toBe(false);
    expect(queue.shift()).toBe("b0");
    expect(queue.drain()).toEqual(["a0", "a1", "a2", "c2"]);
    expect(queue.shift()).toBeUndefined();
  });
});

describe("CallerCounts", () => {
  it("counts per caller and forgets a caller at zero", () => {
    const counts = new CallerCounts();
    counts.add("a");
    counts.add("a");
    counts.add("b");
    counts.remove("a");
    expect([counts.of("a"), counts.of("b"), counts.of("c")]).toEqual([1, 1, 0]);
  });
});
