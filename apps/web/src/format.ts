import { currentLanguage, i18n } from "./i18n/index.ts";
import type { Language } from "./i18n/language.ts";

/**
 * Numbers, times and durations as a person reads them, in the language chosen on the page
 * (not the browser's locale: a person who picks English reads "Dec 2", not "2 дек.").
 * Called while a component renders, so a change of language shows at its next render.
 */
function makeFormats(language: Language) {
  return {
    counts: new Intl.NumberFormat(language),
    money: new Intl.NumberFormat(language, { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
    clock: new Intl.DateTimeFormat(language, { hour: "2-digit", minute: "2-digit", second: "2-digit" }),
    dayAndClock: new Intl.DateTimeFormat(language, { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }),
  };
}

const made = new Map<Language, ReturnType<typeof makeFormats>>();
function formats() {
  const language = currentLanguage();
  let found = made.get(language);
  if (!found) made.set(language, (found = makeFormats(language)));
  return found;
}

export const formatCount = (n: number) => formats().counts.format(n);
export const formatPrice = (n: number) => formats().money.format(n);

/** Today's times as a clock; older ones with their day, so a list spanning midnight stays clear. */
export function formatTime(date: Date): string {
  return date.toDateString() === new Date().toDateString() ? formats().clock.format(date) : formats().dayAndClock.format(date);
}

export const formatDateTime = (date: Date) => formats().dayAndClock.format(date);

export function formatDuration(ms: number): string {
  if (ms < 1000) return i18n.t("duration.underSecond");
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return i18n.t("duration.seconds", { s: seconds });
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return i18n.t("duration.minutes", { m: minutes, s: seconds % 60 });
  return i18n.t("duration.hours", { h: Math.floor(minutes / 60), m: minutes % 60 });
}
