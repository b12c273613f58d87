import { describe, expect, it } from "vitest";
import { AccessControl, OPEN_CALLER } from "../src/access.ts";

const TOKENS = new Map([
  ["token-alice", "alice"],
  ["token-bob", "bob"],
]);

describe("AccessControl", () => {
  it("names the caller of a valid token however often it is asked, in every form the header may take", () => {
    const access = new AccessControl(TOKENS);
    for (let i = 0; i < 3; i++) {
      expect(access.callerOf("Bearer token-alice")).toBe("alice");
      expect(access.callerOf("bearer   token-bob  ")).toBe("bob");
      expect(access.callerOf("Bearer token-nobody")).toBeNull();
      expect(access.callerOf("Bearer token-alice extra")).toBeNull();
      expect(access.callerOf("token-alice")).toBeNull();
      expect(access.callerOf("")).toBeNull();
      expect(access.callerOf(undefined)).toBeNull();
    }
  });

  it("does not accept a header another instance accepted: a token left out of the configuration is refused at once", () => {
    const before = new AccessControl(TOKENS);
    expect(before.callerOf("Bearer token-bob")).toBe("bob");
    const after = new AccessControl(new Map([["token-alice", "alice"]]));
    expect(after.callerOf("Bearer token-bob")).toBeNull();
    expect(after.callerOf("Bearer token-alice")).toBe("alice");
    expect(before.callerOf("Bearer token-bob")).toBe("bob");
  });

  it("stays right past the number of headers it remembers, and for a header too long to remember", () => {
    const access = new AccessControl(TOKENS);
    // Spaces after the token are allowed, so each of these is a distinct header naming alice.
    for (let i = 0; i < 2_500; i++) expect(access.callerOf(`Bearer token-alice${" ".repeat(i % 1_200)}`)).toBe("alice");
    expect(access.callerOf("Bearer token-alice")).toBe("alice");
    expect(access.callerOf(`Bearer token-bob${" ".repeat(600)}`)).toBe("bob");
    expect(access.callerOf(`Bearer token-bob${" ".repeat(600)}`)).toBe("bob");
  });

  it("takes every request as the open caller when no tokens are configured", () => {
    const access = new AccessControl();
    expect(access.open).toBe(true);
    expect(access.callerOf(undefined)).toBe(OPEN_CALLER);
    expect(access.callerOf("Bearer anything")).toBe(OPEN_CALLER);
  });
});
