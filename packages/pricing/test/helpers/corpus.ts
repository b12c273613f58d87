import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe } from "vitest";

/**
 * The real files of /work/shared/corpus (see its README.md): `../shared/corpus` from the
 * repository's root, read in place, never copied into the repository.
 */
export const CORPUS_DIR = fileURLToPath(new URL("../../../../../shared/corpus/", import.meta.url));

export const corpusAvailable = existsSync(`${CORPUS_DIR}README.md`);

/**
 * A describe that needs the corpus: skipped where it is absent, except under CI, where a
 * missing corpus fails every test of it (a quiet skip would pass for a tested reader).
 */
export const describeCorpus = corpusAvailable || process.env.CI ? describe : describe.skip;

/** The path of a corpus file (e.g. "xlsx/cal__03960a__issue_419.xlsx"); fails when it is not there. */
export function corpusFile(relative: string): string {
  const path = CORPUS_DIR + relative;
  if (!existsSync(path)) throw new Error(`The corpus file ${path} is missing (the corpus is expected at ../shared/corpus)`);
  return path;
}
