import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/**
 * `pnpm dev` serves the page with hot reload and sends the API's paths on to a running
 * tasklane (`pnpm start` in another shell), so the page calls its own origin in dev exactly as
 * it does when apps/api serves the build: no CORS setting needed either way.
 */
const api = process.env.TASKLANE_API_URL ?? "http://127.0.0.1:3000";

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      "/trpc": api,
      "/api": api,
      "/health": api,
    },
  },
});
