/**
 * What an API key may do. A route names the one scope it needs; a key holds any number of them.
 * Scopes follow who calls: the systems that publish tickets, the marketing tools that read insights,
 * the operators who change configuration, the monitoring that scrapes metrics.
 */
export const API_KEY_SCOPES = {
  'ingest:write': 'publish cases and survey responses (ingest)',
  'insights:read': 'read insights, metrics, customer profiles and on-demand scores/classifications',
  'personal-data:read': "read a customer's contact details (names, emails) held by ingest",
  'personal-data:erase': "erase a customer's personal data",
  'config:admin': 'read and change configuration: insight settings, scoring weights, taxonomy, models',
  'metrics:read': 'scrape the Prometheus metrics',
} as const;

export type ApiKeyScope = keyof typeof API_KEY_SCOPES;

export const ALL_API_KEY_SCOPES = Object.keys(API_KEY_SCOPES) as ApiKeyScope[];

export function isApiKeyScope(value: string): value is ApiKeyScope {
  return Object.prototype.hasOwnProperty.call(API_KEY_SCOPES, value);
}
