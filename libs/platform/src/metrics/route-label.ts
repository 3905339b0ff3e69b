/** Route label for requests no controller handled (404s, bodies rejected before routing). */
export const UNMATCHED_ROUTE = 'unmatched';

const ROUTE_LABEL = Symbol('supportlens.routeLabel');

type LabelledRequest = { [ROUTE_LABEL]?: string };

export function setRouteLabel(request: object, route: string): void {
  (request as LabelledRequest)[ROUTE_LABEL] = route;
}

export function getRouteLabel(request: object): string {
  return (request as LabelledRequest)[ROUTE_LABEL] ?? UNMATCHED_ROUTE;
}
