import type { Database } from "@tasklane/pricing";

/**
 * Tasks and uploads once lived in the pricing file; they now have a file of their own, so that
 * a task thread's long pricing write never holds the lock the thread answering polls writes
 * under. This carries them over once. Safe to run again: rows already moved are ignored.
 */
export function moveLegacyTasks(tasks: Database, pricingFile: string): number {
  tasks.prepare("ATTACH DATABASE ? AS legacy").run(pricingFile);
  try {
    let moved = 0;
    const hasTable = (name: string) =>
      tasks.prepare("SELECT 1 FROM legacy.sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
    for (const table of ["tasks", "uploads"]) {
      if (!hasTable(table)) continue;
      // By name, those both have: a later migration added columns, and dropped uploads.path.
      const names = (schema: string) =>
        (tasks.prepare(`PRAGMA ${schema}.table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
      const kept = new Set(names("main"));
      const columns = names("legacy")
        .filter((name) => kept.has(name))
        .join(", ");
      moved += tasks.prepare(`INSERT OR IGNORE INTO main.${table} (${columns}) SELECT ${columns} FROM legacy.${table}`).run().changes;
      tasks.exec(`DROP TABLE legacy.${table}`);
    }
    if (hasTable("migrations")) tasks.exec("DELETE FROM legacy.migrations WHERE id LIKE 'tasks/%'");
    return moved;
  } finally {
    tasks.exec("DETACH DATABASE legacy");
  }
}
