import { type Task, isFinalStatus } from "@tasklane/contract";

/** Some task in the list is queued or running: the list is worth reading again soon. */
export const anyActive = (tasks: readonly Task[] | undefined) => tasks?.some((t) => !isFinalStatus(t.status)) ?? false;
