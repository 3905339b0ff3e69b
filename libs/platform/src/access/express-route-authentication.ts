/**
 * The token of an Express middleware that authenticates requests to routes Express serves directly
 * (the OpenAPI UI and documents at /docs), which Nest's guards never see. @supportlens/access
 * provides it; configureHttpApp mounts it in front of those routes when it is there.
 */
export const EXPRESS_ROUTE_AUTHENTICATION = Symbol('EXPRESS_ROUTE_AUTHENTICATION');
