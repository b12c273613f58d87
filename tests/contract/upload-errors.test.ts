/** Every way an upload's multipart body can be wrong is a 400 that names it, in the service's own words. */
import { describe, expect, it } from "vitest";
import { startService } from "@tasklane/testing";

const part = (name: string, body: string, filename = "a.csv") =>
  `--b\r\nContent-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"` : ""}\r\n\r\n${body}\r\n`;

const MALFORMED = "The multipart body does not follow the boundary its Content-Type names, or it ends before its first part does";

describe("POST /api/uploads refuses a wrong body", () => {
  it("with a 400 naming what is wrong", async () => {
    const { url } = await startService();
    const cases: [name: string, contentType: string, body: string, message: string][] = [
      ["JSON", "application/json", "{}", "Send multipart/form-data with the file in a field named 'file'"],
      ["no boundary", "multipart/form-data", part("file", "abc"), "The Content-Type multipart/form-data has no boundary parameter"],
      ["a wrong boundary", "multipart/form-data; boundary=other", `${part("file", "abc")}--b--\r\n`, MALFORMED],
      ["no multipart at all", "multipart/form-data; boundary=b", "just some text", MALFORMED],
      ["ends inside a part's headers", "multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; na", MALFORMED],
      [
        "ends inside the file",
        "multipart/form-data; boundary=b",
        '--b\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nPN;Pri',
        "The body ends before the file does: the upload was cut short",
      ],
      [
        "no file",
        "multipart/form-data; boundary=b",
        `${part("note", "abc", "")}--b--\r\n`,
        "file: the form holds no file; send it in a field named 'file'",
      ],
      ["an empty form", "multipart/form-data; boundary=b", "--b--\r\n", "file: the form holds no file; send it in a field named 'file'"],
      [
        "the file in another field",
        "multipart/form-data; boundary=b",
        `${part("document", "abc")}--b--\r\n`,
        `file: the file is in a field named "document"; send it in a field named 'file'`,
      ],
    ];
    for (const [name, contentType, body, message] of cases) {
      const response = await fetch(`${url}/api/uploads`, { method: "POST", body, headers: { "content-type": contentType } });
      expect({ name, status: response.status, body: await response.json() }).toEqual({
        name,
        status: 400,
        body: { error: { code: "BAD_REQUEST", message } },
      });
    }
    const octets = await fetch(`${url}/api/uploads`, {
      method: "POST",
      body: "abc",
      headers: { "content-type": "application/octet-stream" },
    });
    expect({ status: octets.status, body: await octets.json() }).toEqual({
      status: 415,
      body: { error: { code: "UNSUPPORTED_MEDIA_TYPE", message: "This route does not read a body of that Content-Type" } },
    });
    const good = await fetch(`${url}/api/uploads`, {
      method: "POST",
      body: `${part("file", "PN;Price\nA;1\n")}--b--\r\n`,
      headers: { "content-type": "multipart/form-data; boundary=b" },
    });
    expect(good.status).toBe(201);
  });
});
