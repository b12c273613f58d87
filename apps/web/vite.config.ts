import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { precompress } from "./precompress.ts";

/**
 * `pnpm dev` serves the page with hot reload and sends the API's paths on to a running
 * tasklane (`pnpm start` in another shell), so the page calls its own origin in dev exactly as
 * it does when apps/api serves the build: no CORS setting needed either way.
 */
const api = process.env.TASKLANE_API_URL ?? "http://127.0.0.1:3000";

export default defineConfig({
  plugins: [react(), precompress()],
  build: {
    rolldownOptions: {
      output: {
        // Libraries change with a dependency update, the page's own code with every release:
        // apart, a release sends the browser only the page's chunk and keeps the libraries cached
        // (their names carry a content hash, and the API serves /assets/ as immutable).
        codeSplitting: {
          groups: [
            { name: "react", test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 20 },
            { name: "vendor", test: /node_modules[\\/]/, priority: 10 },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      "/trpc": api,
      "/api": api,
      "/health": api,
    },
  },
});
