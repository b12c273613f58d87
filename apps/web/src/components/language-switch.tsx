import { useTranslation } from "react-i18next";
import { chooseLanguage, currentLanguage } from "../i18n/index.ts";
import { LANGUAGES, LANGUAGE_NAMES } from "../i18n/language.ts";

/** Each language named in itself (and marked as such), so a person who reads only one finds it. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const chosen = currentLanguage();
  return (
    <div className="language-switch" role="group" aria-label={t("app.language")}>
      {LANGUAGES.map((language) => (
        <button key={language} type="button" lang={language} aria-pressed={language === chosen} onClick={() => chooseLanguage(language)}>
          {LANGUAGE_NAMES[language]}
        </button>
      ))}
    </div>
  );
}
