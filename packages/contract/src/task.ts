import { z } from "zod";
import { TaskStatusSchema } from "./status.ts";
import { type TaskInput, type TaskResult, type TaskSubject, type TaskType, taskTypes } from "./task-types/index.ts";
import type { Language } from "./language.ts";
import { type LocalText, LocalTextSchema, textIn } from "./texts/local-text.ts";

export const TASK_TYPES = ["recalculate", "stockImport", "pricelistCreate"] as const satisfies readonly TaskType[];
export const TaskTypeSchema = z.enum(TASK_TYPES);

/** Lower case as the service makes them, so an id a caller wrote in upper case names the same task. */
export const TaskIdSchema = z.uuid().toLowerCase();

/**
 * The longest texts a task carries, so that no file or failure can make a task (and every
 * poll of it) large: producers cut their texts to these with truncateText.
 */
/** Task.message, the current line for a person ("Reading rows: 40,000"). */
export const TASK_MESSAGE_MAX_CHARS = 500;
/** Task.error, the clear text of a failure. */
export const TASK_ERROR_MAX_CHARS = 2_000;

/**
 * `text` if it has at most `max` characters (UTF-16 code units, as zod's max counts), else
 * its start cut to `max` characters in all, ending with "…"; a surrogate pair is never split.
 */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return "";
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--; // a high surrogate whose pair would be cut off
  return `${text.slice(0, end)}…`;
}

function taskSchemaOf<T extends TaskType, S extends z.ZodType<TaskSubject<T>>, R extends z.ZodType<TaskResult<T>>>(
  type: T,
  subject: S,
  result: R,
) {
  return z.object({
    id: TaskIdSchema,
    type: z.literal(type),
    /** What it works on: an import's supplier, kind and file name, a pricelist's source. */
    subject,
    status: TaskStatusSchema,
    /** 0..100; 100 only once completed. */
    progress: z.number().int().min(0).max(100),
    /** The current line for a person: "Reading rows: 40,000". */
    message: z.string().max(TASK_MESSAGE_MAX_CHARS),
    /** The same line by its key and values, for a client that shows another language (taskMessageIn); null only on tasks stored before texts had keys, or for a custom handler's plain string. */
    messageText: LocalTextSchema.nullable(),
    /** Only when completed. */
    result: result.nullable(),
    /** A clear text for a person; only when error or cancelled. */
    error: z.string().max(TASK_ERROR_MAX_CHARS).nullable(),
    /** The same error by its key and values (taskErrorIn); null when `error` is, or on tasks stored before texts had keys. */
    errorText: LocalTextSchema.nullable(),
    createdAt: z.date(),
    startedAt: z.date().nullable(),
    doneAt: z.date().nullable(),
  });
}

export const TaskSchema = z.discriminatedUnion("type", [
  taskSchemaOf("recalculate", taskTypes.recalculate.subject, taskTypes.recalculate.result),
  taskSchemaOf("stockImport", taskTypes.stockImport.subject, taskTypes.stockImport.result),
  taskSchemaOf("pricelistCreate", taskTypes.pricelistCreate.subject, taskTypes.pricelistCreate.result),
]);

/** A task; `Task<"stockImport">` narrows `result` to that type's result. */
export type Task<T extends TaskType = TaskType> = Extract<z.infer<typeof TaskSchema>, { type: T }>;

/** A task that completed: its `result` is present and typed by its task type. */
export type CompletedTask<T extends TaskType = TaskType> = T extends TaskType
  ? Omit<Task<T>, "status" | "result"> & { status: "completed"; result: TaskResult<T> }
  : never;

/**
 * What a task of this input works on; `fileName` is the uploaded file's name, which only the
 * server knows (an import names its file by upload id).
 */
export function taskSubject<T extends TaskType>(type: T, input: TaskInput<T>, fileName: string | null = null): TaskSubject<T> {
  const subjects: { [K in TaskType]: (input: TaskInput<K>) => TaskSubject<K> } = {
    recalculate: () => ({}),
    stockImport: (i) => ({ supplier: i.supplier, kind: i.kind, fileName }),
    pricelistCreate: (i) => ({ source: i.source }),
  };
  return (subjects[type] as (input: TaskInput<T>) => TaskSubject<T>)(input);
}

/** The task's current line in this language (the English `message` when it has no key this version knows). */
export const taskMessageIn = (task: { message: string; messageText?: LocalText | null }, language: Language): string =>
  textIn(task.messageText, language) ?? task.message;

/** The task's error in this language, or null when it has none. */
export const taskErrorIn = (task: { error: string | null; errorText?: LocalText | null }, language: Language): string | null =>
  task.error === null ? null : (textIn(task.errorText, language) ?? task.error);
