import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../core/usage-error.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** `node:util` `parseArgs` in strict mode, with its errors turned into `UsageError`s. */
export function parseCliArgs<O extends Options>(
  argv: readonly string[],
  options: O,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), { cause: error });
  }
}

/** A whole number within bounds, or a `UsageError` naming the option. */
export function parseIntegerOption(
  name: string,
  value: string | undefined,
  fallback: number,
  { min = 0, max = Number.MAX_SAFE_INTEGER }: { min?: number; max?: number } = {},
): number {
  if (value === undefined) return fallback;
  if (!/^-?\d+$/.test(value.trim()))
    throw new UsageError(`--${name} must be a whole number; received "${value}"`);
  const n = Number(value);
  if (n < min || n > max)
    throw new UsageError(`--${name} must be between ${min} and ${max}; received ${value}`);
  return n;
}
