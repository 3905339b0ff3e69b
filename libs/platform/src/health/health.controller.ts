import { Controller, Get, Header, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AllowAnonymous } from '../access/requires-scope.decorator';
import { ReadinessRegistry } from './readiness-registry';
import { ReadinessReport } from './readiness-report';

/**
 * Liveness and readiness probes.
 *
 * Plain Nest rather than @nestjs/terminus: the checks come from other libraries as plain async
 * functions, the response shape is ours ({status, checks:{name:{status}}}) and terminus would
 * add its own {info, error, details} envelope, its own error logging and an exception that our
 * problem+json filter would rewrite. Running the checks ourselves is a few lines.
 */
@AllowAnonymous(
  'orchestrator probes (compose, Kubernetes) call without a secret; they answer up or down only',
)
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: ReadinessRegistry) {}

  /** 200 while the process can serve HTTP at all; says nothing about dependencies. */
  @Get('live')
  @Header('Cache-Control', 'no-store')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** 200 when every registered check is up, else 503 naming the failing checks. */
  @Get('ready')
  @Header('Cache-Control', 'no-store')
  async ready(@Res({ passthrough: true }) response: Response): Promise<ReadinessReport> {
    const report = await this.readiness.check();
    response.status(report.status === 'ok' ? 200 : 503);
    return report;
  }
}
