import type { StockFileInspect } from "@tasklane/client";
import type { ComponentListInput, PricelistGetInput, PricelistListInput, SupplierListInput, TaskListInput } from "@tasklane/contract";
import { queryOptions } from "@tanstack/react-query";
import { tasklane } from "./client.ts";

/**
 * The page's query keys: one prefix per kind of thing the service holds, so that invalidating a
 * prefix (a task ended, a mapping saved) reaches every read of it, whatever its filter or page.
 */
export const keys = {
  taskLists: ["tasks", "list"],
  task: ["tasks", "get"],
  components: ["components"],
  pricelistLists: ["pricelists", "list"],
  pricelist: ["pricelists", "get"],
  suppliers: ["suppliers"],
  preview: ["uploads", "inspect"],
} as const;

/** Each read the page makes: its key and the SDK call that answers it. */
export const reads = {
  tasks: (filter: TaskListInput) => queryOptions({ queryKey: [...keys.taskLists, filter], queryFn: () => tasklane().listTasks(filter) }),
  task: (id: string) => queryOptions({ queryKey: [...keys.task, id], queryFn: () => tasklane().getTask(id) }),
  components: (filter: ComponentListInput) =>
    queryOptions({ queryKey: [...keys.components, filter], queryFn: () => tasklane().listComponents(filter) }),
  pricelists: (filter: PricelistListInput) =>
    queryOptions({ queryKey: [...keys.pricelistLists, filter], queryFn: () => tasklane().listPricelists(filter) }),
  pricelist: (page: PricelistGetInput) =>
    queryOptions({ queryKey: [...keys.pricelist, page], queryFn: () => tasklane().getPricelist(page) }),
  suppliers: (filter: SupplierListInput) =>
    queryOptions({ queryKey: [...keys.suppliers, filter], queryFn: () => tasklane().listSuppliers(filter) }),
  preview: (input: StockFileInspect & { uploadId: string }) =>
    queryOptions({ queryKey: [...keys.preview, input], queryFn: () => tasklane().inspectFile(input) }),
};
