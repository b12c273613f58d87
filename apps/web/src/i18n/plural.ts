/** The CLDR plural categories i18next picks a key suffix from (`rows_one`, `rows_few`, …). */
type Forms<K extends string> = Record<`${K}_one` | `${K}_few` | `${K}_many` | `${K}_other`, string>;

/**
 * A counted text in every plural form, so both languages hold the same keys and a form left out
 * is a type error. Russian needs all four; English uses only one and other (Intl.PluralRules
 * never answers few or many for "en"), so its few and many repeat other and are never read.
 */
export function plural<K extends string>(key: K, one: string, few: string, many: string, other: string): Forms<K> {
  return { [`${key}_one`]: one, [`${key}_few`]: few, [`${key}_many`]: many, [`${key}_other`]: other } as Forms<K>;
}

export const englishPlural = <K extends string>(key: K, one: string, other: string): Forms<K> => plural(key, one, other, other, other);
