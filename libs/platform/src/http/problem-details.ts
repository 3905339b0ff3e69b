import { STATUS_CODES } from 'node:http';
import { FieldError } from './field-error';

export const PROBLEM_JSON_CONTENT_TYPE = 'application/problem+json';
export const PROBLEM_TYPE_BASE_URI = 'https://supportlens.dev/problems/';

/** An RFC 9457 problem details body. */
export interface ProblemDetails {
  /** URI naming the kind of problem, e.g. https://supportlens.dev/problems/validation-error. */
  type: string;
  title: string;
  status: number;
  detail: string;
  /** The request path. */
  instance: string;
  /** Set for validation problems. */
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** 'validation-error' → 'https://supportlens.dev/problems/validation-error'. */
export function problemTypeUri(slug: string): string {
  return `${PROBLEM_TYPE_BASE_URI}${slug}`;
}

/** The HTTP reason phrase, e.g. 404 → 'Not Found'. */
export function statusTitle(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}

/** A problem type slug derived from the status, e.g. 404 → 'not-found'. */
export function statusSlug(status: number): string {
  const title = STATUS_CODES[status];
  return title
    ? title
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')
    : `http-${status}`;
}
