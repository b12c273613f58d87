import { writeFile } from "node:fs/promises";
import path from "node:path";
import {
  createTasklaneClient,
  skipReasonIn,
  TaskFailedError,
  TasklaneRequestError,
  taskErrorIn,
  taskMessageIn,
  textIn,
} from "@tasklane/client";
import { describe, expect, it } from "vitest";
import { startService, tempDir } from "@tasklane/testing";

const CYRILLIC = /[а-яё]/i;

describe("the service's texts in Russian and English (a key and values beside each English text)", () => {
  it("a task's message, error and skip reasons, and a preview's reasons, read in both languages", async () => {
    const service = await startService();
    const client = createTasklaneClient({ url: service.url });
    const dir = await tempDir();
    const good = path.join(dir, "good.csv");
    await writeFile(good, "PN;Price;Qty\nA-1;10;1\nA-2;нет;1\n");
    const bad = path.join(dir, "bad.csv");
    await writeFile(bad, "PN;Qty\nA-1;1\n");

    const done = await client.submitAndWait("stockImport", { file: good, supplier: "ACME", kind: "stock" });
    expect(done.message).toBe("Completed");
    expect(taskMessageIn(done, "ru")).toBe("Выполнена");
    const [skipped] = done.result.skippedRows;
    expect(skipped!.reason).toBe("price is not a positive number: 'нет'");
    expect(skipReasonIn(skipped!, "ru")).toBe("цена — не положительное число: 'нет'");

    const failure = await client.submitAndWait("stockImport", { file: bad, supplier: "ACME", kind: "stock" }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TaskFailedError);
    const failed = (failure as TaskFailedError).task;
    expect(failed.error).toMatch(/^No price column found/);
    expect(taskErrorIn(failed, "en")).toBe(failed.error);
    expect(taskErrorIn(failed, "ru")).toMatch(/^Столбец цены не найден/);
    expect(taskMessageIn(failed, "ru")).toBe("Ошибка");

    // Every task the history lists has its line by key, in Russian words.
    for (const task of (await client.listTasks({})).items) {
      expect(task.messageText, task.message).not.toBeNull();
      expect(taskMessageIn(task, "ru")).toMatch(CYRILLIC);
    }

    const preview = await client.inspectFile({ file: bad, kind: "stock" });
    expect(preview.error).toMatch(/^No price column found/);
    expect(textIn(preview.errorText, "ru")).toMatch(/^Столбец цены не найден/);
    const previewed = await client.inspectFile({ file: good, kind: "stock" });
    const reasons = previewed.sheets[0]!.fields.flatMap((f) => (f.chosen ? [f.chosen] : []));
    expect(reasons.length).toBeGreaterThan(0);
    for (const chosen of reasons) expect(textIn(chosen.reasonText, "ru")).toMatch(CYRILLIC);
    expect(textIn(previewed.sheets[0]!.headerReasonText, "ru")).toMatch(CYRILLIC);

    // A file the service cannot read at all is a refused request (422), and its text has its key too.
    const empty = path.join(dir, "empty.xlsx");
    await writeFile(empty, "");
    const refused = await client.inspectFile({ file: empty, kind: "stock" }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TasklaneRequestError);
    expect(refused).toMatchObject({ code: "UNPROCESSABLE_CONTENT", text: { key: "file.empty" } });
    expect((refused as TasklaneRequestError).message).toMatch(/^The file is empty\./);
    expect(textIn((refused as TasklaneRequestError).text, "ru")).toMatch(/^Файл пуст\./);
  });
});
