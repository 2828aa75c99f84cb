import { z } from 'zod';

/**
 * Times as every input takes them (REST bodies and queries, settings, the stat feed, cursors):
 * ISO 8601, and between the years 1970 and 9999 in UTC. PostgreSQL's timestamptz has no year 0,
 * and a JavaScript date writes a year past 9999 (or before 1, which an offset can reach from
 * `0000-01-01`) in a form it refuses: outside this range a time was a 500 instead of a 400.
 */
export const inStoredRange = (at: Date): boolean => at.getUTCFullYear() >= 1970 && at.getUTCFullYear() <= 9999;
const RANGE = { message: 'must be between the years 1970 and 9999' };
const storable = (value: string) => inStoredRange(new Date(value));

/** A time with its offset (`2026-09-10T20:20:00-04:00`, or `Z`). */
export const isoTime = z.iso.datetime({ offset: true }).refine(storable, RANGE);
/** A time in UTC (`…Z`). */
export const isoUtcTime = z.iso.datetime().refine(storable, RANGE);
/** A day (`2026-09-10`). */
export const isoDay = z.iso.date().refine(storable, RANGE);
