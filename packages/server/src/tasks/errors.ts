import { UnavailableError } from "../unavailable.ts";

/** Submits are refused while the server stops; the API answers 503. */
export class ServiceStoppingError extends UnavailableError {
  constructor() {
    super("The service is stopping and takes no new tasks; try again in a moment");
  }
}

/** The text a person reads for a failure that the handler did not describe. */
export function errorText(error: unknown): string {
  if (error instanceof Error && error.message.trim()) return error.message;
  if (typeof error === "string" && error.trim()) return error;
  return "The task failed without saying why";
}
