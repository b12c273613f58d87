// A task thread that misbehaves on purpose, speaking the real protocol (thread-protocol.ts):
// it writes a row inside an open SQLite transaction, reports progress, then never yields
// (job.type "loop") or allocates without end (job.type "hog"), or completes ("done").
import { parentPort, workerData } from "node:worker_threads";
import BetterSqlite3 from "better-sqlite3";

const db = new BetterSqlite3(workerData.file);
db.pragma("busy_timeout = 100");
parentPort.on("message", (message) => {
  if (message.kind !== "run") return;
  const { type, id } = message.job;
  if (type === "done") {
    db.prepare("INSERT INTO marks (id) VALUES (?)").run(id);
    parentPort.postMessage({ kind: "done", result: { id } });
    return;
  }
  db.exec("BEGIN IMMEDIATE");
  db.prepare("INSERT INTO marks (id) VALUES (?)").run(id);
  parentPort.postMessage({ kind: "progress", percent: 50, message: "holding the write lock" });
  const hoard = [];
  for (;;) if (type !== "loop") hoard.push("x".repeat(1024) + hoard.length);
});
