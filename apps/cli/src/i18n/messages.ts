import type { en } from "./en.ts";

/** The plural forms English has no use for but Russian needs (i18next's Intl.PluralRules categories). */
type ExtraPluralForms = { [K in `${string}_${"few" | "many"}`]?: string };

/** A language's texts: exactly en.ts's keys, each a string, plus the plural forms above. */
type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> & ExtraPluralForms };

export type Messages = Shape<typeof en>;
