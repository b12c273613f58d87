import { cancel } from "./cancel.ts";
import type { Command } from "./command.ts";
import { get } from "./get.ts";
import { importFile } from "./import.ts";
import { inspect } from "./inspect.ts";
import { list } from "./list.ts";
import { pricelist } from "./pricelist.ts";
import { recalculate } from "./recalculate.ts";
import { suppliers } from "./suppliers.ts";
import { watch } from "./watch.ts";

/** Every command, in the order `tasklane --help` lists them. */
export const COMMANDS: readonly Command[] = [recalculate, inspect, importFile, suppliers, pricelist, get, watch, list, cancel];
