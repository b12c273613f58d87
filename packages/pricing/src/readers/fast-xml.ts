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
import type { XmlHandlers } from "./xml-stream.ts";

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
      const hex = name.charCodeAt(1) === 0x78 /* x */;
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
  private readonly open: string[] = [];
  private started = false;

  constructor(private readonly handlers: XmlHandlers) {}

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
    if (this.open.length > 0) throw new XmlSyntaxError(`the XML ends before </${this.open.at(-1)}>`);
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
        const name = text.slice(i + 2, nameEnd);
        const expected = this.open.pop();
        if (name !== expected) throw new XmlSyntaxError(`</${name}> closes <${expected ?? "nothing"}>`);
        handlers.close?.(localName(name));
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
    const name = text.slice(lt + 1, i);
    if (name === "") throw new XmlSyntaxError("a tag without a name");
    const attributes: Record<string, string> = {};
    for (;;) {
      while (i < n && isSpace(text.charCodeAt(i))) i++;
      if (i >= n) return -1;
      const c = text.charCodeAt(i);
      if (c === 0x3e /* > */ || c === 0x2f /* / */) {
        const selfClosing = c === 0x2f;
        if (selfClosing) {
          if (i + 1 >= n) return -1;
          if (text.charCodeAt(i + 1) !== 0x3e) throw new XmlSyntaxError(`a / inside <${name}>`);
        }
        const local = localName(name);
        this.handlers.open?.(local, { name, attributes });
        if (selfClosing) this.handlers.close?.(local);
        else this.open.push(name);
        return i + (selfClosing ? 2 : 1);
      }
      const nameStart = i;
      while (i < n) {
        const a = text.charCodeAt(i);
        if (a === 0x3d /* = */ || isSpace(a)) break;
        if (a === 0x3e || a === 0x2f || a === 0x3c || a === 0x22 || a === 0x27) throw new XmlSyntaxError(`a malformed attribute in <${name}>`);
        i++;
      }
      const attrName = text.slice(nameStart, i);
      while (i < n && isSpace(text.charCodeAt(i))) i++;
      if (i >= n) return -1;
      if (text.charCodeAt(i) !== 0x3d) throw new XmlSyntaxError(`an attribute without a value in <${name}>`);
      let q = i + 1;
      while (q < n && isSpace(text.charCodeAt(q))) q++;
      if (q >= n) return -1;
      const quote = text.charCodeAt(q);
      if (quote !== 0x22 && quote !== 0x27) throw new XmlSyntaxError(`an unquoted attribute value in <${name}>`);
      const close = text.indexOf(quote === 0x22 ? '"' : "'", q + 1);
      if (close < 0) return -1;
      const value = text.slice(q + 1, close);
      if (value.includes("<")) throw new XmlSyntaxError(`a < in an attribute value of <${name}>`);
      attributes[attrName] = decodeEntities(value);
      i = close + 1;
    }
  }
}
