/**
 * A request the service cannot read is a 400 in the service's own words, never a parser's text
 * ("Unexpected token } in JSON at position 3") or anything else from inside.
 */
import { describe, expect, it } from "vitest";
import { startService } from "@tasklane/testing";

const NOT_JSON = "Invalid input: it is not valid JSON (the body, or the URL's input parameter)";
const NOT_TRPC_FORM = 'Invalid input: it is not in the form tRPC\'s client sends ({"json": ..., "meta": ...} as superjson writes it)';
const PARSER_WORDS = /Unexpected|position|token|transformation|SyntaxError|at .*\(/;

type TrpcError = { error: { json: { message: string; data: { code: string; httpStatus: number } } } };

describe("unreadable requests", () => {
  it("answer 400 with the service's own text through tRPC", async () => {
    const { url } = await startService();
    const post = (body: string) =>
      fetch(`${url}/trpc/tasks.submit.recalculate`, { method: "POST", body, headers: { "content-type": "application/json" } });
    const cases: [name: string, response: Promise<Response>, message: string][] = [
      ["a malformed JSON body", post('{"json":}'), NOT_JSON],
      ["a bad superjson envelope", post('{"json":{},"meta":{"values":{"a":["nope"]}}}'), NOT_TRPC_FORM],
      ["a malformed GET input", fetch(`${url}/trpc/tasks.get?input=%7Bx`), NOT_JSON],
      ["a malformed batch GET input", fetch(`${url}/trpc/tasks.get,tasks.get?batch=1&input=%7B%220%22%3A`), NOT_JSON],
      ["a batch GET input that is no object", fetch(`${url}/trpc/tasks.get?batch=1&input=5`), NOT_TRPC_FORM],
    ];
    for (const [name, answer, message] of cases) {
      const response = await answer;
      expect({ name, status: response.status }).toEqual({ name, status: 400 });
      const body = (await response.json()) as TrpcError | TrpcError[];
      for (const one of Array.isArray(body) ? body : [body]) {
        expect({ name, message: one.error.json.message, code: one.error.json.data.code }).toEqual({ name, message, code: "BAD_REQUEST" });
        expect(one.error.json.message).not.toMatch(PARSER_WORDS);
      }
    }
  });

  it("answer 400 with the service's own text on a REST route", async () => {
    const { url } = await startService();
    const response = await fetch(`${url}/api/uploads`, { method: "POST", body: '{"a":}', headers: { "content-type": "application/json" } });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: "BAD_REQUEST", message: "The body is not valid JSON" } });
  });
});
