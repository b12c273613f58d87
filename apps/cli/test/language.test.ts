import { describe, expect, it } from "vitest";
import { recalcResult, startService, testHandlers } from "@tasklane/testing";
import { runCli } from "./cli-process.ts";

describe("the texts follow the locale: Russian for ru*, English otherwise", () => {
  it("help: LANG=ru_RU.UTF-8 gives Russian, LANG=C English", async () => {
    const ru = await runCli(["watch", "--help"], { LANG: "ru_RU.UTF-8" });
    expect(ru.code).toBe(0);
    expect(ru.stdout).toMatch(/^Использование: tasklane watch ID/);
    expect(ru.stdout).toContain("Параметры всех команд:");
    const en = await runCli(["watch", "--help"], { LANG: "C" });
    expect(en.stdout).toMatch(/^Usage: tasklane watch ID/);
    expect(en.stdout).toContain("Options for every command:");
  });

  it("errors, and LC_ALL over LC_MESSAGES over LANG", async () => {
    const ru = await runCli(["list", "--limit", "0"], { LANG: "C", LC_MESSAGES: "ru_RU.UTF-8" });
    expect(ru).toMatchObject({ code: 2, stdout: "" });
    expect(ru.stderr).toBe("tasklane: --limit должен быть целым числом от 1, а не «0» (см. «tasklane list --help»)\n");
    const en = await runCli(["list", "--limit", "0"], { LANG: "ru_RU.UTF-8", LC_ALL: "en_US.UTF-8" });
    expect(en.stderr).toBe('tasklane: --limit must be a whole number from 1 up, not "0" (see "tasklane list --help")\n');
  });

  it("a waited task in Russian, with Russian plurals; --json stays the same in every language", async () => {
    const { url } = await startService({ handlers: testHandlers({ recalculate: async () => recalcResult(3) }) });
    const ru = await runCli(["recalculate", "--wait"], { TASKLANE_URL: url, LANG: "ru_RU.UTF-8" });
    expect(ru.code).toBe(0);
    expect(ru.stdout).toBe("Пересчитано 3 компонента: 3 обновлено, 0 без изменений, 0 без предложений\n");
    expect(ru.stderr).toMatch(/^Отправлена задача recalculate [0-9a-f-]{36}\n/);
    const json = await runCli(["list", "--json"], { TASKLANE_URL: url, LANG: "ru_RU.UTF-8" });
    const jsonC = await runCli(["list", "--json"], { TASKLANE_URL: url, LANG: "C" });
    expect(json.stdout).toBe(jsonC.stdout);
    expect((JSON.parse(json.stdout) as { items: unknown[] }).items[0]).toMatchObject({ type: "recalculate", status: "completed" });
  });
});
