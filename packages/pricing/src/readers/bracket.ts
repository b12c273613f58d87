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

/** The text nests deeper, or holds more items, than the caller allows. */
export class BracketLimitError extends Error {
  constructor(readonly kind: "depth" | "nodes") {
    super(kind === "depth" ? "lists nested too deep" : "too many items");
  }
}

export interface BracketLimits {
  /** Lists open at once; the top-level list is depth 1. */
  maxDepth: number;
  /** Lists, quoted strings and bare tokens in all. */
  maxNodes: number;
}

/**
 * Parses the first top-level list in `text` (what follows it is ignored). The limits are
 * checked as the tree grows, so a hostile text is refused before it costs memory.
 */
export function parseBracketText(
  text: string,
  limits: BracketLimits = { maxDepth: Number.POSITIVE_INFINITY, maxNodes: Number.POSITIVE_INFINITY },
): BracketNode[] {
  const start = text.indexOf("{");
  if (start < 0) throw new BracketSyntaxError("no opening brace");
  const stack: BracketNode[][] = [];
  let current: BracketNode[] = [];
  let nodes = 0;
  const count = () => {
    if (++nodes > limits.maxNodes) throw new BracketLimitError("nodes");
  };
  let token = -1; // start of a bare token, or -1
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const [value, end] = readQuoted(text, i);
      count();
      current.push(new QuotedString(value));
      i = end;
    } else if (c === 0x7b /* { */) {
      if (stack.length >= limits.maxDepth) throw new BracketLimitError("depth");
      count();
      const list: BracketNode[] = [];
      current.push(list);
      stack.push(current);
      current = list;
    } else if (c === 0x7d /* } */ || c === 0x2c /* , */) {
      if (token >= 0) {
        count();
        current.push(text.slice(token, i).trim());
      }
      token = -1;
      if (c === 0x7d) {
        if (stack.length === 1) return current;
        const closed = current;
        current = stack.pop()!;
        // An exact-size copy: a list grown by push keeps room for 17 items, which made a text of
        // one-item lists cost 200 bytes per item.
        current[current.length - 1] = closed.slice();
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
