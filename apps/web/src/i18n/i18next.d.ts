import type { Messages } from "./en.ts";

/** Typed keys: `t("tasks.title")` is checked against en.ts, and so are its {{values}}. */
declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: Messages };
  }
}
