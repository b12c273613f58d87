import { COMMANDS } from "./commands/index.ts";
import { EXIT } from "./exit-codes.ts";
import { t } from "./i18n/i18n.ts";

/** `tasklane --help`. */
export function toolHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const commands = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary()}`).join("\n");
  const codes = Object.fromEntries(Object.entries(EXIT).map(([name, code]) => [name, String(code)])) as Record<keyof typeof EXIT, string>;
  return t("help.tool", { commands, connection: t("help.connection"), ...codes });
}
