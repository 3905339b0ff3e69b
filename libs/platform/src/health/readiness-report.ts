export type CheckResult = { status: 'up' } | { status: 'down'; error: string };

/** Body of GET /health/ready. */
export interface ReadinessReport {
  /** 'ok' only when every check is up and the service is not shutting down. */
  status: 'ok' | 'unavailable' | 'shutting_down';
  checks: Record<string, CheckResult>;
}
