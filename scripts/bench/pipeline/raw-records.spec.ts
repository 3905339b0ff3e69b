import { SyntheticLoad } from '../shared/synthetic-load';
import { rawRecordOf } from './raw-records';

function records(count: number) {
  return new SyntheticLoad({
    seed: 7,
    customers: 200,
    namespace: 'raw-spec',
    start: new Date('2026-10-01T00:00:00Z'),
    spacingMs: 15_000,
    maxFollowUpSlots: 50,
  })
    .take(count)
    .map(rawRecordOf);
}

describe('rawRecordOf', () => {
  const sample = records(4_000);
  const cases = sample.filter((record) => record.kind === 'case');
  const surveys = sample.filter((record) => record.kind === 'survey');

  it('makes cases of 0.5–2 KB of JSON, with text of real length', () => {
    const sizes = cases.map((record) => Buffer.byteLength(record.value));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(500);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(2_048);
    const descriptions = cases.map(
      (record) => (JSON.parse(record.value) as { description: string }).description,
    );
    expect(descriptions.filter((text) => text.length >= 600).length).toBeGreaterThan(cases.length / 4);
  });

  it('sends about one survey response per four cases, to the raw topics, keyed by customer', () => {
    expect(surveys.length / cases.length).toBeGreaterThan(0.15);
    expect(surveys.length / cases.length).toBeLessThan(0.4);
    expect(new Set(sample.map((record) => record.topic))).toEqual(
      new Set(['support.tickets.raw.v1', 'support.surveys.raw.v1']),
    );
    for (const record of sample) {
      const body = JSON.parse(record.value) as { customer: { id: string } };
      expect(body.customer.id).toBe(record.key);
    }
  });

  it('gives each version of a case its own id', () => {
    const versions = new Map<string, number>();
    for (const record of cases) versions.set(record.recordId, (versions.get(record.recordId) ?? 0) + 1);
    expect([...versions.values()].filter((count) => count === 2).length).toBeGreaterThan(0);
    expect(new Set(sample.map((record) => record.id)).size).toBe(sample.length);
  });

  it('is the same for the same seed', () => {
    expect(records(300)).toEqual(records(300));
  });
});
