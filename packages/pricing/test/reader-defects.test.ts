import { describe, expect, it } from "vitest";
import { FastXmlParser } from "../src/readers/fast-xml.ts";
import { decodeEscapes } from "../src/readers/xlsx.ts";
import { createXmlParser, type XmlHandlers } from "../src/readers/xml-stream.ts";

describe("OOXML _xHHHH_ escapes", () => {
  it.each([
    ["ABC_x000D_\nDEF", "ABC\r\nDEF"],
    ["_x0041__x0042_", "AB"],
    ["_x005F_x000D_", "_x000D_"],
    ["_x005f_", "_"],
    ["a_x00_b", "a_x00_b"],
    ["_x000G_", "_x000G_"],
    ["_xD83D__xDE00_", "😀"],
    ["no escape", "no escape"],
  ])("decodes %j as %j", (text, decoded) => expect(decodeEscapes(text)).toBe(decoded));
});

describe("the quick XML tokenizer's line ends", () => {
  const collect = (parse: (handlers: XmlHandlers) => void): string[] => {
    const texts: string[] = [];
    parse({ text: (text) => texts.push(text) });
    return texts;
  };

  it("reads CR LF and a lone CR as LF, as saxes and XML do, and keeps &#13; a CR", () => {
    const xml = "<a><t>1\r\n2\r3\n4&#13;\n5</t><t><![CDATA[6\r\n7]]></t></a>";
    const fast = collect((handlers) => new FastXmlParser(handlers).write(xml).close());
    const saxes = collect((handlers) => createXmlParser(handlers).write(xml).close());
    expect(fast.join("|")).toBe("1\n2\n3\n4\r\n5|6\n7");
    expect(saxes.join("|")).toBe(fast.join("|"));
  });
});
