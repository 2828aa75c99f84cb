import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { log } from '../log.ts';
import { AppError, conflict, invalidInput } from '../errors.ts';

/** The Express side of src/errors.ts: every error a route throws becomes the one JSON error shape. */

export const unknownRoute: RequestHandler = (req, _res, next) =>
  next(new AppError(404, 'NOT_FOUND', `No route for ${req.method} ${req.path}`));

/** Turns every error into `{error: {code, message, details?}}`; unexpected ones are logged, not leaked. */
export const errorHandler: ErrorRequestHandler = (error, req, res, _next) => {
  const appError = toAppError(error);
  if (appError.status >= 500) log.error({ err: error, method: req.method, path: req.path }, 'request failed');
  if (appError.status === 429 && appError.details && typeof appError.details === 'object') {
    const retryAfter = (appError.details as { retryAfterSeconds?: number }).retryAfterSeconds;
    if (retryAfter) res.setHeader('Retry-After', String(retryAfter));
  }
  const body: Record<string, unknown> = { code: appError.code, message: appError.message };
  if (appError.details !== undefined) body.details = appError.details;
  res.status(appError.status).json({ error: body });
};

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) return invalidInput(error);
  if (error instanceof UniqueConstraintViolationException) return conflict('That already exists');
  const httpError = error as { type?: string; status?: number; message?: string };
  if (httpError.type === 'entity.parse.failed') return new AppError(400, 'INVALID_INPUT', 'Body is not valid JSON');
  if (httpError.type === 'entity.too.large') return new AppError(413, 'PAYLOAD_TOO_LARGE', 'Body is too large');
  if (httpError.status && httpError.status >= 400 && httpError.status < 500) {
    return new AppError(httpError.status, 'INVALID_INPUT', httpError.message ?? 'Bad request');
  }
  return new AppError(500, 'INTERNAL', 'Something went wrong on our side');
}
