import type { z } from 'zod';
import { invalidInput, notFound } from './errors.ts';

/** Parses a body or query with zod; a failure is a 400 that names every bad field. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input ?? {});
  if (!result.success) throw invalidInput(result.error);
  return result.data;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path id: anything that is not a uuid names nothing, so it is a 404. */
export function idParam(value: string | string[] | undefined, what: string): string {
  if (typeof value !== 'string' || !UUID.test(value)) throw notFound(what);
  return value.toLowerCase();
}
