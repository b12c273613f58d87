export * from "./local-text.ts";
export { en as ENGLISH_TEXTS } from "./en.ts";
export { ru as RUSSIAN_TEXTS } from "./ru.ts";
