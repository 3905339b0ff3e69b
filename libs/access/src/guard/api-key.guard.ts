import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ANONYMOUS_ACCESS, ApiKeyScope, REQUIRED_SCOPE } from '@supportlens/platform';
import type { Request } from 'express';
import { ApiKeyPrincipal } from '../api-keys/api-key';
import { credentialFrom } from '../api-keys/api-key-secret';
import { ApiKeyVerifier } from '../api-keys/api-key-verifier';
import { RequestRateLimiter } from '../rate-limit/request-rate-limiter';
import { ForbiddenProblemException, UnauthorizedProblemException } from './access-problems';

/** The request as the guard leaves it: who called. */
export type AuthenticatedRequest = Request & { apiKey?: ApiKeyPrincipal };

/**
 * Installed as a global guard: every HTTP route needs a live API key holding the scope the route
 * names (`@RequiresScope`), except routes marked `@AllowAnonymous`. A route that names no scope is
 * refused (fail closed). Then the key's request rate is counted. Order of answers: 401 (no or bad
 * key), 403 (scope), 429 (rate).
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: ApiKeyVerifier,
    private readonly rateLimiter: RequestRateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Kafka handlers are not requests; they are trusted by the broker's own authentication.
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<string>(ANONYMOUS_ACCESS, targets) !== undefined) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = await authenticate(this.verifier, request);
    request.apiKey = principal;

    const scope = this.reflector.getAllAndOverride<ApiKeyScope | undefined>(REQUIRED_SCOPE, targets);
    if (scope === undefined || !principal.scopes.includes(scope)) throw new ForbiddenProblemException(scope);
    await this.rateLimiter.consume(principal.keyId);
    return true;
  }
}

/** The request's live key, or a 401 problem saying whether the credential was missing or not valid. */
export async function authenticate(verifier: ApiKeyVerifier, request: Request): Promise<ApiKeyPrincipal> {
  const credential = credentialFrom(request.headers);
  if (credential === undefined) {
    throw new UnauthorizedProblemException(
      'This route needs an API key: send it as "Authorization: Bearer <key>" or "X-API-Key: <key>".',
    );
  }
  const principal = credential === '' ? undefined : await verifier.verify(credential);
  if (!principal)
    throw new UnauthorizedProblemException('The API key is not valid (unknown, malformed or revoked).');
  return principal;
}
