import type { ZodError } from 'zod';

/**
 * The one error type of the services and the HTTP side: a stable code, an HTTP status, optional
 * details. Services throw it; src/http/errors.ts turns it into `{error: {code, message, details?}}`.
 */
export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export const notFound = (what: string) => new AppError(404, 'NOT_FOUND', `${what} not found`);
export const forbidden = (message = 'You may not do that') => new AppError(403, 'FORBIDDEN', message);
export const conflict = (message: string) => new AppError(409, 'CONFLICT', message);
export const unauthenticated = (message = 'A valid bearer token is required') =>
  new AppError(401, 'UNAUTHENTICATED', message);
/** A request the server understands but this league (its sport) does not do. */
export const notSupported = (message: string) => new AppError(400, 'NOT_SUPPORTED', message);

/** A 400 that names the one field at fault, in the shape zod failures have. */
export const badField = (path: string, message: string) =>
  new AppError(400, 'INVALID_INPUT', message, { fields: [{ path, message }] });

export function invalidInput(error: ZodError): AppError {
  const fields = error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  const names = [...new Set(fields.map((f) => f.path || '(body)'))].join(', ');
  return new AppError(400, 'INVALID_INPUT', `Invalid input: ${names}`, { fields });
}
