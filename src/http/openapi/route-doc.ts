import { z } from 'zod';

/**
 * What a route file says of each of its routes for the OpenAPI document (src/http/openapi.ts):
 * the same zod schemas the handlers parse with, never a copy, plus what the handlers reply.
 */
export interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** The path exactly as the route file registers it (Express syntax, relative to where its router is mounted). */
  path: string;
  summary: string;
  description?: string;
  /** Who may call it: `user` (a bearer token, the default), `admin` (the stored admin role) or `public`. */
  auth?: 'public' | 'user' | 'admin';
  /**
   * Whether a read-only API key may call it; by default every GET (src/http/guard.ts). The
   * document also marks the GETs anyone may call without a token (guard.ts `isPublicRead`).
   */
  apiKeys?: boolean;
  /** Path parameters: `ids(...)` for the ids idParam() reads, or the route's own schema. */
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The replies that are not errors, by status. */
  replies: Record<number, Reply>;
  /**
   * Error statuses (the shared error shape) besides those the document derives: 400 with a query
   * or body, 401 unless public, 403 for admins only, 404 with path ids, 413 with a body.
   */
  errors?: number[];
}

export interface Reply {
  description: string;
  /** The reply's JSON shape (the output side of the schema). */
  schema?: z.ZodType;
  /** Another content type than JSON (`text/html`, `text/plain`); no schema then. */
  type?: string;
  /** Response headers worth knowing: name → what it says. */
  headers?: Record<string, string>;
}

export interface RouteDocs {
  /** One tag groups a route file's routes in the docs page. */
  tag: string;
  description: string;
  routes: RouteDoc[];
}

/**
 * The path ids of idParam() (src/http/parse.ts): any 8-4-4-4-12 hex id, of any case; anything else
 * names nothing, so it is a 404, as an unknown id is.
 */
export function ids(...names: Array<[name: string, what: string]>): z.ZodObject {
  return z.object(Object.fromEntries(names.map(([name, what]) => [name, z.guid().meta({ description: `${what} id` })])));
}

export const leagueParams = ids(['id', 'League']);
