import { z } from 'zod';
import { isoUtcTime } from '../time-input.ts';
import { AppError } from '../errors.ts';
import { UUID } from './parse.ts';

/**
 * Page cursors: opaque to clients (base64url of a JSON tuple), parsed back with a zod tuple so a
 * forged one (`1e400` → Infinity, a non-uuid id, a date out of PostgreSQL's range) is a 400
 * INVALID_INPUT naming `cursor`, never a value that reaches SQL and fails there (500).
 */
export function encodeCursor(parts: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

export function decodeCursor<S extends z.ZodType>(raw: string, schema: S, message = 'not a cursor this API issued'): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch { /* the error below */ }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  throw new AppError(400, 'INVALID_INPUT', 'Invalid input: cursor', { fields: [{ path: 'cursor', message }] });
}

/** The pieces cursors are made of, each within what its column holds. */
export const cursorParts = {
  id: z.string().regex(UUID).transform((id) => id.toLowerCase()),
  /** A PostgreSQL integer. */
  int: z.number().int().min(-(2 ** 31)).max(2 ** 31 - 1),
  /** A finite sort key well inside a double's exact range. */
  key: z.number().min(-1e15).max(1e15),
  /** A timestamp between 1970 and 9999 (PostgreSQL's timestamptz holds it; JavaScript dates go further). */
  date: isoUtcTime.transform((at) => new Date(at)),
};
