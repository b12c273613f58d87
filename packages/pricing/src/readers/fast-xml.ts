/**
 * A small streaming XML tokenizer for the two big parts of a workbook (the worksheet and the
 * shared strings), about three times quicker than saxes there: those parts are machine-written
 * element soup without DTDs, namespaces that matter, or mixed content, so elements, attributes,
 * text, CDATA, comments and processing instructions are all it reads. It is strict where
 * safety needs it: a DOCTYPE (the door to entity expansion) and any entity other than XML's
 * five and character references are errors, and so are a close tag that does not match its
 * open tag and a document that ends inside an element.
 *
 * Text is handed out whole when the next tag starts (as saxes does); feedXml bounds how long a
 * text may grow before that, so the text held here is bounded too.
 */
import { LIMITS } from "./limits.ts";
import type { XmlTag } from "./xml-stream.ts";

/** The most text kept waiting for its end: the longest cell's text and then some. */
const MAX_PENDING_CHARS = 2 * LIMITS.cellChars;

export class XmlSyntaxError extends Error {}

const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** Replaces entity and character references; refuses any other entity. */
export function decodeEntities(text: string): string {
  let amp = text.indexOf("&");
  if (amp < 0) return text;
  let out = "";
  let from = 0;
  while (amp >= 0) {
    const semi = text.indexOf(";", amp + 1);
    if (semi < 0 || semi - amp > 12) throw new XmlSyntaxError("an & that starts no entity");
    const name = text.slice(amp + 1, semi);
    let value: string | undefined;
    if (name.charCodeAt(0) === 0x23 /* # */) {
      const hex = name.charCodeAt(1) === 0x78; /* x */
      const digits = name.slice(hex ? 2 : 1);
      const code = digits !== "" && (hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits) ? Number.parseInt(digits, hex ? 16 : 10) : -1;
      if (code < 0 || code > 0x10ffff) throw new XmlSyntaxError(`a character reference &${name}; that names no character`);
      value = String.fromCodePoint(code);
    } else value = NAMED[name];
    if (value === undefined) throw new XmlSyntaxError(`an undefined entity &${name};`);
    out += text.slice(from, amp) + value;
    from = semi + 1;
    amp = text.indexOf("&", from);
  }
  return out + text.slice(from);
}

/**
 * XML's end-of-line handling: a CR LF pair or a lone CR is read as LF, before references are
 * replaced (so `&#13;` stays a CR). A text is handed out whole, so a pair is never split here.
 */
export const normalizeLineEnds = (text: string): string => (text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text);

/** What FastXmlParser hands out; `tag` is reused for the next tag (see FastTag). */
export interface FastXmlHandlers {
  open?(name: string, tag: FastTag): void;
  close?(name: string): void;
  text?(text: string): void;
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;

/** Element names without their prefix, as createXmlParser hands them out. */
const localName = (name: string): string => {
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
};

export class FastXmlParser {
  /** Text not yet tokenized: a tag or a text cut by the end of the last chunk. */
  private rest = "";
  /** Open elements' full names, to match their close tags. */
  private readonly open: ElementName[] = [];
  private readonly names = new ElementNames();
  private readonly tag = new FastTag();
  private started = false;

  constructor(private readonly handlers: FastXmlHandlers) {}

  write(chunk: string): this {
    let text = this.rest + chunk;
    if (!this.started && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      this.started = text.length > 0;
    }
    this.rest = text.slice(this.tokenize(text));
    // A text is bounded before this (feedXml); a tag or comment that never ends is bounded here.
    if (this.rest.length > MAX_PENDING_CHARS) {
      throw new XmlSyntaxError(`a tag, comment or text runs on for over ${MAX_PENDING_CHARS.toLocaleString("en-US")} characters`);
    }
    return this;
  }

  close(): this {
    if (this.rest.trim() !== "") throw new XmlSyntaxError("the XML ends inside a tag or after its last element");
    if (this.open.length > 0) throw new XmlSyntaxError(`the XML ends before </${this.open.at(-1)!.full}>`);
    return this;
  }

  /** Hands out every complete token of `text`; returns where the first incomplete one starts. */
  private tokenize(text: string): number {
    const { handlers } = this;
    const n = text.length;
    let i = 0;
    while (i < n) {
      if (text.charCodeAt(i) !== 0x3c /* < */) {
        const lt = text.indexOf("<", i);
        if (lt < 0) return i; // the text may go on in the next chunk
        if (handlers.text && this.open.length > 0) handlers.text(decodeEntities(normalizeLineEnds(text.slice(i, lt))));
        i = lt;
        continue;
      }
      const next = text.charCodeAt(i + 1);
      if (Number.isNaN(next)) return i;
      if (next === 0x2f /* / */) {
        const end = text.indexOf(">", i + 2);
        if (end < 0) return i;
        let nameEnd = end;
        while (nameEnd > i + 2 && isSpace(text.charCodeAt(nameEnd - 1))) nameEnd--;
        const expected = this.open.pop();
        if (expected === undefined || nameEnd - (i + 2) !== expected.full.length || !text.startsWith(expected.full, i + 2)) {
          throw new XmlSyntaxError(`</${text.slice(i + 2, nameEnd)}> closes <${expected?.full ?? "nothing"}>`);
        }
        handlers.close?.(expected.local);
        i = end + 1;
      } else if (next === 0x3f /* ? */) {
        const end = text.indexOf("?>", i + 2);
        if (end < 0) return i;
        i = end + 2;
      } else if (next === 0x21 /* ! */) {
        if (text.startsWith("<!--", i)) {
          const end = text.indexOf("-->", i + 4);
          if (end < 0) return i;
          i = end + 3;
        } else if (text.startsWith("<![CDATA[", i)) {
          const end = text.indexOf("]]>", i + 9);
          if (end < 0) return i;
          if (handlers.text && this.open.length > 0) handlers.text(normalizeLineEnds(text.slice(i + 9, end)));
          i = end + 3;
        } else if (n - i < 9) {
          return i; // too short yet to tell
        } else {
          throw new XmlSyntaxError("the XML has a DOCTYPE or other declaration, which a workbook part never has");
        }
      } else {
        const end = this.openTag(text, i);
        if (end < 0) return i;
        i = end;
      }
    }
    return n;
  }

  /** Reads the open tag at `lt`; returns the index after it, or -1 when it is not complete. */
  private openTag(text: string, lt: number): number {
    const n = text.length;
    let i = lt + 1;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (isSpace(c) || c === 0x3e /* > */ || c === 0x2f /* / */) break;
      i++;
    }
    if (i >= n) return -1;
    if (i === lt + 1) throw new XmlSyntaxError("a tag without a name");
    const name = this.names.of(text, lt + 1, i);
    const tag = this.tag;
    tag.reset(text);
    for (;;) {
      while (i < n && isSpace(text.charCodeAt(i))) i++;
      if (i >= n) return -1;
      const c = text.charCodeAt(i);
      if (c === 0x3e /* > */ || c === 0x2f /* / */) {
        const selfClosing = c === 0x2f;
        if (selfClosing) {
          if (i + 1 >= n) return -1;
          if (text.charCodeAt(i + 1) !== 0x3e) throw new XmlSyntaxError(`a / inside <${name.full}>`);
        }
        tag.name = name.full;
        this.handlers.open?.(name.local, tag);
        if (selfClosing) this.handlers.close?.(name.local);
        else this.open.push(name);
        return i + (selfClosing ? 2 : 1);
      }
      const nameStart = i;
      while (i < n) {
        const a = text.charCodeAt(i);
        if (a === 0x3d /* = */ || isSpace(a)) break;
        if (a === 0x3e || a === 0x2f || a === 0x3c || a === 0x22 || a === 0x27)
          throw new XmlSyntaxError(`a malformed attribute in <${name.full}>`);
        i++;
      }
      const nameEnd = i;
      while (i < n && isSpace(text.charCodeAt(i))) i++;
      if (i >= n) return -1;
      if (text.charCodeAt(i) !== 0x3d) throw new XmlSyntaxError(`an attribute without a value in <${name.full}>`);
      let q = i + 1;
      while (q < n && isSpace(text.charCodeAt(q))) q++;
      if (q >= n) return -1;
      const quote = text.charCodeAt(q);
      if (quote !== 0x22 && quote !== 0x27) throw new XmlSyntaxError(`an unquoted attribute value in <${name.full}>`);
      // One pass over the value: find its end, refuse a <, and check its references now (an
      // attribute nobody asks for is never decoded, but a bad one still makes the file bad).
      let close = q + 1;
      let entities = false;
      for (; close < n; close++) {
        const v = text.charCodeAt(close);
        if (v === quote) break;
        if (v === 0x3c) throw new XmlSyntaxError(`a < in an attribute value of <${name.full}>`);
        if (v === 0x26 /* & */) entities = true;
      }
      if (close >= n) return -1;
      if (entities) decodeEntities(text.slice(q + 1, close));
      tag.add(nameStart, nameEnd, q + 1, close, entities);
      i = close + 1;
    }
  }
}

/** An element name as met: its full form (to match the close tag) and its local part (for handlers). */
interface ElementName {
  full: string;
  local: string;
}

/**
 * The names met so far, so that a tag's name is compared in place rather than cut out of the
 * text each time: machine-written parts use a handful of names millions of times. Bounded, so a
 * part of endless distinct names costs a slice each, as before, and no memory.
 */
class ElementNames {
  private readonly known: ElementName[] = [];

  of(text: string, start: number, end: number): ElementName {
    const length = end - start;
    for (const name of this.known) if (name.full.length === length && text.startsWith(name.full, start)) return name;
    const full = text.slice(start, end);
    const name = { full, local: localName(full) };
    if (this.known.length < 32) this.known.push(name);
    return name;
  }
}

/**
 * The open tag handed to `open`: its attributes stay where they are in the text until one is
 * asked for. One instance is reused for every tag, so a handler reads what it needs during the
 * call and keeps nothing.
 */
export class FastTag implements XmlTag {
  name = "";
  private text = "";
  /** Per attribute: name start, name end, value start, value end, has references (0/1). */
  private spans: number[] = [];
  private count = 0;

  reset(text: string): void {
    this.text = text;
    this.count = 0;
  }

  add(nameStart: number, nameEnd: number, valueStart: number, valueEnd: number, entities: boolean): void {
    const at = this.count++ * 5;
    const s = this.spans;
    s[at] = nameStart;
    s[at + 1] = nameEnd;
    s[at + 2] = valueStart;
    s[at + 3] = valueEnd;
    s[at + 4] = entities ? 1 : 0;
  }

  /** The value of attribute `name` (its full name, prefix included), decoded; undefined when the tag has none. */
  get(name: string): string | undefined {
    const { spans: s, text } = this;
    for (let at = 0; at < this.count * 5; at += 5) {
      if (s[at + 1]! - s[at]! === name.length && text.startsWith(name, s[at])) return this.value(at);
    }
    return undefined;
  }

  /** Every attribute, as saxes hands them out (the last of a repeated name wins). */
  get attributes(): Record<string, string> {
    const all: Record<string, string> = {};
    for (let at = 0; at < this.count * 5; at += 5) all[this.text.slice(this.spans[at], this.spans[at + 1])] = this.value(at);
    return all;
  }

  private value(at: number): string {
    const raw = this.text.slice(this.spans[at + 2], this.spans[at + 3]);
    return this.spans[at + 4] === 1 ? decodeEntities(raw) : raw;
  }
}
