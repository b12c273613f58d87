/** The floor of the poll benchmark: raw node:http answering the same task as JSON (see plain-fastify.ts). */
import http from "node:http";
import type { AddressInfo } from "node:net";

const task: unknown = JSON.parse(process.env.TASK_JSON!, (key, value: unknown) =>
  key.endsWith("At") && typeof value === "string" ? new Date(value) : value,
);
const server = http.createServer((_req, res) => {
  const body = JSON.stringify(task);
  res.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body) });
  res.end(body);
});
server.listen(0, "127.0.0.1", () => console.log(`listening at http://127.0.0.1:${(server.address() as AddressInfo).port}`));
process.once("SIGTERM", () => process.exit(0));
