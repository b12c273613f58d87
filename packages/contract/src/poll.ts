/**
 * How often a client asks for a task while it runs. Clients poll instead of holding a
 * stream open, so any proxy passes the traffic and any API node can answer (DESIGN.md).
 */
export const POLL_INTERVAL_MS = 500;
