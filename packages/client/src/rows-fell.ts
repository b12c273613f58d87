import type { TaskResult } from "@tasklane/contract";

/**
 * Whether an import left its supplier with under half the rows it had: most often a file read
 * the wrong way (another sheet, a wrong header row), so the CLI and the page warn about it.
 */
export function rowsFellByHalf(result: TaskResult<"stockImport">): boolean {
  const { rowsBefore, rowsAfter } = result;
  return rowsBefore !== undefined && rowsAfter !== undefined && rowsBefore > 0 && rowsAfter < rowsBefore / 2;
}
