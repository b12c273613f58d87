import type { Messages } from "./messages.ts";

/** Тексты на русском: те же ключи, что в en.ts; у существительных с числом четыре формы i18next (one, few, many, other). */
export const ru = {
  usage: {
    seeHelp: "{{reason}} (см. «{{help}}»)",
    missingCommand: "не указана команда",
    unknownCommand: "неизвестная команда «{{name}}»; команды: {{commands}}",
    unknownOption: "неизвестный параметр {{option}}",
    unexpectedArgument: "лишний аргумент {{arg}}",
    takesNoValue: "{{option}} не принимает значения",
    needsValue: "{{option}} требует значения",
    mustBeOneOf: "--{{flag}} должен быть одним из: {{allowed}}",
    missing: "не указан {{what}}",
    secondsAbove0: "--{{flag}} должен быть числом секунд больше 0, а не «{{value}}»",
    wholeNumber: "--{{flag}} должен быть целым числом от 1, а не «{{value}}»",
    notTaskId: "«{{value}}» не похоже на id задачи (UUID, который был выведен при отправке задачи)",
    onlyWithWait: "--{{flag}} действует только вместе с --wait",
    notHttpUrl: "«{{url}}» не является http(s)-адресом вроде {{example}}",
    badToken: "в токене (--token или TASKLANE_TOKEN) есть пробелы или символы, которые не передать в заголовке HTTP",
    needsColumn: "--{{flag}} требует текст заголовка или номер столбца",
    columnRange: "--{{flag}} {{value}}: номера столбцов идут от 1 (A) до {{max}}",
    contradict: "{{first}} и {{second}} противоречат друг другу",
    mappingOptions: "параметры разметки",
    mappingOrForget: "укажите параметры разметки или --forget",
    mappingOnlyWithName: "параметры разметки и --forget используются с «tasklane suppliers mapping NAME»",
  },
  failure: {
    unexpected: "непредвиденная ошибка: {{text}}",
    unreachable: "не удаётся связаться со службой tasklane по адресу {{url}}: она запущена? (задайте --url или TASKLANE_URL)",
    tokenRefused: "служба по адресу {{url}} отклонила токен: проверьте --token или TASKLANE_TOKEN",
    tokenNeeded: "службе по адресу {{url}} нужен токен: задайте --token или TASKLANE_TOKEN",
    stopping: "служба по адресу {{url}} останавливается и не принимает новую работу: {{message}}",
    engineUnavailable: "служба по адресу {{url}} работает, но не может связаться со своей базой данных или очередью задач: {{message}}",
    unavailable: "служба по адресу {{url}} недоступна: {{message}}",
    busy: "служба занята, повторите чуть позже: {{message}}",
    answered: "служба ответила {{code}}: {{message}}",
    fileNotFound: "не удаётся прочитать {{path}}: файла нет",
    fileUnreadable: "не удаётся прочитать {{path}}: это не файл, доступный этому пользователю для чтения (папка или нет прав)",
  },
  wait: {
    submitted: "Отправлена задача {{type}} {{id}}",
    deduplicated: "Такая же задача {{type}} уже стояла в очереди или выполнялась (или имела этот ключ идемпотентности): это она.",
    unreachable: "tasklane: служба недоступна по адресу {{url}}, повторяю попытки до {{seconds}} с…",
    stopping: "tasklane: служба по адресу {{url}} останавливается, повторяю попытки до {{seconds}} с…",
    engineUnavailable:
      "tasklane: служба по адресу {{url}} не может связаться со своей базой данных или очередью задач, повторяю попытки до {{seconds}} с…",
    back: "tasklane: служба снова доступна",
    failed: "задача {{id}} ({{type}}) завершилась ошибкой: {{error}}",
    noReason: "причина не указана",
    cancelled: "задача {{id}} ({{type}}) отменена",
    cancelledBecause: "задача {{id}} ({{type}}) отменена: {{error}}",
    timedOut: "задача {{id}} не завершилась за {{seconds}} с; {{goesOn}}",
    gaveUp: "служба не отвечала {{seconds}} с: ожидание задачи {{id}} прекращено; {{goesOn}}",
    interrupted: "ожидание задачи {{id}} прервано; {{goesOn}}",
    goesOn: "она продолжается: следить — «tasklane watch {{id}}», остановить — «tasklane cancel {{id}}»",
  },
  units: {
    row_one: "{{n}} строка",
    row_few: "{{n}} строки",
    row_many: "{{n}} строк",
    row_other: "{{n}} строки",
    component_one: "{{n}} компонент",
    component_few: "{{n}} компонента",
    component_many: "{{n}} компонентов",
    component_other: "{{n}} компонента",
    newComponent_one: "{{n}} новый компонент",
    newComponent_few: "{{n}} новых компонента",
    newComponent_many: "{{n}} новых компонентов",
    newComponent_other: "{{n}} нового компонента",
    moreSkippedRow_one: "ещё {{n}} пропущенная строка",
    moreSkippedRow_few: "ещё {{n}} пропущенные строки",
    moreSkippedRow_many: "ещё {{n}} пропущенных строк",
    moreSkippedRow_other: "ещё {{n}} пропущенной строки",
  },
  summary: {
    recalculated: "Пересчитано {{components}}: {{updated}} обновлено, {{unchanged}} без изменений, {{withoutOffers}} без предложений",
    imported: "Импортировано {{imported}} из {{rows}} ({{skipped}} пропущено, {{created}})",
    skippedRow: "  строка {{row}}: {{reason}}",
    andMore: "  и {{more}}",
    rowsBeforeAfter: "  Строк поставщика: {{before}} было, {{after}} стало",
    fellByHalf: "  Внимание: строк поставщика стало меньше вдвое с лишним: проверьте файл и то, как он прочитан (tasklane inspect)",
    readWith: "  Прочитано по {{source}}: {{mapping}}",
    savedForSupplier: " (сохранена для поставщика)",
    source: { given: "заданной разметке", saved: "сохранённой разметке поставщика", detected: "найденной разметке" },
    pricelistCreated: "Создан прайс-лист из источника {{source}}, {{rows}}: {{id}}",
    completed: "Завершено: {{result}}",
  },
  task: {
    id: "id",
    type: "тип",
    status: "статус",
    progress: "ход",
    message: "сообщение",
    created: "создана",
    started: "начата",
    done: "завершена",
    result: "результат",
    error: "ошибка",
    subject: "с чем",
    noFileName: "имя файла не записано",
    listHeader: { id: "ID", type: "ТИП", status: "СТАТУС", progress: "ХОД", created: "СОЗДАНА", subject: "С ЧЕМ" },
  },
  cancel: {
    alreadyEnded: "Задача {{id}} уже завершилась ({{status}}): отменять нечего",
    stopping: "Задача {{id}} останавливается ({{state}})",
    ended: "Задача {{id}}: {{status}}",
    endedBecause: "Задача {{id}}: {{status}}: {{error}}",
  },
  list: {
    none: "Задач нет.",
    more: "Ещё задачи: --cursor {{cursor}}",
  },
  suppliers: {
    none: "Поставщиков пока нет: сначала импортируйте файл остатков.",
    saved: "{{name}} ({{kind}}): разметка сохранена: {{mapping}}",
    forgotten: "{{name}} ({{kind}}): разметка забыта: {{mapping}}",
    never: "никогда",
    savedAt: "{{mapping}} (сохранена {{date}})",
    header: { name: "НАЗВАНИЕ", kind: "ВИД", offers: "ПРЕДЛОЖЕНИЙ", lastImport: "ПОСЛЕДНИЙ ИМПОРТ", mapping: "РАЗМЕТКА" },
  },
  mapping: {
    detectedEachTime: "определяется каждый раз",
    everythingDetected: "всё определяется",
    sheets: "листы {{sheets}}",
    headerRow: "заголовок в строке {{row}}",
    fieldNotRead: "{{field}} не читается",
    fieldColumn: "{{field}} из столбца {{column}}",
    fieldHeader: "{{field}} «{{header}}»",
  },
  preview: {
    readSaved: "{{where}}, прочитан по разметке, сохранённой для {{supplier}}",
    theSupplier: "поставщика",
    readGiven: "{{where}}, прочитан по заданной разметке",
    readDetected: "{{where}}, прочитан по найденной разметке",
    readAs: "{{where}}, прочитан как {{source}}",
    sheet: "Лист «{{name}}»",
    hidden: " (скрытый)",
    notRead: "{{title}}: не читается",
    noHeader: "{{title}}: строка заголовка не найдена",
    noHeaderBecause: "{{title}}: строка заголовка не найдена: {{problem}}",
    headerOn: "{{title}}: заголовок в строке {{row}}",
    headerOnBecause: "{{title}}: заголовок в строке {{row}} ({{reason}})",
    problem: "  Проблема: {{problem}}",
    fieldHeader: { field: "ПОЛЕ", column: "СТОЛБЕЦ", why: "ПОЧЕМУ", alternatives: "ДРУГИЕ ВАРИАНТЫ" },
    fieldNotRead: "не читается",
    unread: "  Не читаются: {{columns}}",
    wholeSheet: "(на листе {{rows}})",
    firstRows: "(предпросмотр прочитал первые {{rows}})",
    noRows: "  Нет строк для импорта {{extent}}",
    rowsAsStored: "  Строки, как они будут сохранены, первые {{shown}} {{extent}}:",
    rowHeader: {
      row: "СТРОКА",
      partNumber: "АРТИКУЛ",
      name: "НАИМЕНОВАНИЕ",
      vendor: "ПРОИЗВОДИТЕЛЬ",
      category: "КАТЕГОРИЯ",
      quantity: "КОЛИЧЕСТВО",
      price: "ЦЕНА",
    },
    skipped: "  Строки, которые будут пропущены:",
    skippedAmongRead: "  Строки, которые будут пропущены, среди прочитанных:",
    skippedRow: "    строка {{row}}: {{reason}}",
    wouldFail: "Импорт с этой разметкой завершится ошибкой: {{error}}",
  },
  help: {
    tool: `Использование: tasklane <команда> [параметры]

Командная строка службы tasklane: отправляйте задачи, следите за ними, читайте их результаты.

Команды:
{{commands}}

{{connection}}

Коды выхода: {{ok}} выполнено (или сделано), {{error}} ошибка задачи, {{usage}} неверный вызов или нет службы,
{{cancelled}} отменено, {{timedOut}} истекло время, {{gaveUp}} служба недоступна дольше --give-up-after во время ожидания,
{{interrupted}} Ctrl-C во время ожидания (задача продолжается).
«tasklane <команда> --help» покажет параметры команды; см. docs/cli.md.`,
    connection: `Параметры всех команд:
  --url URL        адрес службы (по умолчанию $TASKLANE_URL, иначе http://127.0.0.1:3000)
  --token TOKEN    отправляется как bearer-токен (по умолчанию $TASKLANE_TOKEN)
  --json           вывести ответ в stdout как JSON, для скриптов
  -h, --help       этот текст`,
    wait: `  -w, --wait           ждать завершения задачи, показывая ход в stderr; выход 0 выполнено,
                       1 ошибка, 3 отменено, 4 истекло время, 5 служба слишком долго
                       недоступна, 130 Ctrl-C
  --timeout SECONDS    с --wait: перестать ждать через столько секунд (выход 4); задача продолжается
  --give-up-after SECONDS
                       с --wait: пока служба недоступна (перезапуск), повторять попытки
                       столько секунд, потом сдаться (выход 5; по умолчанию {{giveUpAfter}} с)
  --idempotency-key K  повторная отправка с тем же ключом отвечает первой задачей`,
    or: "или",
    mappingIntro: "Как читать файл (всё, что не указано, определяется само или берётся из сохранённой разметки поставщика):",
    mappingSheet: "читать этот лист; повторите для нескольких (по умолчанию все видимые листы)",
    mappingHeaderRow: "заголовок в строке N каждого читаемого листа (по умолчанию ищется в первых строках)",
    mappingField: "столбец поля {{field}}: текст его заголовка или номер (1 = A)",
    mappingSkipField: "не читать поле FIELD, даже если его называет заголовок; повторите для нескольких",
  },
  commands: {
    recalculate: {
      summary: "пересчитать цену каждого компонента по предложениям поставщиков",
      help: `Использование: tasklane recalculate [--wait] [--timeout SECONDS] [--give-up-after SECONDS]

Отправляет задачу, которая пересчитывает цену каждого компонента по складским предложениям
поставщиков. Выводит id задачи, а с --wait — результат.

{{wait}}

{{connection}}`,
    },
    inspect: {
      summary: "показать, как будет прочитан файл остатков, не импортируя его",
      help: `Использование: tasklane inspect FILE [--supplier NAME] [--kind {{kinds}}] [параметры разметки]

Загружает FILE и показывает, как его прочитает импорт: для каждого листа строку заголовка и
почему, столбец каждого поля и почему, с другими подходящими столбцами, первые строки так, как
они будут сохранены, и строки, которые будут пропущены, с причинами. Ничего не импортируется.
Подберите здесь параметры разметки, затем передайте те же в «tasklane import» (с --save-mapping,
чтобы запомнить их для поставщика).

Выход 0, если импорт пройдёт, 1, если завершится ошибкой (последняя строка скажет почему),
2, если файл вообще не читается.

  --supplier NAME      читать по сохранённой разметке NAME, если она есть и параметры разметки не заданы
  --kind KIND          {{kindsOr}} (по умолчанию stock): какая из разметок NAME

{{mapping}}

{{connection}}`,
    },
    import: {
      summary: "загрузить файл остатков поставщика или конкурента и импортировать его",
      help: `Использование: tasklane import FILE --supplier NAME [--kind {{kinds}}] [параметры разметки] [--save-mapping] [--wait] [--timeout SECONDS]

Загружает FILE (xlsx, csv или 1C mxl) и отправляет задачу, которая импортирует его как
предложения NAME. Выводит id задачи, а с --wait — результат. Без параметров разметки файл
читается по сохранённой разметке NAME, если она есть, иначе как определится («tasklane inspect»
покажет как).

  --supplier NAME      чьи предложения в файле (обязательно)
  --kind KIND          {{kindsOr}} (по умолчанию stock)
  --save-mapping       после импорта запомнить, как прочитан файл, для следующих файлов NAME
{{wait}}

{{mapping}}

{{connection}}`,
    },
    suppliers: {
      summary: "список поставщиков и конкурентов с сохранёнными разметками, или изменить разметку",
      help: `Использование: tasklane suppliers [--kind {{kinds}}]
               tasklane suppliers mapping NAME --kind {{kinds}} (параметры разметки | --forget)

Первая форма выводит каждого поставщика (вид stock) и конкурента (вид competitor) по названию:
его предложения сейчас, последний импорт и разметку, по которой читаются его файлы.

Вторая сохраняет разметку для следующих импортов NAME (тех, где своя разметка не задана), или
с --forget забывает её, и его файлы снова определяются сами. Выводит поставщика как сохранён.

  --kind KIND          {{kindsOr}}: выводить только этот вид; обязателен с «mapping»
  --forget             забыть разметку NAME

{{mapping}}

{{connection}}`,
    },
    pricelist: {
      summary: "создать прайс-лист по ценам сметы, склада или конкурентов",
      help: `Использование: tasklane pricelist --source {{sources}} [--wait] [--timeout SECONDS]

Отправляет задачу, которая создаёт прайс-лист из SOURCE. Выводит id задачи, а с --wait —
результат: id нового прайс-листа и число строк.

  --source SOURCE      {{sourcesList}} (обязательно)
{{wait}}

{{connection}}`,
    },
    get: {
      summary: "показать задачу: статус, ход, сообщение, результат или ошибку",
      help: `Использование: tasklane get ID

Выводит задачу один раз (чтобы следить до конца, используйте «tasklane watch ID»). Выход 0
при любом статусе задачи; неизвестный ID — выход 2.

{{connection}}`,
    },
    watch: {
      summary: "следить за ходом задачи до её конца и выйти с кодом по её итогу",
      help: `Использование: tasklane watch ID [--timeout SECONDS] [--give-up-after SECONDS]

Показывает ход задачи в stderr, пока она не завершится, затем её результат в stdout.
Выход 0 выполнено, 1 ошибка, 3 отменено, 4 истекло время, 5 служба слишком долго недоступна,
130 по Ctrl-C (задача продолжается).

  --timeout SECONDS    перестать ждать через столько секунд (выход 4); задача продолжается
  --give-up-after SECONDS
                       пока служба недоступна (перезапуск), повторять попытки столько секунд,
                       потом сдаться (выход 5; по умолчанию {{giveUpAfter}} с)

{{connection}}`,
    },
    list: {
      summary: "список ваших задач, новые сверху",
      help: `Использование: tasklane list [--type TYPE] [--status STATUS] [--supplier NAME] [--limit N] [--cursor CURSOR]

Выводит таблицу задач (id, тип, статус, ход, создана, с чем работает), новые сверху.

  --type TYPE        {{types}}
  --status STATUS    {{statuses}}
  --supplier NAME    только загрузки этого поставщика (или конкурента)
  --limit N          сколько (по умолчанию размер страницы службы)
  --cursor CURSOR    следующая страница: nextCursor из ответа с --json

{{connection}}`,
    },
    cancel: {
      summary: "отменить задачу в очереди или выполняющуюся",
      help: `Использование: tasklane cancel ID [--timeout SECONDS]

Отменяет задачу и выводит её статус. Выполняющаяся задача останавливается на следующей
проверке, поэтому команда ждёт её конца до --timeout (по умолчанию {{settle}} с). Уже
завершённая задача остаётся как была. Выход 0, когда служба приняла запрос.

  --timeout SECONDS    сколько ждать остановки выполняющейся задачи

{{connection}}`,
    },
  },
} as const satisfies Messages;
