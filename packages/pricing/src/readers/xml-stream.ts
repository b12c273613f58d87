import type { Readable } from "node:stream";
import { SaxesParser, type SaxesTagPlain } from "saxes";

export type XmlTag = SaxesTagPlain;

export interface XmlHandlers {
  open?(name: string, tag: XmlTag): void;
  close?(name: string): void;
  text?(text: string): void;
}

/** Element names without their prefix: some writers emit <x:row> instead of <row>. */
export const localName = (name: string): string => {
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
};

/** A SAX parser whose handlers see local names; text and CDATA both arrive as text. */
export function createXmlParser(handlers: XmlHandlers): SaxesParser {
  const parser = new SaxesParser({ position: false });
  if (handlers.open) parser.on("opentag", (tag) => handlers.open!(localName(tag.name), tag));
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
export async function* feedXml(stream: Readable, parser: SaxesParser): AsyncGenerator<void, void, undefined> {
  const decoder = new TextDecoder("utf-8");
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      parser.write(decoder.decode(chunk, { stream: true }));
      yield;
    }
    parser.write(decoder.decode());
    parser.close();
  } finally {
    stream.destroy();
  }
}

/** Reads a small part (workbook.xml, its rels) to the end. */
export async function parseWholeXml(stream: Readable, handlers: XmlHandlers): Promise<void> {
  for await (const _ of feedXml(stream, createXmlParser(handlers)));
}
