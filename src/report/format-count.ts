/**
 * A count with thousands separators (8,500). Written out because toLocaleString loads ICU's
 * locale data on first use, ~20 ms of a check that should take a few hundred.
 */
export const formatCount = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/** A count and a noun: "1 row", "8,500 rows". */
export const plural = (n: number, one: string, many = `${one}s`): string =>
  `${formatCount(n)} ${n === 1 ? one : many}`;
