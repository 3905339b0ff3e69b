import { HttpException } from '@nestjs/common';
import { ProblemDetails, problemTypeUri } from './problem-details';

export interface ProblemInit {
  status: number;
  /** Slug appended to the problem base URI, e.g. 'validation-error'. */
  type: string;
  title: string;
  detail: string;
  /** Extra members of the body (RFC 9457 extensions), e.g. { errors: [...] }. */
  extensions?: Record<string, unknown>;
  /** Response headers to send with it, e.g. { 'Retry-After': '5' }. */
  headers?: Record<string, string>;
  cause?: unknown;
}

/**
 * An HttpException that knows its whole problem+json body. Throw it (or a subclass) when the
 * type, title and detail matter to clients; ProblemDetailsFilter sends it as is.
 */
export class ProblemException extends HttpException {
  readonly problemType: string;
  readonly title: string;
  readonly detail: string;
  readonly extensions: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(init: ProblemInit) {
    super(
      {
        type: problemTypeUri(init.type),
        title: init.title,
        status: init.status,
        detail: init.detail,
        ...init.extensions,
      },
      init.status,
      { cause: init.cause },
    );
    this.problemType = problemTypeUri(init.type);
    this.title = init.title;
    this.detail = init.detail;
    this.extensions = init.extensions ?? {};
    this.headers = init.headers ?? {};
  }

  toProblemDetails(instance: string): ProblemDetails {
    return {
      type: this.problemType,
      title: this.title,
      status: this.getStatus(),
      detail: this.detail,
      instance,
      ...this.extensions,
    };
  }
}
