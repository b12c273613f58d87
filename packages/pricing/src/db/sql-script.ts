/**
 * Splits a migration's DDL into statements, because better-sqlite3 (under Kysely) prepares
 * one statement at a time. A semicolon ends a statement only outside quotes and comments;
 * comments are kept (both engines skip them). Dollar-quoted bodies ($$…$$) are not supported.
 */
export function splitSqlScript(script: string): string[] {
  const statements: string[] = [];
  /** Where the text after the next `token` from `from` starts (the end of the script if none). */
  const after = (token: string, from: number): number => {
    const at = script.indexOf(token, from);
    return at === -1 ? script.length : at + token.length;
  };
  let start = 0;
  let i = 0;
  while (i < script.length) {
    const c = script[i]!;
    if (c === "'" || c === '"') {
      i = after(c, i + 1); // a doubled quote inside reads as two quoted strings: same split
    } else if (c === "-" && script[i + 1] === "-") {
      i = after("\n", i);
    } else if (c === "/" && script[i + 1] === "*") {
      i = after("*/", i + 2);
    } else {
      if (c === ";") {
        statements.push(script.slice(start, i));
        start = i + 1;
      }
      i++;
    }
  }
  statements.push(script.slice(start));
  return statements.map((s) => s.trim()).filter((s) => s !== "" && !isOnlyComments(s));
}

const isOnlyComments = (text: string): boolean => text.replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, "").trim() === "";
