import { describe, expect, it } from "vitest";
import { csvField, inert } from "@tasklane/contract";
import { csvText } from "../src/csv.ts";

/** The CSV rules the page and the server's pricelist export share (packages/contract/src/csv.ts). */
describe("CSV made in the page (src/csv.ts, on the contract's csvLine)", () => {
  it("keeps text that starts like a formula, or has a formula after a separator, from running as one", () => {
    expect(["=1+1", "+7 495", "-3", "@SUM(A1)", "\tx", "plain", "1-2"].map(inert)).toEqual([
      "'=1+1",
      "'+7 495",
      "'-3",
      "'@SUM(A1)",
      "'\tx",
      "plain",
      "1-2",
    ]);
    expect(inert("x;=1+1;y")).toBe("x;'=1+1;y");
    expect(inert('a, "=cmd')).toBe(`a, "'=cmd`);
  });

  it("quotes a field only when it must", () => {
    expect(["a b", "a,b", "a;b", 'say "hi"', "two\nlines", " padded"].map(csvField)).toEqual([
      "a b",
      '"a,b"',
      '"a;b"',
      '"say ""hi"""',
      '"two\nlines"',
      '" padded"',
    ]);
  });

  it("writes a BOM, the language's separator and CRLF; numbers go out bare, text inert and quoted", () => {
    const rows = [
      [3, "price is not a number: 'abc'"],
      [5, "=HYPERLINK(1); then"],
    ];
    expect(csvText(["Строка", "Причина"], rows, "ru")).toBe(
      "\uFEFFСтрока;Причина\r\n3;price is not a number: 'abc'\r\n5;\"'=HYPERLINK(1); then\"\r\n",
    );
    expect(csvText(["Row", "Reason"], rows, "en")).toBe(
      "\uFEFFRow,Reason\r\n3,price is not a number: 'abc'\r\n5,\"'=HYPERLINK(1); then\"\r\n",
    );
  });
});
