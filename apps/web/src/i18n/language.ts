import { type Language, LANGUAGES } from "@tasklane/contract";

/** The page's languages are the contract's (the server's downloads speak the same ones). */
export { type Language, LANGUAGES };

/** Each language named in itself, as a switch shows it. */
export const LANGUAGE_NAMES = { en: "English", ru: "Русский" } as const satisfies Record<Language, string>;

const STORAGE_KEY = "tasklane.language";

const isLanguage = (value: unknown): value is Language => LANGUAGES.includes(value as Language);

/** The person's own choice if they made one here, else Russian for a browser whose first language is Russian. */
export function initialLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLanguage(stored)) return stored;
  } catch {
    // Storage can be off (private modes, policies): the browser's language decides, every visit.
  }
  const preferred = navigator.languages?.[0] ?? navigator.language ?? "";
  return preferred.toLowerCase().startsWith("ru") ? "ru" : "en";
}

export function rememberLanguage(language: Language) {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // See initialLanguage.
  }
}
