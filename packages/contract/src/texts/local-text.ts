import { z } from "zod";
import type { Language } from "../language.ts";
import { en } from "./en.ts";
import { ru } from "./ru.ts";

/** A text the service writes for a person, by its key in en.ts and ru.ts. */
export type TextKey = keyof typeof en;

/**
 * A value in a text: a number is written with the reader's digit grouping (so a row number, which a
 * spreadsheet shows ungrouped, is given as a string), a LocalText in the reader's language.
 */
export type TextValue = string | number | LocalText;

/** The names of a template's `{name}` values (not its `{@key}` embeds). */
type ValueNames<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? (Name extends `@${string}` ? never : Name) | ValueNames<Rest>
  : never;

/** The values a text of this key needs, by name: checked where the text is made. */
export type TextValues<K extends TextKey> = { [Name in ValueNames<(typeof en)[K]>]: TextValue };

/**
 * A text in no language yet: its key and values. Tasks carry it beside the English text
 * (`message` and `messageText`), so every client can show one language throughout.
 */
export interface LocalText {
  key: TextKey;
  values?: Record<string, TextValue>;
}

/** The longest value string a text carries: values quote cells and names, which are short. */
const TEXT_VALUE_MAX_CHARS = 2_000;

/**
 * A key this version does not know (a newer server's) still parses: a client falls back to the
 * English text stored beside it (`textIn` answers undefined).
 */
export const LocalTextSchema: z.ZodType<LocalText> = z.lazy(() =>
  z.object({
    key: z.string().max(100) as unknown as z.ZodType<TextKey>,
    values: z.record(z.string().max(50), z.union([z.string().max(TEXT_VALUE_MAX_CHARS), z.number(), LocalTextSchema])).optional(),
  }),
);

const TEMPLATES: { readonly [L in Language]: { readonly [K in TextKey]: string } } = { en, ru };

/** A text of this key with these values (none for a key whose template has no `{name}`). */
export function text<K extends TextKey>(key: K, ...values: keyof TextValues<K> extends never ? [] : [TextValues<K>]): LocalText {
  return values[0] === undefined ? { key } : { key, values: values[0] };
}

export const isTextKey = (key: unknown): key is TextKey => typeof key === "string" && Object.hasOwn(en, key);

/** Whether `value` is a LocalText this version can write (its key and every nested key known). */
export function isLocalText(value: unknown): value is LocalText {
  if (typeof value !== "object" || value === null || !isTextKey((value as LocalText).key)) return false;
  const values = (value as LocalText).values;
  if (values === undefined) return true;
  if (typeof values !== "object" || values === null) return false;
  return Object.values(values).every((v) => typeof v === "string" || typeof v === "number" || isLocalText(v));
}

const numberFormats = new Map<Language, Intl.NumberFormat>();
const numberFormat = (language: Language): Intl.NumberFormat => {
  let format = numberFormats.get(language);
  if (!format) numberFormats.set(language, (format = new Intl.NumberFormat(language === "ru" ? "ru-RU" : "en-US")));
  return format;
};

/** The text in this language. Throws for a key this version does not know: see textIn. */
export function localize(text: LocalText, language: Language): string {
  const template = TEMPLATES[language][text.key];
  if (template === undefined) throw new RangeError(`Unknown text key ${JSON.stringify(text.key)}`);
  return template.replace(/\{(@?)([\w.]+)\}/g, (whole, embed: string, name: string) => {
    if (embed) return isTextKey(name) ? localize({ key: name }, language) : whole;
    const value = text.values?.[name];
    if (value === undefined) return whole;
    if (typeof value === "number") return numberFormat(language).format(value);
    return typeof value === "string" ? value : localize(value, language);
  });
}

/** The text in this language, or undefined when there is none or this version cannot write it (then show the English text beside it). */
export function textIn(text: LocalText | null | undefined, language: Language): string | undefined {
  return text != null && isLocalText(text) ? localize(text, language) : undefined;
}

/**
 * An error whose message a person reads, with the key its text has in every language. Its
 * `message` is the English text, so logs and clients that know no keys read it as before.
 */
export class TextError extends Error {
  constructor(readonly text: LocalText) {
    super(localize(text, "en"));
  }
}
