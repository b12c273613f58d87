import type { TextKey } from "@tasklane/contract";

/** A vocabulary group's name among the contract's texts. */
export type VocabularyLabel = Extract<TextKey, `label.${string}`>;

/**
 * The header names the import recognises, per field, in Russian and English, and how a header
 * cell's text is normalised before it is compared with them. The rules are written out in
 * docs/pricing.md ("Header row"); columns.ts applies them to a row.
 */

export type ColumnRole = "partNumber" | "name" | "vendor" | "quantity" | "price" | "category";

/**
 * One group of names for a field. `rank` orders competing columns of one field: the lowest rank
 * wins, the leftmost column within a rank. `prefix` names may also start a longer header
 * ("Цена со скидкой", "Остаток на складе"); the others match whole names only ("Код" does not
 * match "Код ТН ВЭД").
 */
export interface NameGroup {
  rank: number;
  /** What the rank means, for a preview showing why a column was chosen (a key of the contract's texts). */
  label: VocabularyLabel;
  whole: readonly string[];
  prefix?: readonly string[];
}

export const VOCABULARY: Record<ColumnRole, readonly NameGroup[]> = {
  partNumber: [
    {
      rank: 0,
      label: "label.partNumber",
      whole: [
        "Артикул",
        "Артикул поставщика",
        "Артикул продавца",
        "Артикул производителя",
        "Каталожный номер",
        "Партномер",
        "Part number",
        "Part No.",
        "P/N",
        "PN",
        "MPN",
        "SKU",
        "Article",
        "Article number",
        "Art. No.",
      ],
      prefix: ["Артикул", "Part number", "Part No.", "SKU"],
    },
    { rank: 1, label: "label.model", whole: ["Модель", "Model", "Модель товара"] },
    {
      rank: 2,
      label: "label.code",
      whole: [
        "Код",
        "Код товара",
        "Код заказа",
        "Код производителя",
        "Код поставщика",
        "Код номенклатуры",
        "Item Code",
        "Product Code",
        "Code",
        "Item ID",
        "Product ID",
      ],
    },
  ],
  name: [
    {
      rank: 0,
      label: "label.name",
      whole: ["Наименование", "Название", "Наименование товара", "Name", "Product name", "Item name"],
      prefix: ["Наименование", "Название"],
    },
    {
      rank: 1,
      label: "label.description",
      whole: ["Описание", "Товар", "Номенклатура", "Description", "Product"],
    },
  ],
  vendor: [
    {
      rank: 0,
      label: "label.vendor",
      whole: [
        "Производитель",
        "Бренд",
        "Марка",
        "Торговая марка",
        "Вендор",
        "Изготовитель",
        "Vendor",
        "Brand",
        "Manufacturer",
        "Make",
        "Mfr",
      ],
      prefix: ["Производитель", "Бренд"],
    },
  ],
  category: [
    {
      rank: 0,
      label: "label.category",
      whole: ["Категория", "Категория товара", "Группа", "Группа товаров", "Раздел", "Category", "Product category", "Group"],
    },
  ],
  quantity: [
    {
      rank: 0,
      label: "label.freeStock",
      whole: ["Свободный остаток", "Доступно", "Доступно к заказу", "Available", "Free stock"],
    },
    {
      rank: 1,
      label: "label.quantity",
      whole: [
        "Количество",
        "Кол-во",
        "Остаток",
        "Остатки",
        "Наличие",
        "В наличии",
        "Итого по складам",
        "Qty",
        "Quantity",
        "Stock",
        "In stock",
        "On hand",
      ],
      prefix: ["Количество", "Кол-во", "Остаток", "Остатки", "Наличие", "Qty", "Quantity", "Stock"],
    },
  ],
  price: [
    {
      rank: 0,
      label: "label.retailPrice",
      whole: [
        "РРЦ",
        "Рекомендуемая РРЦ",
        "Рекомендуемая цена",
        "Рекомендованная цена",
        "Рекомендуемая розничная цена",
        "Розница",
        "Розничная цена",
        "Retail",
        "Retail price",
        "MSRP",
        "RRP",
      ],
      prefix: ["РРЦ", "Розница", "Розничная цена"],
    },
    {
      rank: 1,
      label: "label.price",
      whole: ["Цена", "Цена с НДС", "Цена без НДС", "Стоимость", "Price", "Unit Price", "Cost", "Unit cost"],
      prefix: ["Цена", "Стоимость", "Price"],
    },
    {
      rank: 2,
      label: "label.dealerPrice",
      whole: [
        "Цена дилера",
        "Дилерская цена",
        "Дилер",
        "Опт",
        "Оптовая цена",
        "Мелкий опт",
        "Крупный опт",
        "Закупочная цена",
        "Входная цена",
        "Партнерская цена",
        "Монтажник",
        "Онлайн/ТД",
        "Dealer",
        "Dealer price",
        "Wholesale",
        "Wholesale price",
        "Partner price",
        "Purchase price",
      ],
      prefix: ["Опт", "Дилер"],
    },
  ],
};

/**
 * Words after a prefix name that move a price header to another rank: "Цена розничная" is a
 * retail price (rank 0), "Цена дилерская" and "Цена опт" dealer or wholesale (rank 2). Compared
 * as the start of a word.
 */
export const PRICE_RANK_WORDS: readonly { rank: number; starts: readonly string[] }[] = [
  { rank: 0, starts: ["розн", "ррц", "рекоменд", "retail", "msrp"] },
  { rank: 2, starts: ["дилер", "опт", "закуп", "вход", "партнер", "dealer", "wholesale", "partner", "purchase"] },
];

/**
 * Words after a prefix name that make a header something else: "Кол-во штук в коробке" is a pack
 * size, "Количество в пути" is not in stock. Compared as the start of a word. (A header whose
 * later words name another field, "Артикул / Наименование", matches neither field.)
 */
export const NOT_AFTER_PREFIX: Partial<Record<ColumnRole, readonly string[]>> = {
  quantity: ["короб", "упак", "уп", "кратн", "пути", "заказ", "резерв", "box", "pack", "carton", "transit", "order", "reserv"],
};

/** A prefix match is for short headers; a longer text is a title or a note, not a header. */
export const PREFIX_MAX_WORDS = 6;

/** Units and currencies at the end of a header ("Цена руб", "Кол-во шт", "Price USD") are not part of its name. */
const TRAILING_UNIT = /(?:\s+(?:в|in))?\s+(?:руб|рубл[а-яё]*|р|rub|rur|usd|eur|euro|у\s?е|шт|штук|pcs|pc|ед|units?)$/u;

/**
 * A header cell's words: lower case, "ё" as "е", anything from the first "," or "(" dropped
 * ("Цена, руб.", "Price (USD)", "Монтажник (30%)"), a trailing unit dropped ("Цена в руб"), then
 * split at anything that is not a letter or a digit (spaces, NBSP, dots, asterisks, "/", "-").
 */
export function headerWords(text: string): string[] {
  let head = text.split(/[,(]/, 1)[0]!.toLowerCase().replace(/ё/g, "е");
  head = head.replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  for (;;) {
    const cut = head.replace(TRAILING_UNIT, "");
    if (cut === head || cut === "") break;
    head = cut;
  }
  return head === "" ? [] : head.split(" ");
}

/** A header's normalised name: its words joined with nothing between ("Part number" and "PartNumber" are one). */
export const headerKey = (words: readonly string[]): string => words.join("");
