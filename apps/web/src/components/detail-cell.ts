/** A secondary cell's class; an empty one is hidden where rows read as lines (styles.css). */
export const detail = (value: unknown) => (value === null || value === undefined ? "cell-detail is-empty" : "cell-detail");
