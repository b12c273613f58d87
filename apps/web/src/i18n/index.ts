import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { en } from "./en.ts";
import { type Language, initialLanguage, rememberLanguage } from "./language.ts";
import { ru } from "./ru.ts";

/**
 * One i18next instance for the page. Components read it through `useTranslation` (so they
 * render again when the language changes); the few helpers outside components (summaries,
 * errors, format.ts) read `i18n` itself while a component renders.
 */
export const i18n = i18next.createInstance();

// init runs synchronously with resources given inline, so the first render is in the right language.
void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, ru: { translation: ru } },
  lng: initialLanguage(),
  fallbackLng: "en",
  // React escapes what it renders; escaping here too would show "&amp;" in a supplier's name.
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
  // i18next 25 otherwise writes an advertisement to every visitor's console.
  showSupportNotice: false,
});

/** <html lang> says which language the text is in: screen readers pick their voice by it. */
const mark = (language: string) => {
  document.documentElement.lang = language;
};
mark(i18n.language);
i18n.on("languageChanged", mark);

export const currentLanguage = (): Language => (i18n.language === "ru" ? "ru" : "en");

export function chooseLanguage(language: Language) {
  rememberLanguage(language);
  void i18n.changeLanguage(language);
}
