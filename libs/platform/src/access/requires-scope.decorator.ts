import { applyDecorators, SetMetadata } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ApiKeyScope } from './api-key-scope';

export const REQUIRED_SCOPE = 'supportlens:required-scope';
export const ANONYMOUS_ACCESS = 'supportlens:anonymous-access';

/**
 * The scope a route (or every route of a controller) needs. A route that names no scope and is not
 * marked {@link AllowAnonymous} is refused to everyone: forgetting the decorator closes a route, it
 * never opens one.
 */
export function RequiresScope(scope: ApiKeyScope): ClassDecorator & MethodDecorator {
  return applyDecorators(
    SetMetadata(REQUIRED_SCOPE, scope),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'No API key, or one that is unknown or revoked (problem+json).' }),
    ApiForbiddenResponse({ description: `The API key lacks the \`${scope}\` scope (problem+json).` }),
    ApiTooManyRequestsResponse({
      description: "Over the key's request rate; see Retry-After (problem+json).",
    }),
  );
}

/**
 * A route anyone may call. Only for what an orchestrator must reach without a secret (liveness and
 * readiness probes, which say up or down and nothing else); the reason is kept with the route.
 */
export function AllowAnonymous(reason: string): ClassDecorator & MethodDecorator {
  return SetMetadata(ANONYMOUS_ACCESS, reason);
}
