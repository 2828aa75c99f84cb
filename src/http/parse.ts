import type { z } from 'zod';
import { AppError, invalidInput, notFound } from '../errors.ts';

/**
 * Parses a body or query with zod; a failure is a 400 that names every bad field. Text PostgreSQL
 * cannot store is refused first (it failed as a 500): a NUL character, and a lone UTF-16
 * surrogate (JSON's `"\ud800"`), which a jsonb column refuses and a text column mangles.
 */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const badAt = pathOfUnstorable(input, []);
  if (badAt) throw new AppError(400, 'INVALID_INPUT', `Invalid input: ${badAt}`, { fields: [{ path: badAt, message: 'must not contain a NUL character or a lone surrogate' }] });
  const result = schema.safeParse(input ?? {});
  if (!result.success) throw invalidInput(result.error);
  return result.data;
}

/** A uuid as PostgreSQL's uuid type takes it. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path id: anything that is not a uuid names nothing, so it is a 404. */
export function idParam(value: string | string[] | undefined, what: string): string {
  if (typeof value !== 'string' || !UUID.test(value)) throw notFound(what);
  return value.toLowerCase();
}

/** Deeper than any input we take; beyond it the zod schema refuses the shape anyway. */
const MAX_DEPTH = 32;

const unstorable = (text: string) => text.includes('\0') || !text.isWellFormed();

/** The path of the first string (or key) holding text PostgreSQL cannot store, or undefined. */
function pathOfUnstorable(value: unknown, path: string[]): string | undefined {
  if (typeof value === 'string') return unstorable(value) ? path.join('.') || '(body)' : undefined;
  if (value === null || typeof value !== 'object' || path.length > MAX_DEPTH) return undefined;
  for (const [key, item] of Object.entries(value)) {
    if (unstorable(key)) return [...path, key].join('.');
    const found = pathOfUnstorable(item, [...path, key]);
    if (found) return found;
  }
  return undefined;
}
