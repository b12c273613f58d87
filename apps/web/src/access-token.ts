import { TasklaneRequestError } from "@tasklane/client";
import { useSyncExternalStore } from "react";

/**
 * The access token, kept in localStorage so a person types it once per browser. It lives
 * outside React so that the page's client (client.ts) and downloads read the current value at
 * request time, and a new token needs no new provider.
 */
const STORAGE_KEY = "tasklane.token";

interface AccessState {
  token: string;
  /** The service answered UNAUTHORIZED since the token last changed. */
  refused: boolean;
}

let state: AccessState = { token: readStored(), refused: false };
const listeners = new Set<() => void>();

function readStored(): string {
  try {
    return localStorage.getItem(STORAGE_KEY) ?? "";
  } catch {
    // Storage can be off (private modes, policies); the page then works for this visit only.
    return "";
  }
}

function update(next: AccessState) {
  if (next.token === state.token && next.refused === state.refused) return;
  state = next;
  for (const listener of listeners) listener();
}

export function currentToken(): string {
  return state.token;
}

/** The header the service reads; none at all for a service running open. */
export function authHeaders(): Record<string, string> {
  return state.token ? { authorization: `Bearer ${state.token}` } : {};
}

export function saveToken(token: string) {
  const trimmed = token.trim();
  try {
    if (trimmed) localStorage.setItem(STORAGE_KEY, trimmed);
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // See readStored.
  }
  update({ token: trimmed, refused: false });
}

export function isUnauthorized(error: unknown): boolean {
  return error instanceof TasklaneRequestError && error.code === "UNAUTHORIZED";
}

/** Called for every failed query and mutation (see main.tsx's caches). */
export function noteError(error: unknown) {
  if (isUnauthorized(error)) update({ ...state, refused: true });
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export function useAccess(): AccessState {
  return useSyncExternalStore(subscribe, () => state);
}
