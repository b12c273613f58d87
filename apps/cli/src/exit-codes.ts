/**
 * The command's exit codes, in one place: scripts branch on them, so each is part of the
 * command's contract and documented in docs/cli.md.
 */
export const EXIT = {
  /** The command did its work; with a wait, the task completed. */
  ok: 0,
  /** The task ended with status error, or something unexpected went wrong. */
  error: 1,
  /** Wrong usage, a wrong argument (such as an unknown task id), or no service to talk to. */
  usage: 2,
  /** The task ended cancelled. */
  cancelled: 3,
  /** --timeout passed before the task ended; the task goes on. */
  timedOut: 4,
  /** The service stayed unreachable for --give-up-after during a wait; the task may go on. */
  gaveUp: 5,
  /** Ctrl-C stopped the wait; the task goes on. 128 + SIGINT, as shells report it. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
