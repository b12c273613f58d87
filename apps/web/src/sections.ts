import { useEffect, useState } from "react";

/** The page's sections, in the order of the work; each is a place in the URL (#import …). */
export const SECTIONS = ["import", "tasks", "prices", "pricelists"] as const;
export type Section = (typeof SECTIONS)[number];

const fromHash = (): Section => {
  const name = window.location.hash.slice(1);
  return SECTIONS.includes(name as Section) ? (name as Section) : SECTIONS[0];
};

/**
 * The section in the URL's hash, so a reload, a bookmark and the Back button keep it. Links
 * (`href="#tasks"`) change it; nothing else needs to.
 */
export function useSection(): Section {
  const [section, setSection] = useState(fromHash);
  useEffect(() => {
    const follow = () => {
      setSection(fromHash());
      // Another section is another page to the person: it starts at its top.
      window.scrollTo({ top: 0 });
    };
    window.addEventListener("hashchange", follow);
    return () => window.removeEventListener("hashchange", follow);
  }, []);
  return section;
}
