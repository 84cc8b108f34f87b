import { describe, expect, it } from 'vitest';
import { AppError, errorStatus } from '../errors.ts';
import { toAppError } from './error-handler.ts';

describe('toAppError', () => {
  it('should keep an AppError as it is', () => {
    const error = new AppError('INVALID_PHONE', 'bad', 'phone');
    expect(toAppError(error)).toBe(error);
  });

  it.each([
    ['FST_ERR_CTP_INVALID_JSON_BODY', 'MALFORMED_JSON'],
    ['FST_ERR_CTP_BODY_TOO_LARGE', 'PAYLOAD_TOO_LARGE'],
    ['FST_ERR_CTP_INVALID_MEDIA_TYPE', 'UNSUPPORTED_MEDIA_TYPE'],
  ])('should map %s to %s', (code, expected) => {
    expect(toAppError({ code, message: 'x', statusCode: 400 }).code).toBe(expected);
  });

  it('should name an unknown field', () => {
    const error = toAppError({
      validation: [
        { keyword: 'unrecognized_keys', instancePath: '/', params: { keys: ['fax'] }, schemaPath: '', message: '' },
      ],
    } as never);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'fax' });
  });

  it('should name a nested field with dots', () => {
    const error = toAppError({
      validation: [
        {
          keyword: 'invalid_type',
          instancePath: '/address/city',
          params: {},
          schemaPath: '',
          message: 'Expected string',
        },
      ],
    } as never);
    expect(error.field).toBe('address.city');
  });

  it('should hide the details of an unexpected error behind INTERNAL', () => {
    const error = toAppError(new Error('connection refused to 10.0.0.1') as never);
    expect(error.code).toBe('INTERNAL');
    expect(error.message).not.toContain('10.0.0.1');
  });

  it('should map every code to a 4xx or 5xx status', () => {
    for (const status of Object.values(errorStatus)) expect(status).toBeGreaterThanOrEqual(400);
  });
});
