import { Injectable } from '@nestjs/common';
import { MetricsService } from '@supportlens/platform';
import { Histogram } from 'prom-client';
import { PhaseClock } from './phase-clock';

const SECONDS_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Where a batch's write spends its time, per input and phase (claim, facts, profiles, each step,
 * rollups, commit), as `supportlens_insights_write_phase_seconds`: what an operator (and the bench)
 * reads to see which part of the read models a slow batch waited on.
 */
@Injectable()
export class WritePhaseMetrics {
  private readonly seconds: Histogram<'input' | 'phase'>;

  constructor(metrics: MetricsService) {
    this.seconds = new Histogram({
      name: 'supportlens_insights_write_phase_seconds',
      help: 'Time one batch write spent in each phase',
      labelNames: ['input', 'phase'],
      buckets: SECONDS_BUCKETS,
      registers: [metrics.registry],
    });
  }

  record(input: string, clock: PhaseClock): void {
    for (const [phase, ms] of clock.phases()) this.seconds.observe({ input, phase }, ms / 1000);
  }
}
