/**
 * The submit benchmark: tasks submitted and completed per second through HTTP (http-submit.ts), and
 * the task manager's own overhead per task without HTTP (manager-overhead.ts), RUNS times each.
 *
 *   pnpm --filter @tasklane/bench exec tsx submit/submit-bench.ts
 */
import { machine } from "../lib/machine.ts";
import { saveResult } from "../lib/result-file.ts";
import { httpSubmit } from "./http-submit.ts";
import { managerOverhead } from "./manager-overhead.ts";

const RUNS = Number(process.env.RUNS ?? 3);

const http = [];
const manager = [];
for (let run = 1; run <= RUNS; run++) {
  http.push(await httpSubmit());
  manager.push(await managerOverhead());
  console.error(`submit run ${run}/${RUNS}: ${JSON.stringify({ http: http.at(-1), manager: manager.at(-1) })}`);
}
await saveResult({ machine: machine(), runs: RUNS, http, manager });
