import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { noteError } from "./access-token.ts";
import { App } from "./app.tsx";
import { worthRetrying } from "./errors.ts";
import "./i18n/index.ts";
import "./styles.css";

const queryClient = new QueryClient({
  // Any request refused for want of a token brings up the token field, whichever panel made it.
  queryCache: new QueryCache({ onError: noteError }),
  mutationCache: new MutationCache({ onError: noteError }),
  defaultOptions: { queries: { retry: worthRetrying } },
});

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
