import { useMutation } from "@tanstack/react-query";
import { taskTitle } from "../task-summary.ts";
import { useTRPC } from "../trpc.ts";
import type { OnSubmitted } from "../use-submitted.ts";
import { FormError } from "./form-error.tsx";
import { Panel } from "./panel.tsx";

export function RecalculatePanel({ onSubmitted }: { onSubmitted: OnSubmitted }) {
  const trpc = useTRPC();
  const submit = useMutation(trpc.tasks.submit.recalculate.mutationOptions({ onSuccess: (answer) => onSubmitted("recalculate", answer) }));
  return (
    <Panel id="recalculate" title={taskTitle("recalculate")} hint="Sets every component's price from its suppliers' current stock offers.">
      <div className="form-actions">
        <button type="button" className="primary" onClick={() => submit.mutate({})} disabled={submit.isPending}>
          {submit.isPending ? "Starting…" : "Recalculate prices"}
        </button>
      </div>
      <FormError error={submit.error} />
    </Panel>
  );
}
