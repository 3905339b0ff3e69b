import { register as globalRegistry } from 'prom-client';
import { MetricsService } from './metrics.service';

describe('MetricsService', () => {
  it('registers the SupportLens instruments under their exact names and labels', async () => {
    const metrics = new MetricsService('classifier');
    metrics.eventsIn.inc({ topic: 'a' });
    metrics.eventsOut.inc({ topic: 'a' });
    metrics.dlq.inc({ topic: 'a', reason: 'schema' });
    metrics.duplicatesSkipped.inc({ topic: 'a' });
    metrics.consumerRetries.inc({ topic: 'a' });
    metrics.batchSize.observe({ topic: 'a' }, 120);
    metrics.batchDuration.observe({ topic: 'a' }, 0.2);
    metrics.consumerLag.set({ topic: 'a', partition: '3' }, 42);
    metrics.httpRequests.inc({ method: 'GET', route: '/x', status: '200' });
    metrics.httpRequestDuration.observe({ method: 'GET', route: '/x' }, 0.01);

    const text = await metrics.render();

    for (const line of [
      'supportlens_events_in_total{topic="a",service="classifier"} 1',
      'supportlens_events_out_total{topic="a",service="classifier"} 1',
      'supportlens_dlq_total{topic="a",reason="schema",service="classifier"} 1',
      'supportlens_duplicates_skipped_total{topic="a",service="classifier"} 1',
      'supportlens_consumer_retries_total{topic="a",service="classifier"} 1',
      'supportlens_batch_size_bucket{le="100",service="classifier",topic="a"} 0',
      'supportlens_batch_size_bucket{le="250",service="classifier",topic="a"} 1',
      'supportlens_batch_size_bucket{le="5000",service="classifier",topic="a"} 1',
      'supportlens_batch_duration_seconds_count{service="classifier",topic="a"} 1',
      'supportlens_consumer_lag{topic="a",partition="3",service="classifier"} 42',
      'supportlens_http_requests_total{method="GET",route="/x",status="200",service="classifier"} 1',
      'supportlens_http_request_duration_seconds_count{service="classifier",method="GET",route="/x"} 1',
    ]) {
      expect(text).toContain(line);
    }
  });

  it('collects the default Node metrics, unprefixed', async () => {
    const text = await new MetricsService('insights').render();

    expect(text).toContain('process_cpu_user_seconds_total{service="insights"}');
    expect(text).toContain('nodejs_eventloop_lag_seconds{service="insights"}');
  });

  it('keeps each instance apart and off the global registry', async () => {
    const first = new MetricsService('ingest');
    const second = new MetricsService('ingest');

    first.eventsIn.inc({ topic: 't' }, 5);

    expect(await second.render()).not.toContain('supportlens_events_in_total{topic="t"');
    expect(await globalRegistry.metrics()).not.toContain('supportlens_');
  });

  it('exposes the Prometheus text content type', () => {
    expect(new MetricsService('x').contentType).toMatch(/^text\/plain; version=0\.0\.4/);
  });
});
