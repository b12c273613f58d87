import type { Task, TaskType } from "@tasklane/contract";
import { checkClientOptions } from "./check-options.ts";
import type { AppRouter } from "@tasklane/server";
import { createTRPCClient, httpBatchLink, httpLink, splitLink } from "@trpc/client";
// Named: the CommonJS build require()s this ES module, and there a default import would be its whole namespace.
import { SuperJSON } from "superjson";
import type { TasklaneClientOptions } from "./client-options.ts";
import { pollTask } from "./poll/poll-task.ts";
import { guard } from "./request-error.ts";
import type { TaskId } from "./task-id.ts";
import type { StockFileInspect, StockImportSubmit, SubmitAnswer, SubmitCalls, SubmitInput, TasklaneClient } from "./tasklane-client.ts";
import { uploadFile } from "./upload.ts";

export function createTasklaneClient(options: TasklaneClientOptions): TasklaneClient {
  checkClientOptions(options);
  const base = options.url.replace(/\/+$/, "");
  const headers = (): Record<string, string> => (options.token ? { authorization: `Bearer ${options.token}` } : {});
  const link = {
    url: `${base}/trpc`,
    transformer: SuperJSON,
    headers,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  };
  const uploads = { base, headers, fetch: options.fetch ?? ((input, init) => fetch(input, init)) } satisfies Parameters<
    typeof uploadFile
  >[0];
  const trpc = createTRPCClient<AppRouter>({
    links: [
      // Reads in the same tick share one request; writes go one by one.
      splitLink({ condition: (op) => op.type === "query", true: httpBatchLink(link), false: httpLink(link) }),
    ],
  });

  const submitter =
    <T extends TaskType>(
      call: (input: SubmitInput<T>, opts: { signal?: AbortSignal }) => Promise<{ taskId: string; deduplicated: boolean }>,
    ) =>
    (input: SubmitInput<T>, opts: { signal?: AbortSignal } = {}) =>
      guard(base, opts.signal, () => call(input, opts)) as Promise<SubmitAnswer<T>>;

  /** The upload's id: the one given, or that of the file, sent first. */
  async function uploaded(source: StockImportSubmit | StockFileInspect, signal: AbortSignal | undefined): Promise<string> {
    return source.uploadId ?? (await uploadFile(uploads, source.file, { filename: source.filename, signal })).uploadId;
  }

  async function stockImport(input: StockImportSubmit, opts: { signal?: AbortSignal }) {
    const { file: _file, filename: _filename, uploadId: _uploadId, ...rest } = input;
    return trpc.tasks.submit.stockImport.mutate({ ...rest, uploadId: await uploaded(input, opts.signal) }, opts);
  }

  async function inspectFile(input: StockFileInspect, opts: { signal?: AbortSignal }) {
    const { file: _file, filename: _filename, uploadId: _uploadId, ...rest } = input;
    return trpc.uploads.inspect.query({ ...rest, uploadId: await uploaded(input, opts.signal) }, opts);
  }

  const submit: SubmitCalls = {
    recalculate: submitter<"recalculate">((input, opts) => trpc.tasks.submit.recalculate.mutate(input, opts)),
    stockImport: submitter<"stockImport">(stockImport),
    pricelistCreate: submitter<"pricelistCreate">((input, opts) => trpc.tasks.submit.pricelistCreate.mutate(input, opts)),
  };

  const readTask = (id: string, signal?: AbortSignal): Promise<Task> => guard(base, signal, () => trpc.tasks.get.query({ id }, { signal }));

  const client: TasklaneClient = {
    submit,
    getTask: <T extends TaskType>(id: TaskId<T>, opts: { signal?: AbortSignal } = {}) => readTask(id, opts.signal) as Promise<Task<T>>,
    listTasks: (filter = {}, opts = {}) => guard(base, opts.signal, () => trpc.tasks.list.query(filter, opts)),
    cancelTask: <T extends TaskType>(id: TaskId<T>, opts: { signal?: AbortSignal } = {}) =>
      guard(base, opts.signal, () => trpc.tasks.cancel.mutate({ id }, opts)) as Promise<Task<T>>,
    pollTask: (id, pollOptions) => pollTask(readTask, id, pollOptions),
    uploadFile: (file, opts = {}) => uploadFile(uploads, file, opts),
    inspectFile: (input, opts = {}) => guard(base, opts.signal, () => inspectFile(input, opts)),
    listSuppliers: (filter = {}, opts = {}) => guard(base, opts.signal, () => trpc.suppliers.list.query(filter, opts)),
    setSupplierMapping: (input, opts = {}) => guard(base, opts.signal, () => trpc.suppliers.setMapping.mutate(input, opts)),
    listComponents: (filter = {}, opts = {}) => guard(base, opts.signal, () => trpc.components.list.query(filter, opts)),
    listPricelists: (filter = {}, opts = {}) => guard(base, opts.signal, () => trpc.pricelists.list.query(filter, opts)),
    getPricelist: (input, opts = {}) => guard(base, opts.signal, () => trpc.pricelists.get.query(input, opts)),
    async submitAndWait(type, input, pollOptions) {
      const { taskId } = await submit[type](input, { signal: pollOptions?.signal });
      return client.pollTask(taskId, pollOptions);
    },
  };
  return client;
}
