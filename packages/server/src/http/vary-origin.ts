/**
 * tRPC writes its own `Vary: trpc-accept, accept` over the `Vary: Origin` that @fastify/cors set,
 * and a cache that does not vary on Origin may hand one origin's CORS headers to another. So
 * where CORS is on, tRPC's answers (responseMeta appends) and the tasks.get fast path say Origin too.
 */
const ORIGIN = new Headers([["vary", "Origin"]]);

/** tRPC's `responseMeta` option: appends Origin to the Vary of every answer. */
export const varyOnOrigin = () => ({ headers: ORIGIN });

/** The Vary of tRPC's answers, as the fast path must repeat it. */
export const trpcVary = (cors: boolean) => (cors ? "trpc-accept, accept, Origin" : "trpc-accept, accept");
