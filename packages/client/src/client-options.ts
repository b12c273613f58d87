export interface TasklaneClientOptions {
  /** The service's base URL, such as http://127.0.0.1:3000. */
  url: string;
  /** Sent as `Authorization: Bearer <token>`; leave out for a service running open. */
  token?: string;
  /** Another fetch (tests, proxies). Default: the global fetch. */
  fetch?: typeof fetch;
}
