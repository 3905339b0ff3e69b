export const ACCESS_OPTIONS = Symbol('ACCESS_OPTIONS');

export interface AccessOptions {
  /** How long a verified key is trusted without asking the database again. */
  cacheTtlMs: number;
  /** Requests per key per minute, counted across every instance; 0 turns the limit off. */
  requestsPerMinute: number;
}
