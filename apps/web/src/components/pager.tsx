import { useTranslation } from "react-i18next";

interface PagerProps {
  /** Names the navigation, such as "Pricelist pages". */
  label: string;
  status: string;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
}

export function Pager({ label, status, hasPrevious, hasNext, onPrevious, onNext }: PagerProps) {
  const { t } = useTranslation();
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" onClick={onPrevious} disabled={!hasPrevious}>
        {t("common.previous")}
      </button>
      <span className="pager-status" aria-live="polite">
        {status}
      </span>
      <button type="button" onClick={onNext} disabled={!hasNext}>
        {t("common.next")}
      </button>
    </nav>
  );
}
