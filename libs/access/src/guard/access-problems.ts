import { ApiKeyScope, ProblemException } from '@supportlens/platform';

/** 401: no credential, or one that is not a live key. Says which, never why a key is not live. */
export class UnauthorizedProblemException extends ProblemException {
  constructor(detail: string) {
    super({
      status: 401,
      type: 'unauthorized',
      title: 'Unauthorized',
      detail,
      headers: { 'WWW-Authenticate': 'Bearer realm="supportlens"' },
    });
  }
}

/** 403: a live key without the scope the route needs (or a route that names none). */
export class ForbiddenProblemException extends ProblemException {
  constructor(requiredScope: ApiKeyScope | undefined) {
    super({
      status: 403,
      type: 'forbidden',
      title: 'Forbidden',
      detail:
        requiredScope === undefined
          ? 'This route declares no scope, so no key may call it.'
          : `This API key lacks the scope ${requiredScope}.`,
      extensions: requiredScope === undefined ? {} : { requiredScope },
    });
  }
}

/** 429: over the key's request rate; Retry-After says when the next request is accepted. */
export class TooManyRequestsProblemException extends ProblemException {
  constructor(limitPerMinute: number, retryAfterSeconds: number) {
    super({
      status: 429,
      type: 'too-many-requests',
      title: 'Too many requests',
      detail: `This API key may make ${limitPerMinute} requests a minute across all instances; retry after ${retryAfterSeconds} s.`,
      extensions: { limitPerMinute, retryAfterSeconds },
      headers: { 'Retry-After': String(retryAfterSeconds) },
    });
  }
}
