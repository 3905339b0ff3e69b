import { BadRequestException, ConflictException, HttpException, NotFoundException } from '@nestjs/common';
import { MalformedJsonProblemException } from './malformed-json-problem.exception';
import { PayloadTooLargeProblemException } from './payload-too-large-problem.exception';
import { ProblemException } from './problem.exception';
import { ServiceUnavailableProblemException } from './service-unavailable-problem.exception';
import { INTERNAL_ERROR_DETAIL, toProblemResponse } from './to-problem-details';
import { ValidationProblemException } from './validation-problem.exception';

const TYPE = 'https://supportlens.dev/problems/';

/** Shaped like the `http-errors` errors Express middleware raise: client errors are `expose`d. */
function createHttpError(status: number, message: string): Error {
  return Object.assign(new Error(message), { status, statusCode: status, expose: status < 500 });
}

/** Shaped like body-parser's errors: http-errors with a `type`. */
function bodyParserError(status: number, type: string, message: string, extra: object = {}): Error {
  return Object.assign(createHttpError(status, message), { type }, extra);
}

describe('toProblemResponse', () => {
  it('keeps a ValidationProblemException with its field errors', () => {
    const errors = [{ field: 'customer.email', message: 'email must be an email' }];

    expect(toProblemResponse(new ValidationProblemException(errors), '/cases')).toEqual({
      problem: {
        type: `${TYPE}validation-error`,
        title: 'Validation failed',
        status: 400,
        detail: 'The request has 1 invalid field.',
        instance: '/cases',
        errors,
      },
      headers: {},
      expected: true,
    });
  });

  it('keeps a ServiceUnavailableProblemException and its Retry-After', () => {
    const response = toProblemResponse(
      new ServiceUnavailableProblemException(undefined, { retryAfterSeconds: 10 }),
      '/events',
    );

    expect(response.problem).toEqual({
      type: `${TYPE}service-unavailable`,
      title: 'Service unavailable',
      status: 503,
      detail: 'The service cannot handle the request right now. Retry later.',
      instance: '/events',
    });
    expect(response.headers).toEqual({ 'Retry-After': '10' });
  });

  it('keeps a custom ProblemException with its extensions', () => {
    const exception = new ProblemException({
      status: 409,
      type: 'duplicate-event',
      title: 'Duplicate event',
      detail: 'Event e-1 was already accepted.',
      extensions: { eventId: 'e-1' },
    });

    expect(toProblemResponse(exception, '/events').problem).toEqual({
      type: `${TYPE}duplicate-event`,
      title: 'Duplicate event',
      status: 409,
      detail: 'Event e-1 was already accepted.',
      instance: '/events',
      eventId: 'e-1',
    });
  });

  it("maps body-parser's entity.too.large to 413, naming the limit in bytes when not told", () => {
    const error = bodyParserError(413, 'entity.too.large', 'request entity too large', {
      limit: 1024,
      length: 4096,
    });

    expect(toProblemResponse(error, '/events').problem).toEqual({
      type: `${TYPE}payload-too-large`,
      title: 'Payload too large',
      status: 413,
      detail: 'The request body is larger than the limit of 1024 bytes.',
      instance: '/events',
      limit: '1024 bytes',
    });
  });

  it('names the configured limit when the body parser middleware translated the error', () => {
    expect(toProblemResponse(new PayloadTooLargeProblemException('1mb'), '/events').problem.detail).toBe(
      'The request body is larger than the limit of 1mb.',
    );
  });

  it("maps body-parser's entity.parse.failed to 400 Malformed JSON", () => {
    const error = bodyParserError(400, 'entity.parse.failed', 'Unexpected token } in JSON at position 9');
    const expected = {
      type: `${TYPE}malformed-json`,
      title: 'Malformed JSON',
      status: 400,
      detail: 'The request body is not valid JSON.',
      instance: '/events',
    };

    expect(toProblemResponse(error, '/events').problem).toEqual(expected);
    expect(toProblemResponse(new MalformedJsonProblemException(), '/events').problem).toEqual(expected);
  });

  it('keeps the status and message of other client-facing http errors', () => {
    const error = bodyParserError(415, 'encoding.unsupported', 'unsupported content encoding "br"');

    expect(toProblemResponse(error, '/events')).toEqual({
      problem: {
        type: `${TYPE}unsupported-media-type`,
        title: 'Unsupported Media Type',
        status: 415,
        detail: 'unsupported content encoding "br"',
        instance: '/events',
      },
      headers: {},
      expected: true,
    });
  });

  it('keeps the status of Nest HttpExceptions, with a type and title from the status', () => {
    expect(toProblemResponse(new NotFoundException('Case c-9 does not exist'), '/cases/c-9').problem).toEqual(
      {
        type: `${TYPE}not-found`,
        title: 'Not Found',
        status: 404,
        detail: 'Case c-9 does not exist',
        instance: '/cases/c-9',
      },
    );
    expect(toProblemResponse(new ConflictException(), '/x').problem).toMatchObject({
      type: `${TYPE}conflict`,
      status: 409,
      detail: 'Conflict',
    });
    expect(toProblemResponse(new BadRequestException(['a is bad', 'b is bad']), '/x').problem.detail).toBe(
      'a is bad; b is bad',
    );
    expect(toProblemResponse(new HttpException('teapot', 418), '/x').problem).toMatchObject({
      type: `${TYPE}i-m-a-teapot`,
      title: "I'm a Teapot",
      status: 418,
      detail: 'teapot',
    });
    expect(toProblemResponse(new HttpException('odd', 599), '/x').problem).toMatchObject({
      type: `${TYPE}http-599`,
      title: 'Error',
    });
  });

  it('answers unknown errors with a generic 500 and marks them unexpected', () => {
    const response = toProblemResponse(new Error('password authentication failed for user "app"'), '/x');

    expect(response).toEqual({
      problem: {
        type: `${TYPE}internal-error`,
        title: 'Internal Server Error',
        status: 500,
        detail: INTERNAL_ERROR_DETAIL,
        instance: '/x',
      },
      headers: {},
      expected: false,
    });
    expect(toProblemResponse('a thrown string', '/x').problem.status).toBe(500);
    expect(toProblemResponse(undefined, '/x').problem.status).toBe(500);
  });

  it('does not trust 5xx http-errors messages', () => {
    const error = createHttpError(500, 'stream encoding should not be set');

    expect(toProblemResponse(error, '/x')).toMatchObject({
      problem: { status: 500, detail: INTERNAL_ERROR_DETAIL },
      expected: false,
    });
  });
});
