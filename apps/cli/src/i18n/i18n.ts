import i18next from "i18next";
import { en } from "./en.ts";
import { ru } from "./ru.ts";

declare module "i18next" {
  // t() takes only en.ts's keys, and their interpolation names, checked by tsc.
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof en };
  }
}

export type Language = "en" | "ru";

/**
 * Russian when the locale says so, English otherwise (C, POSIX, unset...). POSIX's order: LC_ALL
 * wins over LC_MESSAGES, which wins over LANG; an empty variable counts as unset.
 */
export function languageOf(env: NodeJS.ProcessEnv): Language {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || "";
  return /^ru/i.test(locale) ? "ru" : "en";
}

const i18n = i18next.createInstance();

/** Picks the language for this run; main.ts calls it first, before any text is made. */
export function useLanguageOf(env: NodeJS.ProcessEnv): void {
  void i18n.init({
    lng: languageOf(env),
    fallbackLng: "en",
    resources: { en: { translation: en }, ru: { translation: ru } },
    // Synchronous: the resources are in the bundle, nothing is loaded.
    initAsync: false,
    // Terminal text, not HTML.
    interpolation: { escapeValue: false },
    // It would print an advertisement on stdout, where --json answers go.
    showSupportNotice: false,
  });
}

export const t = i18n.t.bind(i18n);

/** This run's language, for the service's own texts (task messages and errors by their keys). */
export const language = (): Language => (i18n.language === "ru" ? "ru" : "en");
