import type { MouseEvent } from "react";
import { authHeaders, currentToken } from "./access-token.ts";

/**
 * A plain link cannot send an Authorization header, so with a token the file is fetched with
 * it and handed to the browser as a download. Without a token the link works as it is.
 */
export async function downloadWithToken(event: MouseEvent<HTMLAnchorElement>) {
  if (!currentToken()) return;
  event.preventDefault();
  const link = event.currentTarget;
  const response = await fetch(link.href, { headers: authHeaders() });
  if (!response.ok) throw new Error(`The download failed with HTTP ${response.status}`);
  saveBlob(await response.blob(), link.getAttribute("download") ?? "");
}

/** Hands a file made or fetched by the page to the browser as a download named `fileName`. */
export function saveBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  Object.assign(document.createElement("a"), { href: url, download: fileName }).click();
  // Give the browser a moment to start the download before the object URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
