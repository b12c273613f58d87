/**
 * 1C's bracketed text ("internal representation"): lists in braces, items separated by
 * commas, strings in double quotes where "" is a quote, everything else a bare token
 * (numbers, GUIDs, #base64:... blobs). Whitespace and line breaks between items mean nothing.
 */
export type BracketNode = string | QuotedString | BracketNode[];

/** A quoted string, told apart from a bare token (a cell's text "12" is not the number 12). */
export class QuotedString {
  constructor(readonly text: string) {}
}

export class BracketSyntaxError extends Error {}

/** Parses the first top-level list in `text` (what follows it is ignored). */
export function parseBracketText(text: string): BracketNode[] {
  const start = text.indexOf("{");
  if (start < 0) throw new BracketSyntaxError("no opening brace");
  const stack: BracketNode[][] = [];
  let current: BracketNode[] = [];
  let token = -1; // start of a bare token, or -1
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const [value, end] = readQuoted(text, i);
      current.push(new QuotedString(value));
      i = end;
    } else if (c === 0x7b /* { */) {
      const list: BracketNode[] = [];
      current.push(list);
      stack.push(current);
      current = list;
    } else if (c === 0x7d /* } */ || c === 0x2c /* , */) {
      if (token >= 0) current.push(text.slice(token, i).trim());
      token = -1;
      if (c === 0x7d) {
        if (stack.length === 1) return current;
        current = stack.pop()!;
      }
    } else if (token < 0 && c > 0x20 && c !== 0xfeff) {
      token = i;
    }
  }
  throw new BracketSyntaxError("the text ends before its closing brace");
}

function readQuoted(text: string, open: number): [string, number] {
  let value = "";
  let from = open + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote < 0) throw new BracketSyntaxError("a quoted string is never closed");
    value += text.slice(from, quote);
    if (text.charCodeAt(quote + 1) !== 0x22) return [value, quote];
    value += '"';
    from = quote + 2;
  }
}
