/** A node of PostgreSQL's `EXPLAIN (FORMAT JSON)` plan: the fields the tests read. */
export interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Disk Usage"?: number;
  "Sort Space Type"?: string;
  Plans?: PlanNode[];
}

/** The node and every node under it. */
export const flatten = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(flatten)];
