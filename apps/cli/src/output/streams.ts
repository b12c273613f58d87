/**
 * Where output goes. The result goes to stdout so `id=$(tasklane recalculate)` and
 * `tasklane get ID --json | jq` work; everything meant for a person watching goes to stderr.
 */
export function printResult(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** --json: one document on stdout, Dates as ISO 8601 strings. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printNote(line: string): void {
  process.stderr.write(`${line}\n`);
}
