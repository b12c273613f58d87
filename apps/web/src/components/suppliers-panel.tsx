import type { Supplier, SupplierMappingInput } from "@tasklane/contract";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import { errorText } from "../errors.ts";
import { formatCount, formatDateTime } from "../format.ts";
import { tasklane } from "../client.ts";
import { mappingSummary } from "../mapping.ts";
import { keys, reads } from "../queries.ts";
import { kindLabel } from "../task-summary.ts";
import { FormError } from "./form-error.tsx";
import { Panel } from "./panel.tsx";

/** Suppliers and competitors, how their files are read, and a way to forget a saved mapping. */
export function SuppliersPanel() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const list = useQuery(reads.suppliers({}));
  const forget = useMutation({
    mutationFn: (input: SupplierMappingInput) => tasklane().setSupplierMapping(input),
    onSuccess: (supplier) => {
      toast.success(t("suppliers.forgotten", { name: supplier.name }), { description: t("suppliers.forgottenHint") });
      return queryClient.invalidateQueries({ queryKey: keys.suppliers });
    },
    onError: (e) => toast.error(t("suppliers.forgetFailed"), { description: errorText(e) }),
  });
  const forgetting = (s: Supplier) => forget.isPending && forget.variables?.name === s.name && forget.variables.kind === s.kind;
  const items = list.data?.items;

  return (
    <Panel id="suppliers" title={t("suppliers.title")} hint={t("suppliers.hint")}>
      {items === undefined ? (
        list.error ? (
          <FormError error={list.error} />
        ) : (
          <p className="empty">{t("common.loading")}</p>
        )
      ) : items.length === 0 ? (
        <p className="empty">{t("suppliers.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table className="table data-table suppliers-table">
            <caption className="visually-hidden">{t("suppliers.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("common.name")}</th>
                <th scope="col">{t("import.kind")}</th>
                <th scope="col" className="num">
                  {t("suppliers.offers")}
                </th>
                <th scope="col">{t("suppliers.lastImport")}</th>
                <th scope="col">{t("suppliers.mapping")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("common.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <tr key={`${s.kind}:${s.name}`}>
                  <th scope="row">{s.name}</th>
                  <td>{kindLabel(s.kind)}</td>
                  <td className="num">{formatCount(s.offers)}</td>
                  <td>{s.lastImportedAt ? formatDateTime(s.lastImportedAt) : t("suppliers.never")}</td>
                  <td className="wrap">
                    {mappingSummary(s.mapping)}
                    {s.mappingSavedAt ? (
                      <span className="hint">{t("suppliers.saved", { date: formatDateTime(s.mappingSavedAt) })}</span>
                    ) : null}
                  </td>
                  <td className="actions-cell">
                    {s.mapping ? (
                      <button
                        type="button"
                        className="quiet"
                        disabled={forgetting(s)}
                        onClick={() => forget.mutate({ name: s.name, kind: s.kind, mapping: null })}
                      >
                        {forgetting(s) ? t("suppliers.forgetting") : t("suppliers.forget")}
                        <span className="visually-hidden">{t("suppliers.forgetWhose", { name: s.name })}</span>
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
