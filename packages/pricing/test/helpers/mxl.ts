/** The 13 header bytes 1C 8.x writes before the UTF-8 BOM of an .mxl. */
export const MXL8_HEADER = Buffer.from([0x4d, 0x4f, 0x58, 0x43, 0x45, 0x4c, 0x00, 0x08, 0x00, 0x01, 0x00, 0x0c, 0x00]);
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

const q = (s: string): string => `"${s.replaceAll('"', '""')}"`;

/**
 * A 1C 8.x spreadsheet document written by hand in the shape docs/pricing.md describes:
 * `{8,1,<columns>,{language},…,1,2,<height>, <row>…, …}` where a row is
 * `index,format,cellCount` followed by `column,{cell}` pairs and a cell holds its text as
 * a `{"ru","text"}` pair inside `{1,1,…}`. Line breaks are placed as 1C places them.
 */
export function mxl8(rows: (string | null)[][], opts: { emptyRowsAt?: number[] } = {}): Buffer {
  const width = Math.max(...rows.map((r) => r.length));
  const body: string[] = [];
  rows.forEach((cells, index) => {
    const filled = cells.map((text, col) => [col, text] as const).filter(([, text]) => text !== null);
    if (opts.emptyRowsAt?.includes(index)) return;
    const pairs = filled.map(([col, text]) => `${col},\n{16,2,\n{1,1,\n{"ru",${q(text!)}}\n},0}`);
    body.push([`${index},0,${filled.length}`, ...pairs].join(",\n"));
  });
  const text =
    `{8,1,${width - 1},\n{"ru","ru",1,1,"ru","Русский","Русский",0},0,0,0,\n` +
    `{0,0,0,0,0,0,0,0},{0},{0},1,2,${rows.length},\n` +
    body.join(",\n") +
    `,\n{0,0},0,\n{#base64:AAECAw==},2,\n{0,1}\n}`;
  return Buffer.concat([MXL8_HEADER, BOM, Buffer.from(text, "utf8")]);
}
