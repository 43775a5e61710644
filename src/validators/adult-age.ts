/** A whole number that could be an adult's age in years. */
export function isAdultAge(value: string): boolean {
  return /^\d{2,3}$/.test(value.trim()) && Number(value) >= 16 && Number(value) <= 110;
}
