import type { Readable } from "node:stream";
import { SaxesParser } from "saxes";
import { type FastXmlHandlers, FastXmlParser } from "./fast-xml.ts";
import { cellTooLong, LIMITS } from "./limits.ts";

/** What a handler learns of an open tag. */
export interface XmlTag {
  name: string;
  attributes: Record<string, string>;
}
type XmlOptions = { position: false; xmlns: false };

/** A push parser: saxes, or FastXmlParser for the big parts. */
export interface XmlSink {
  write(text: string): unknown;
  close(): unknown;
}

export interface XmlHandlers {
  open?: (name: string, tag: XmlTag) => void;
  close?: (name: string) => void;
  text?: (text: string) => void;
}

/** Element names without their prefix: some writers emit <x:row> instead of <row>. */
export const localName = (name: string): string => {
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
};

/** A SAX parser whose handlers see local names; text and CDATA both arrive as text. */
export function createXmlParser(handlers: XmlHandlers): SaxesParser<XmlOptions> {
  const parser = new SaxesParser<XmlOptions>({ position: false, xmlns: false });
  if (handlers.open) parser.on("opentag", (tag) => handlers.open!(localName(tag.name), tag as XmlTag));
  if (handlers.close) parser.on("closetag", (tag) => handlers.close!(localName(tag.name)));
  if (handlers.text) {
    parser.on("text", handlers.text);
    parser.on("cdata", handlers.text);
  }
  return parser;
}

/**
 * Feeds an entry's bytes to the parser chunk by chunk and yields after each chunk.
 * The streaming TextDecoder keeps a multi-byte letter that is split between two inflated
 * chunks whole (decoding each chunk alone would turn it into U+FFFD).
 */
export async function* feedXml(
  stream: Readable,
  parser: XmlSink,
  maxBytes: number = Number.POSITIVE_INFINITY,
  onTooLarge: () => Error = () => new Error("too large"),
  onBytes: (n: number) => void = () => {},
): AsyncGenerator<void, void, undefined> {
  const decoder = new TextDecoder("utf-8");
  let bytes = 0;
  let sinceTag = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (bytes > maxBytes) throw onTooLarge();
      onBytes(chunk.length);
      const text = decoder.decode(chunk, { stream: true });
      sinceTag = charsSinceLastTag(text, sinceTag);
      parser.write(text);
      yield;
    }
    parser.write(decoder.decode());
    parser.close();
  } finally {
    stream.destroy();
  }
}

/**
 * saxes keeps a text node whole until the next tag, so an endless one (a zip bomb's single
 * cell) would fill memory before any handler could object: the run of characters since
 * the last "<" is bounded here instead.
 */
function charsSinceLastTag(text: string, before: number): number {
  const lastTag = text.lastIndexOf("<");
  const since = lastTag < 0 ? before + text.length : text.length - lastTag - 1;
  if (since > LIMITS.cellChars) throw cellTooLong();
  return since;
}

/** The quick tokenizer (fast-xml.ts) for the worksheet and the shared strings; handlers see local names. */
export const createFastXmlParser = (handlers: FastXmlHandlers): XmlSink => new FastXmlParser(handlers);

/** Reads a small part (workbook.xml, its rels) to the end. */
export async function parseWholeXml(stream: Readable, handlers: XmlHandlers): Promise<void> {
  for await (const _ of feedXml(stream, createXmlParser(handlers)));
}
