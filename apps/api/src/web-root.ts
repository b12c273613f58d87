import { access } from "node:fs/promises";
import path from "node:path";

/** apps/web's production build, served at / when it has been built. */
export async function webRoot(): Promise<string | undefined> {
  const dist = path.resolve(import.meta.dirname, "../../web/dist");
  try {
    await access(path.join(dist, "index.html"));
    return dist;
  } catch {
    return undefined;
  }
}
