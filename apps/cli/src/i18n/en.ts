/**
 * The English texts, the reference: ru.ts must have the same keys (messages.ts checks it). Plural
 * nouns follow i18next's `_one`/`_other` suffixes; `{{n}}` is the count as formatted for people.
 */
export const en = {
  usage: {
    seeHelp: '{{reason}} (see "{{help}}")',
    missingCommand: "missing a command",
    unknownCommand: 'unknown command "{{name}}"; the commands are {{commands}}',
    unknownOption: "unknown option {{option}}",
    unexpectedArgument: "unexpected argument {{arg}}",
    takesNoValue: "{{option}} takes no value",
    needsValue: "{{option}} needs a value",
    mustBeOneOf: "--{{flag}} must be one of {{allowed}}",
    missing: "missing {{what}}",
    secondsAbove0: '--{{flag}} must be a number of seconds above 0, not "{{value}}"',
    wholeNumber: '--{{flag}} must be a whole number from 1 up, not "{{value}}"',
    notTaskId: '"{{value}}" is not a task id (a UUID, as printed when the task was submitted)',
    onlyWithWait: "--{{flag}} only applies with --wait",
    notHttpUrl: '"{{url}}" is not an http(s) URL such as {{example}}',
    badToken: "the token (--token or TASKLANE_TOKEN) has spaces, or characters an HTTP header cannot carry",
    needsColumn: "--{{flag}} needs a header text or a column number",
    columnRange: "--{{flag}} {{value}}: column numbers go from 1 (A) to {{max}}",
    contradict: "{{first}} and {{second}} contradict each other",
    mappingOptions: "mapping options",
    mappingOrForget: "give mapping options, or --forget",
    mappingOnlyWithName: 'mapping options and --forget go with "tasklane suppliers mapping NAME"',
  },
  failure: {
    unexpected: "unexpected error: {{text}}",
    unreachable: "cannot reach the tasklane service at {{url}}: is it running? (set --url or TASKLANE_URL)",
    tokenRefused: "the service at {{url}} refused the token: check --token or TASKLANE_TOKEN",
    tokenNeeded: "the service at {{url}} needs a token: set --token or TASKLANE_TOKEN",
    stopping: "the service at {{url}} is stopping and takes no new work: {{message}}",
    engineUnavailable: "the service at {{url}} is running but cannot reach its database or task queue: {{message}}",
    unavailable: "the service at {{url}} is unavailable: {{message}}",
    busy: "the service is busy, try again shortly: {{message}}",
    answered: "the service answered {{code}}: {{message}}",
    fileNotFound: "cannot read {{path}}: no such file",
    fileUnreadable: "cannot read {{path}}: not a file this user can read (a folder, or no permission)",
  },
  wait: {
    submitted: "Submitted {{type}} task {{id}}",
    deduplicated: "The same {{type}} task was already queued or running (or had this idempotency key): this is that task.",
    unreachable: "tasklane: service unreachable at {{url}}, retrying for up to {{seconds}} s…",
    stopping: "tasklane: the service at {{url}} is stopping, retrying for up to {{seconds}} s…",
    engineUnavailable: "tasklane: the service at {{url}} cannot reach its database or task queue, retrying for up to {{seconds}} s…",
    back: "tasklane: service back",
    failed: "task {{id}} ({{type}}) failed: {{error}}",
    noReason: "no reason given",
    cancelled: "task {{id}} ({{type}}) was cancelled",
    cancelledBecause: "task {{id}} ({{type}}) was cancelled: {{error}}",
    timedOut: "task {{id}} did not end within {{seconds}} s; {{goesOn}}",
    gaveUp: "the service did not answer for {{seconds}} s: gave up waiting for task {{id}}; {{goesOn}}",
    interrupted: "stopped waiting for task {{id}}; {{goesOn}}",
    goesOn: 'it goes on: follow it with "tasklane watch {{id}}", stop it with "tasklane cancel {{id}}"',
  },
  units: {
    row_one: "{{n}} row",
    row_other: "{{n}} rows",
    component_one: "{{n}} component",
    component_other: "{{n}} components",
    newComponent_one: "{{n}} new component",
    newComponent_other: "{{n}} new components",
    moreSkippedRow_one: "{{n}} more skipped row",
    moreSkippedRow_other: "{{n}} more skipped rows",
  },
  summary: {
    recalculated: "Recalculated {{components}}: {{updated}} updated, {{unchanged}} unchanged, {{withoutOffers}} without offers",
    imported: "Imported {{imported}} of {{rows}} ({{skipped}} skipped, {{created}})",
    skippedRow: "  row {{row}}: {{reason}}",
    andMore: "  and {{more}}",
    rowsBeforeAfter: "  The supplier's rows: {{before}} before, {{after}} now",
    fellByHalf: "  Warning: the supplier's rows fell by more than half: check the file and how it was read (tasklane inspect)",
    readWith: "  Read with {{source}}: {{mapping}}",
    savedForSupplier: " (saved for the supplier)",
    source: { given: "the mapping given", saved: "the supplier's saved mapping", detected: "the detected mapping" },
    pricelistCreated: "Created {{article}} {{source}} pricelist of {{rows}}: {{id}}",
    completed: "Completed: {{result}}",
  },
  task: {
    id: "id",
    type: "type",
    status: "status",
    progress: "progress",
    message: "message",
    created: "created",
    started: "started",
    done: "done",
    result: "result",
    error: "error",
    subject: "works on",
    noFileName: "file name not recorded",
    listHeader: { id: "ID", type: "TYPE", status: "STATUS", progress: "PROGRESS", created: "CREATED", subject: "WORKS ON" },
  },
  cancel: {
    alreadyEnded: "Task {{id}} had already ended ({{status}}): nothing to cancel",
    stopping: "Task {{id}} is stopping ({{state}})",
    ended: "Task {{id}} {{status}}",
    endedBecause: "Task {{id}} {{status}}: {{error}}",
  },
  list: {
    none: "No tasks.",
    more: "More tasks: --cursor {{cursor}}",
  },
  suppliers: {
    none: "No suppliers yet: import a stock file first.",
    saved: "{{name}} ({{kind}}): mapping saved: {{mapping}}",
    forgotten: "{{name}} ({{kind}}): mapping forgotten: {{mapping}}",
    never: "never",
    savedAt: "{{mapping}} (saved {{date}})",
    header: { name: "NAME", kind: "KIND", offers: "OFFERS", lastImport: "LAST IMPORT", mapping: "MAPPING" },
  },
  mapping: {
    detectedEachTime: "detected each time",
    everythingDetected: "everything detected",
    sheets: "sheets {{sheets}}",
    headerRow: "header row {{row}}",
    fieldNotRead: "{{field}} not read",
    fieldColumn: "{{field}} column {{column}}",
    fieldHeader: '{{field}} "{{header}}"',
  },
  preview: {
    readSaved: "{{where}}, read with the mapping saved for {{supplier}}",
    theSupplier: "the supplier",
    readGiven: "{{where}}, read with the mapping given",
    readDetected: "{{where}}, read as detected",
    readAs: "{{where}}, read as {{source}}",
    sheet: 'Sheet "{{name}}"',
    hidden: " (hidden)",
    notRead: "{{title}}: not read",
    noHeader: "{{title}}: no header row",
    noHeaderBecause: "{{title}}: no header row: {{problem}}",
    headerOn: "{{title}}: header on row {{row}}",
    headerOnBecause: "{{title}}: header on row {{row}} ({{reason}})",
    problem: "  Problem: {{problem}}",
    fieldHeader: { field: "FIELD", column: "COLUMN", why: "WHY", alternatives: "ALTERNATIVES" },
    fieldNotRead: "not read",
    unread: "  Not read: {{columns}}",
    wholeSheet: "(the sheet has {{rows}})",
    firstRows: "(the preview read its first {{rows}})",
    noRows: "  No rows to import {{extent}}",
    rowsAsStored: "  Rows as they would be stored, the first {{shown}} {{extent}}:",
    rowHeader: {
      row: "ROW",
      partNumber: "PART NUMBER",
      name: "NAME",
      vendor: "VENDOR",
      category: "CATEGORY",
      quantity: "QUANTITY",
      price: "PRICE",
    },
    skipped: "  Rows that would be skipped:",
    skippedAmongRead: "  Rows that would be skipped among those read:",
    skippedRow: "    row {{row}}: {{reason}}",
    wouldFail: "An import with this mapping would fail: {{error}}",
  },
  help: {
    tool: `Usage: tasklane <command> [options]

The command line of the tasklane service: submit tasks, follow them, read their results.

Commands:
{{commands}}

{{connection}}

Exit codes: {{ok}} completed (or done), {{error}} task error, {{usage}} wrong usage or no service,
{{cancelled}} cancelled, {{timedOut}} timed out, {{gaveUp}} service unreachable for --give-up-after while waiting,
{{interrupted}} Ctrl-C while waiting (the task goes on).
Run "tasklane <command> --help" for a command's options; see docs/cli.md.`,
    connection: `Options for every command:
  --url URL        the service (default: $TASKLANE_URL, else http://127.0.0.1:3000)
  --token TOKEN    sent as a bearer token (default: $TASKLANE_TOKEN)
  --json           print the answer as JSON on stdout, for scripts
  -h, --help       this text`,
    wait: `  -w, --wait           wait for the task to end, showing its progress on stderr;
                       exit 0 completed, 1 error, 3 cancelled, 4 timed out, 5 service
                       unreachable too long, 130 Ctrl-C
  --timeout SECONDS    with --wait: stop waiting after this long (exit 4); the task goes on
  --give-up-after SECONDS
                       with --wait: while the service is unreachable (a restart), keep retrying
                       this long before giving up (exit 5; default {{giveUpAfter}} s)
  --idempotency-key K  a retried submit with the same key answers with the first task`,
    or: "or",
    mappingIntro: "How to read the file (anything left out is detected, or taken from the supplier's saved mapping):",
    mappingSheet: "read this sheet; repeat for several (default: every visible sheet)",
    mappingHeaderRow: "the header is on row N of every sheet read (default: found in the first rows)",
    mappingField: "the {{field}} column: its header text, or its number (1 = A)",
    mappingSkipField: "do not read FIELD even if a header names it; repeat for several",
  },
  commands: {
    recalculate: {
      summary: "recalculate every component's price from its suppliers' offers",
      help: `Usage: tasklane recalculate [--wait] [--timeout SECONDS] [--give-up-after SECONDS]

Submits a task that recalculates every component's price from its suppliers' stock offers.
Prints the task id, or with --wait the result.

{{wait}}

{{connection}}`,
    },
    inspect: {
      summary: "show how a stock file would be read, without importing it",
      help: `Usage: tasklane inspect FILE [--supplier NAME] [--kind {{kinds}}] [mapping options]

Uploads FILE and prints how an import would read it: per sheet the header row and why, the
column each field is read from and why, with the other candidate columns, the first rows as
they would be stored and the rows that would be skipped, with reasons. Nothing is imported.
Try mapping options here, then give the same ones to "tasklane import" (with --save-mapping
to remember them for the supplier).

Exits 0 when an import would succeed, 1 when it would fail (the last line says why), 2 when
the file cannot be read at all.

  --supplier NAME      read it with NAME's saved mapping, if it has one and no mapping option is given
  --kind KIND          {{kindsOr}} (default: stock): which of NAME's mappings

{{mapping}}

{{connection}}`,
    },
    import: {
      summary: "upload a supplier's or a competitor's stock file and import it",
      help: `Usage: tasklane import FILE --supplier NAME [--kind {{kinds}}] [mapping options] [--save-mapping] [--wait] [--timeout SECONDS]

Uploads FILE (xlsx, csv or 1C mxl) and submits a task that imports it as NAME's offers.
Prints the task id, or with --wait the result. Without mapping options the file is read with
NAME's saved mapping if it has one, else as detected ("tasklane inspect" shows how).

  --supplier NAME      whose offers the file holds (required)
  --kind KIND          {{kindsOr}} (default: stock)
  --save-mapping       once imported, remember how the file was read for NAME's next files
{{wait}}

{{mapping}}

{{connection}}`,
    },
    suppliers: {
      summary: "list suppliers and competitors with their saved mappings, or change a mapping",
      help: `Usage: tasklane suppliers [--kind {{kinds}}]
       tasklane suppliers mapping NAME --kind {{kinds}} (mapping options | --forget)

The first form lists every supplier (kind stock) and competitor (kind competitor) by name:
its offers now, its last import, and the mapping its files are read with.

The second saves a mapping for NAME's next imports (those given no mapping of their own), or
with --forget forgets it, so its files are detected again. Prints the supplier as saved.

  --kind KIND          {{kindsOr}}: list only these; required with "mapping"
  --forget             forget NAME's mapping

{{mapping}}

{{connection}}`,
    },
    pricelist: {
      summary: "create a pricelist from estimate, warehouse or competitor prices",
      help: `Usage: tasklane pricelist --source {{sources}} [--wait] [--timeout SECONDS]

Submits a task that creates a pricelist from SOURCE. Prints the task id, or with --wait the
result: the new pricelist's id and row count.

  --source SOURCE      {{sourcesList}} (required)
{{wait}}

{{connection}}`,
    },
    get: {
      summary: "show a task: status, progress, message, result or error",
      help: `Usage: tasklane get ID

Prints the task once (use "tasklane watch ID" to follow it until it ends). Exits 0 whatever
the task's status; an unknown ID exits 2.

{{connection}}`,
    },
    watch: {
      summary: "follow a task's progress until it ends, and exit by how it ended",
      help: `Usage: tasklane watch ID [--timeout SECONDS] [--give-up-after SECONDS]

Shows the task's progress on stderr until it ends, then its result on stdout.
Exits 0 completed, 1 error, 3 cancelled, 4 timed out, 5 service unreachable too long,
130 on Ctrl-C (the task goes on).

  --timeout SECONDS    stop waiting after this long (exit 4); the task goes on
  --give-up-after SECONDS
                       while the service is unreachable (a restart), keep retrying this long
                       before giving up (exit 5; default {{giveUpAfter}} s)

{{connection}}`,
    },
    list: {
      summary: "list your tasks, newest first",
      help: `Usage: tasklane list [--type TYPE] [--status STATUS] [--supplier NAME] [--limit N] [--cursor CURSOR]

Prints a table of tasks (id, type, status, progress, created, what it works on), newest first.

  --type TYPE        {{types}}
  --status STATUS    {{statuses}}
  --supplier NAME    imports of this supplier (or competitor) only
  --limit N          how many (default: the service's page size)
  --cursor CURSOR    the next page: the nextCursor of a --json answer

{{connection}}`,
    },
    cancel: {
      summary: "cancel a queued or running task",
      help: `Usage: tasklane cancel ID [--timeout SECONDS]

Cancels the task and prints its status. A running task stops at its next check, so the
command waits up to --timeout (default {{settle}} s) for it to end. A task that had already
ended stays as it was. Exits 0 once the service took the request.

  --timeout SECONDS    how long to wait for a running task to stop

{{connection}}`,
    },
  },
} as const;
