import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { applyMigrations, openDatabase, sqlitePricingDb } from "@tasklane/pricing";
import { afterEach, describe, expect, it } from "vitest";
import { SERVER_MIGRATIONS, SqliteUploadStore } from "../src/index.ts";
import { UploadBytesLimitError } from "../src/uploads/upload-limit.ts";

let dir: string;
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("upload bytes kept per caller", () => {
  it("sums the saved uploads of each owner until they are removed", async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "tasklane-upload-bytes-"));
    const sqlite = openDatabase(path.join(dir, "t.sqlite"));
    await applyMigrations(sqlitePricingDb(sqlite), SERVER_MIGRATIONS);
    const uploads = new SqliteUploadStore(sqlitePricingDb(sqlite), dir);
    expect(await uploads.bytesKeptBy("a")).toBe(0);
    for (const [id, owner, text] of [
      ["u1", "a", "12345"],
      ["u2", "a", "678"],
      ["u3", "b", "9"],
    ] as const) {
      const size = await uploads.write(id, Readable.from([Buffer.from(text)]));
      await uploads.save({ id, owner, filename: `${id}.csv`, size, createdAt: new Date() });
    }
    // Written, not saved: not yet the caller's.
    await uploads.write("u4", Readable.from([Buffer.from("xxxxxxxx")]));
    expect([await uploads.bytesKeptBy("a"), await uploads.bytesKeptBy("b")]).toEqual([8, 1]);
    await uploads.delete("u1");
    expect(await uploads.bytesKeptBy("a")).toBe(3);
    sqlite.close();
  });

  it("says the bound in the refusal", () => {
    expect(new UploadBytesLimitError(2 * 1024 ** 3).message).toBe(
      "You have 2 GiB of uploads kept, the most one caller may keep; wait for older ones to be removed before uploading more",
    );
  });
});
