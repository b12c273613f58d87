import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { saveToken, useAccess } from "../access-token.ts";
import { sendableToken } from "../client.ts";
import { FieldError } from "./form-error.tsx";

/**
 * Shown only when the service has refused a request for want of a token, or a token is kept:
 * a service running open never asks for one.
 */
export function AccessTokenPanel() {
  const { t } = useTranslation();
  const access = useAccess();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState("");
  const [invalid, setInvalid] = useState(false);
  const apply = (token: string) => {
    if (token.trim() && !sendableToken(token.trim())) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    saveToken(token);
    setDraft("");
    // Everything read so far was read with the old token (or none).
    void queryClient.resetQueries();
  };

  if (!access.refused) {
    if (!access.token) return null;
    return (
      <div className="access access-kept">
        <span>{t("access.kept")}</span>
        <button type="button" className="quiet" onClick={() => apply("")}>
          {t("access.forget")}
        </button>
      </div>
    );
  }
  return (
    <form
      className="access"
      aria-labelledby="access-title"
      onSubmit={(event) => {
        event.preventDefault();
        apply(draft);
      }}
    >
      <p id="access-title" className="access-title">
        {access.token ? t("access.refusedSaved") : t("access.needed")}
      </p>
      <div className="field field-inline">
        <label htmlFor="access-token">{t("access.label")}</label>
        <input
          id="access-token"
          type="password"
          autoComplete="current-password"
          required
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? "access-token-error" : undefined}
        />
        <button type="submit" className="primary">
          {t("access.save")}
        </button>
      </div>
      <FieldError id="access-token-error" messages={invalid ? [t("access.invalid")] : undefined} />
    </form>
  );
}
