import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import type { Plugin } from "vite";

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** Text the API sends; images and fonts are compressed already. */
const TEXT = /\.(js|css|html|svg|json)$/;

/**
 * Writes a .br and a .gz beside each text file of the build, once, at the highest levels: the API
 * (@fastify/static's preCompressed) sends them to browsers that accept them, so nobody pays for
 * compressing on each request, and the page's script travels at about a quarter of its size.
 */
export function precompress(): Plugin {
  return {
    name: "tasklane-precompress",
    apply: "build",
    async writeBundle(options, bundle) {
      const dir = options.dir ?? "dist";
      await Promise.all(
        Object.keys(bundle)
          .filter((name) => TEXT.test(name))
          .map(async (name) => {
            const file = path.join(dir, name);
            const data = await readFile(file);
            await writeFile(`${file}.br`, await brotli(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
            await writeFile(`${file}.gz`, await gzipped(data, { level: 9 }));
          }),
      );
    },
  };
}
