import { useTranslation } from "react-i18next";
import { SECTIONS, type Section } from "../sections.ts";

/**
 * The sections as links: Tab reaches each, Enter opens it, and the hash keeps it. A tab list
 * would ask for arrow keys and hide that the sections are places with their own address.
 */
export function SectionNav({ current }: { current: Section }) {
  const { t } = useTranslation();
  return (
    <nav className="sections" aria-label={t("app.sections")}>
      <ul>
        {SECTIONS.map((section) => (
          <li key={section}>
            <a href={`#${section}`} aria-current={section === current ? "page" : undefined}>
              {t(`section.${section}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
