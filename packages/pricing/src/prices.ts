/**
 * Rounds to cents. Going through toPrecision(15) first drops the binary noise of a
 * product such as 1.005 * 100 = 100.49999999999999, so halves round up as a person expects.
 */
export function roundPrice(value: number): number {
  return Math.round(Number((value * 100).toPrecision(15))) / 100;
}
