/**
 * Injection token for the service's name (e.g. 'ingest'), as given to PlatformModule.forRoot.
 * A string rather than a Symbol so it still matches if the library is ever loaded twice.
 */
export const SERVICE_NAME = 'SUPPORTLENS_SERVICE_NAME';
