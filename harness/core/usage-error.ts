/**
 * A mistake in the user's input (bad flag, bad value, bad URL, unknown collector). Any layer may throw
 * it; only `cli/` decides what it becomes: printed without a stack trace, exit code 2.
 */
export class UsageError extends Error {
  override name = 'UsageError';
}
