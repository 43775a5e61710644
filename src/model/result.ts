/**
 * The outcome of a step that can fail above the parse layer: a value, or an error value.
 * One shape for all of them, so callers read `.value` and `.error` everywhere and failures are
 * values to pass on, never throws.
 */
export type Result<T, E = string> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

/** A success carrying `value`. */
export const ok = <T>(value: T): { readonly ok: true; readonly value: T } => ({ ok: true, value });

/** A failure carrying `error`. */
export const err = <E>(error: E): { readonly ok: false; readonly error: E } => ({ ok: false, error });
