import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, type ErrorCode } from '../errors.ts';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; field?: string; [detail: string]: unknown };
}

interface ValidationIssue {
  keyword: string;
  instancePath: string;
  message?: string;
  params?: { keys?: string[] };
}

/** Maps anything thrown in a request to the one error shape; 5xx details stay in the log. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = toAppError(error);
    if (appError.status >= 500) {
      request.log.error({ err: error }, 'request failed');
    } else {
      request.log.info({ code: appError.code, field: appError.field }, appError.message);
    }
    const body: ErrorBody = { error: { ...appError.details, code: appError.code, message: appError.message } };
    if (appError.field) body.error.field = appError.field;
    return reply.status(appError.status).send(body);
  });
}

export function notFoundBody(method: string, pathname: string): ErrorBody {
  return { error: { code: 'NOT_FOUND', message: `No route ${method} ${pathname}` } };
}

export function toAppError(error: Partial<FastifyError> | AppError): AppError {
  if (error instanceof AppError) return error;
  const validation = (error as { validation?: ValidationIssue[] }).validation;
  if (Array.isArray(validation) && validation.length > 0) {
    const context = (error as { validationContext?: string }).validationContext ?? 'body';
    return fromValidationIssue(validation[0]!, context);
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('MALFORMED_JSON', 'The request body is not valid JSON');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE', 'The request body is larger than 1 MB');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json');
    case 'FST_ERR_RATE_LIMIT':
      return new AppError('RATE_LIMITED', 'Too many requests; slow down');
    default:
      break;
  }
  const status = error.statusCode ?? 500;
  if (status === 429) return new AppError('RATE_LIMITED', 'Too many requests; slow down');
  if (status >= 400 && status < 500) {
    return new AppError('VALIDATION_FAILED', error.message || 'The request is not valid');
  }
  return new AppError('INTERNAL', 'Something went wrong on our side');
}

function fromValidationIssue(issue: ValidationIssue, context: string): AppError {
  const path = issue.instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
  if (issue.keyword === 'unrecognized_keys' && issue.params?.keys?.length) {
    const key = issue.params.keys[0]!;
    const field = path ? `${path}.${key}` : key;
    return new AppError('VALIDATION_FAILED', `Unknown field "${field}" in ${context}`, field);
  }
  const field = path || undefined;
  const message = field
    ? `${context} field "${field}": ${issue.message ?? 'is not valid'}`
    : `${context}: ${issue.message ?? 'is not valid'}`;
  return new AppError('VALIDATION_FAILED', message, field);
}
