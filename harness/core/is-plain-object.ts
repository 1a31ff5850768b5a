/** Whether a parsed JSON value is an object (not null, not an array): the guard before reading its keys. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
