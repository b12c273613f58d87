import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { saveToken, useAccess } from "../access-token.ts";

/**
 * Shown only when the service has refused a request for want of a token, or a token is kept:
 * a service running open never asks for one.
 */
export function AccessTokenPanel() {
  const access = useAccess();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState("");
  const apply = (token: string) => {
    saveToken(token);
    setDraft("");
    // Everything read so far was read with the old token (or none).
    void queryClient.resetQueries();
  };

  if (!access.refused) {
    if (!access.token) return null;
    return (
      <div className="access access-kept">
        <span>Using the saved access token.</span>
        <button type="button" className="quiet" onClick={() => apply("")}>
          Forget token
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
        {access.token ? "The service did not accept the saved token." : "This service needs an access token."}
      </p>
      <div className="field field-inline">
        <label htmlFor="access-token">Access token</label>
        <input
          id="access-token"
          type="password"
          autoComplete="current-password"
          required
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
        />
        <button type="submit" className="primary">
          Save token
        </button>
      </div>
    </form>
  );
}
