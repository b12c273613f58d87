import { describe, expect, expectTypeOf, it } from "vitest";
import {
  ENGLISH_TEXTS,
  RUSSIAN_TEXTS,
  type LocalText,
  localize,
  skipReasonIn,
  taskErrorIn,
  taskMessageIn,
  text,
  textIn,
} from "../src/index.ts";

const placeholders = (template: string) => [...template.matchAll(/\{@?[\w.]+\}/g)].map((m) => m[0]).sort();

describe("the service's texts", () => {
  it("has every English key in Russian, with the same values and embeds, and Russian words in it", () => {
    expect(Object.keys(RUSSIAN_TEXTS).sort()).toEqual(Object.keys(ENGLISH_TEXTS).sort());
    for (const [key, english] of Object.entries(ENGLISH_TEXTS)) {
      const russian = RUSSIAN_TEXTS[key as keyof typeof RUSSIAN_TEXTS];
      expect(placeholders(russian), key).toEqual(placeholders(english));
      // A template that is only a value ("{detail}") has no words of its own; every other one is translated.
      if (english.replace(/\{[^}]+\}/g, "").trim() !== "") expect(russian, key).toMatch(/[а-яё]/i);
    }
  });

  it("writes numbers with the reader's grouping and nested texts in the same language", () => {
    const reading = text("import.readingRows", { rows: 40_000 });
    expect(localize(reading, "en")).toBe("Reading rows: 40,000");
    expect(localize(reading, "ru")).toBe(`Прочитано строк: 40${"\u00a0"}000`);
    const creating = text("pricelist.creating", { source: text("pricelist.source.warehouse") });
    expect(localize(creating, "en")).toBe("Creating a warehouse pricelist");
    expect(localize(creating, "ru")).toBe("Создание прайс-листа по складу");
  });

  it("embeds shared sentences by key", () => {
    expect(localize(text("file.empty"), "en")).toBe(
      "The file is empty. Save the document from 1C (or your spreadsheet program) as an Excel workbook (.xlsx) and upload that file.",
    );
    expect(localize(text("file.empty"), "ru")).toMatch(/^Файл пуст\. Сохраните документ из 1С/);
  });

  it("falls back to the English text beside a key this version does not know", () => {
    const unknown = { key: "import.fromTheFuture", values: {} } as unknown as LocalText;
    expect(textIn(unknown, "ru")).toBeUndefined();
    expect(taskMessageIn({ message: "Doing new things", messageText: unknown }, "ru")).toBe("Doing new things");
    expect(taskMessageIn({ message: "Starting", messageText: text("task.starting") }, "ru")).toBe("Запуск");
    expect(taskErrorIn({ error: null, errorText: null }, "ru")).toBeNull();
    expect(taskErrorIn({ error: "boom", errorText: null }, "ru")).toBe("boom");
    expect(skipReasonIn({ row: 3, reason: "part number is empty", reasonText: text("skip.partNumberEmpty") }, "ru")).toBe("артикул пуст");
    expect(skipReasonIn({ row: 3, reason: "part number is empty" }, "ru")).toBe("part number is empty");
  });

  it("types each key's values", () => {
    expectTypeOf(text("task.starting")).toEqualTypeOf<LocalText>();
    expectTypeOf(text("import.readingRows", { rows: 1 })).toEqualTypeOf<LocalText>();
    // @ts-expect-error: a key whose template names values needs them
    text("import.readingRows");
    // @ts-expect-error: a value the template does not name
    text("import.readingRows", { rows: 1, extra: 2 });
  });
});
