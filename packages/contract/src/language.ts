import { z } from "zod";

/** The languages a person can read tasklane in: Russian for the pricing team, English beside it. */
export const LANGUAGES = ["ru", "en"] as const;
export const LanguageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof LanguageSchema>;
