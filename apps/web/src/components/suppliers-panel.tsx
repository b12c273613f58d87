import type { Supplier } from "@tasklane/contract";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { errorText } from "../errors.ts";
import { formatCount, formatDateTime } from "../format.ts";
import { mappingSummary } from "../mapping.ts";
import { KIND_LABELS } from "../task-summary.ts";
import { useTRPC } from "../trpc.ts";
import { FormError } from "./form-error.tsx";
import { Panel } from "./panel.tsx";

/** Suppliers and competitors, how their files are read, and a way to forget a saved mapping. */
export function SuppliersPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.suppliers.list.queryOptions({}));
  const forget = useMutation(
    trpc.suppliers.setMapping.mutationOptions({
      onSuccess: (supplier) => {
        toast.success(`${supplier.name}: mapping forgotten`, { description: "Its next files are read as detected." });
        return queryClient.invalidateQueries(trpc.suppliers.pathFilter());
      },
      onError: (e) => toast.error("Could not forget the mapping", { description: errorText(e) }),
    }),
  );
  const forgetting = (s: Supplier) => forget.isPending && forget.variables?.name === s.name && forget.variables.kind === s.kind;
  const items = list.data?.items;

  return (
    <Panel id="suppliers" title="Suppliers" hint="Everyone whose files were imported, and how their files are read.">
      {items === undefined ? (
        list.error ? <FormError error={list.error} /> : <p className="empty">Loading…</p>
      ) : items.length === 0 ? (
        <p className="empty">No suppliers yet: import a stock file first.</p>
      ) : (
        <div className="table-scroll">
          <table className="table data-table suppliers-table">
            <caption className="visually-hidden">Suppliers and competitors, by name</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col" className="num">
                  Offers
                </th>
                <th scope="col">Last import</th>
                <th scope="col">Mapping</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <tr key={`${s.kind}:${s.name}`}>
                  <th scope="row">{s.name}</th>
                  <td>{KIND_LABELS[s.kind]}</td>
                  <td className="num">{formatCount(s.offers)}</td>
                  <td>{s.lastImportedAt ? formatDateTime(s.lastImportedAt) : "Never"}</td>
                  <td className="wrap">
                    {mappingSummary(s.mapping)}
                    {s.mappingSavedAt ? <span className="hint"> (saved {formatDateTime(s.mappingSavedAt)})</span> : null}
                  </td>
                  <td className="actions-cell">
                    {s.mapping ? (
                      <button
                        type="button"
                        className="quiet"
                        disabled={forgetting(s)}
                        onClick={() => forget.mutate({ name: s.name, kind: s.kind, mapping: null })}
                      >
                        {forgetting(s) ? "Forgetting…" : "Forget mapping"}
                        <span className="visually-hidden"> of {s.name}</span>
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
