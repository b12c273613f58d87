/**
 * The service's own texts in English: every task message, task error and skip reason a
 * person reads. `{name}` is a value given where the text is made; `{@key}` embeds another
 * text of the same language. A task stores the English text beside the key and its values,
 * so a client that knows the key shows it in its person's language (ru.ts).
 */
export const en = {
  // Lifecycle: the same on both backends.
  "task.queued": "Waiting for a free slot",
  "task.starting": "Starting",
  "task.cancelling": "Cancelling",
  "task.completed": "Completed",
  "task.failed": "Failed",
  "task.cancelled": "Cancelled",
  "task.cancelledByCaller": "Cancelled by the caller",
  "task.interrupted": "interrupted: the server stopped before the task finished",
  "task.workerInterrupted": "interrupted: the worker running the task stopped before it finished",
  "task.timedOut": "Timed out: the task ran longer than its limit of {seconds} s",
  "task.invalidResult": "The {type} handler returned a result that does not match its schema: {detail}",
  "task.unexplained": "The task failed without saying why",
  // A failure nobody wrote a text for (a bug, a driver's error): its own words, as they are.
  "task.failedWith": "{detail}",
  "task.outOfMemory": "The task needed more memory than one task may use: over {mb} MB (TASKLANE_TASK_MEMORY_MB).",
  "import.outOfMemory":
    "The file needs more memory than one import may use: over {mb} MB (TASKLANE_TASK_MEMORY_MB). Split it into smaller files, or raise the limit.",
  "preview.outOfMemory":
    "The preview needs more memory than one task may use: over {mb} MB (TASKLANE_TASK_MEMORY_MB). Split the file into smaller files, or raise the limit.",
  "task.threadStopped": "The task's worker thread stopped unexpectedly (exit code {code})",
  "task.uploadGone": "The uploaded file {uploadId} is no longer on the server; upload it again",
  "task.databaseLocked": "The pricing database stayed locked by another task for {minutes} minutes; try again later.",

  // Requests the service refuses (beside their code).
  "request.stopping": "The service is stopping and takes no new tasks; try again in a moment",
  "request.queuedLimit": "You have {limit} tasks waiting; wait for some to finish before submitting more",

  // Progress of each task type.
  "import.readingFile": "Reading file",
  "import.readingRows": "Reading rows: {rows}",
  "import.saving": "Saving {rows} rows",
  "import.saved": "Saved {rows} rows",
  "recalculate.started": "Recalculating prices",
  "recalculate.updated": "Updated {count} prices",
  "pricelist.creating": "Creating a {source} pricelist",
  "pricelist.created": "Created a pricelist of {rows} rows",
  "pricelist.source.estimate": "estimate",
  "pricelist.source.warehouse": "warehouse",
  "pricelist.source.competitor": "competitor",

  // An import that ends without changing anything.
  "import.nothingImported": "{cause}, so {supplier}'s {kept} earlier rows are kept as they were.",
  "import.noDataRows": "The file has no data rows below its header",
  "import.noRowImported": "None of the file's {rows} data rows could be imported ({where}row {row}: {reason})",
  "import.inSheet": 'sheet "{sheet}", ',
  "import.tooManyRows": "The file has more than {limit} data rows, the most one import accepts. Split it into smaller files.",

  // Why a data row is skipped.
  "field.price": "price",
  "field.quantity": "quantity",
  "skip.partNumberEmpty": "part number is empty",
  "skip.partNumberTooLong": "part number is longer than {limit} characters ({length}): {cell}",
  "skip.formulaWithoutValue": "{field} is a formula with no saved value: open the file in Excel (or LibreOffice) and save it again",
  "skip.numberTooLong": "{field} is too long to be a number ({length} characters, at most {limit}): {cell}",
  "skip.notANumber": "{field} is not a number: {cell}",
  "skip.priceNotPositive": "price is not a positive number: {cell}",
  "skip.quantityNegative": "quantity is negative: {cell}",

  // A file that cannot be read.
  "hint.saveAsXlsx": "Save the document from 1C (or your spreadsheet program) as an Excel workbook (.xlsx) and upload that file.",
  "file.empty": "The file is empty. {@hint.saveAsXlsx}",
  "file.xls": "The file is an old Excel 97-2003 workbook (.xls), which is not supported. {@hint.saveAsXlsx}",
  "file.unknownFormat":
    "The file's format was not recognised: it is not an .xlsx workbook, a CSV (UTF-8, Windows-1251 or UTF-16) or a 1C 8.x .mxl document. {@hint.saveAsXlsx}",
  "file.passwordProtected": "The workbook is password-protected; save it without a password and upload it again.",
  "file.zipWithoutSheet": "The file is a zip archive without a worksheet, so it is not an .xlsx workbook. {@hint.saveAsXlsx}",
  "file.zipDamaged": "The .xlsx workbook is damaged or incomplete ({detail}). {@hint.saveAsXlsx}",
  "file.zipEncrypted": "The .xlsx workbook is password-protected. {@hint.saveAsXlsx}",
  "file.noSheet": "The workbook has no sheet named {missing}; its sheets are {sheets}.",
  "file.tooManyColumns":
    "Row {row} has more than {limit} columns, more than a spreadsheet can hold; the file is damaged. {@hint.saveAsXlsx}",
  "file.cellTooLong": "The file has a cell text too long to be real (over {limit} characters); the file is damaged. {@hint.saveAsXlsx}",
  "file.partTooLarge": "The workbook's {part} is larger than the limit of {limit} MB once unpacked. Split the file into smaller ones.",
  "file.part.sharedStrings": "shared strings table",
  "file.part.worksheet": "worksheet data",
  "file.tooManyCells":
    "Row {row} has more than {limit} cells (empty ones included), more than a spreadsheet row has columns; the file is damaged. {@hint.saveAsXlsx}",
  "file.rowTooLong":
    "Row {row} holds more than {limit} characters of text in all its cells, far more than a price list row; the file is damaged. {@hint.saveAsXlsx}",
  "file.tooManyEmptyRows":
    "The file has more than {limit} empty rows in a row, from row {row} on: it is damaged, or empty rows are formatted down to the end of the sheet. Delete the empty rows below the data and upload it again.",
  "file.tooManyFileCells":
    "The file has more than {limit} cells (empty ones included), more than one import reads. Remove empty columns and rows, or split it into smaller files.",
  "file.csvUnclosedQuote": "The CSV file has a quoted field that starts on row {row} and is never closed.",
  "file.csvMixedEncoding":
    'The CSV file starts as {encoding} text but has bytes further on that are not. Save it as "CSV UTF-8" or as an Excel workbook (.xlsx) and upload it again.',
  "file.mxl77": "The file is a 1C:Enterprise 7.7 spreadsheet (.mxl), whose binary format cannot be read. {@hint.saveAsXlsx}",
  "file.mxlTooLarge": "The 1C document is larger than {limit} MB, too large to read as .mxl. {@hint.saveAsXlsx}",
  "file.mxlNoRows": "No table rows could be read from the 1C document. {@hint.saveAsXlsx}",
  "file.mxlNotUtf8": "The 1C document's text is not valid UTF-8. {@hint.saveAsXlsx}",
  "file.mxlDamaged": "The 1C document is damaged or incomplete ({detail}). {@hint.saveAsXlsx}",
  "file.mxlTooDeep": "The 1C document nests its lists more than {limit} levels deep; it is damaged. {@hint.saveAsXlsx}",
  "file.mxlTooManyNodes": "The 1C document holds more than {limit} items, too many to read as .mxl. {@hint.saveAsXlsx}",

  // A file whose columns are not found.
  "columns.oneOf": "{names} or {last}",
  "columns.noHeaderRow":
    "No header row found: no row in the first {scan} rows names both a part number column ({partNumberNames}) and a price column ({priceNames}).",
  "columns.noPrice": "No price column found: expected a header named {priceNames} in the first {scan} rows.{similar}{seen}",
  "columns.noPartNumber": "No part number column found: expected a header named {partNumberNames} in the first {scan} rows.{similar}{seen}",
  "columns.noneOfThem":
    "No part number or price column found: expected headers named {partNumberNames} and {priceNames} in the first {scan} rows.{similar}",
  "columns.similarNames": " Similar names count too, e.g. {names}.",
  "columns.seenPartNumber": ' Row {row} has "{header}" as the part number.',
  "columns.seenPrice": ' Row {row} has "{header}" as the price.',

  // A mapping that does not fit the file.
  "mapping.headerRowLacks": "The mapping's header row {row} has no column {columns}.",
  "mapping.headerRowEmpty": "The mapping's header row {row} is empty.",
  "mapping.headerRowPastEnd": "The mapping's header row {row} is past the end of the sheet.",
  "mapping.closest": "No header row found for the mapping: row {row} comes closest but has no column {columns}.",
  "mapping.noRowWithHeaders": "No row in the first {scan} has the mapping's headers {headers}.",
  "mapping.noColumn": "{where} has no {lacking} column: choose it in the mapping (by header text or column number).",
  "mapping.whereHeaderRow": "The mapping's header row {row}",
  "mapping.whereFirstRows": "The first {scan} rows",
  "mapping.lacksPartNumber": "part number",
  "mapping.lacksPrice": "price",
  "mapping.lacksBoth": "part number or price",

  // The preview: why a header row and each column were chosen.
  "preview.headerAsMapped": "row {row}, as the mapping says",
  "preview.headerByMapping": "the first row with the mapping's columns and a part number and a price",
  "preview.headerFound": "the first row in the first {scan} that names a part number column and a price column",
  "preview.headerFoundBelow":
    "the first row in the first {scan} that names a part number column and a price column; the rows above it do not",
  "preview.headerIs": "the header is a known name for {label}",
  "preview.headerStartsWith": "the header starts with a known name for {label}",
  "preview.chosenByHeader": "chosen in the mapping by its header",
  "preview.chosenByPosition": "chosen in the mapping by its column number",
  "preview.foundInHeader": "found in the header row",
  "preview.cellsArePrices": 'its cells are positive numbers; those under "{header}" are mostly not',
  "preview.cellsArePartNumbers": 'its cells look like part numbers; those under "{header}" are mostly not',
  "preview.noVisibleSheet": "The workbook has no visible sheet.",
  "preview.noMappedSheet": "The workbook has none of the sheets the mapping names.",
  "label.partNumber": "part number or article",
  "label.model": "model",
  "label.code": "code",
  "label.name": "name",
  "label.description": "description or product",
  "label.vendor": "vendor",
  "label.category": "category",
  "label.freeStock": "free stock",
  "label.quantity": "stock or quantity",
  "label.retailPrice": "retail or recommended price",
  "label.price": "price",
  "label.dealerPrice": "dealer or wholesale price",
} as const;
