/** How long a wait may last: --timeout for the task (none by default), --give-up-after for the service being away. */
export interface WaitLimits {
  timeoutMs: number | undefined;
  giveUpAfterMs: number;
}
