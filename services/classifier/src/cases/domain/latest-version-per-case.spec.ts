import { latestVersionPerCase } from './latest-version-per-case';

const example = (caseId: string, labelledAt: string, issueCode: string) => ({
  source: 'zendesk',
  caseId,
  labelledAt,
  issueCode,
});

const latest = (examples: Array<ReturnType<typeof example>>) =>
  latestVersionPerCase(examples, (e) => e.labelledAt);

describe('latestVersionPerCase', () => {
  it('keeps the latest version of each case, whatever the order', () => {
    const newer = example('c1', '2026-03-02T00:00:00Z', 'billing.refund');
    const older = example('c1', '2026-03-01T00:00:00Z', 'access.login');
    const other = example('c2', '2026-03-01T00:00:00Z', 'access.login');
    expect(latest([newer, other, older])).toEqual([newer, other]);
    expect(latest([older, newer])).toEqual([newer]);
  });

  it('takes the later one in the list on a tie, and keeps cases of other sources apart', () => {
    const first = example('c1', '2026-03-01T00:00:00Z', 'a.x');
    const second = example('c1', '2026-03-01T00:00:00Z', 'b.y');
    const elsewhere = { ...first, source: 'freshdesk' };
    expect(latest([first, elsewhere, second])).toEqual([second, elsewhere]);
  });
});
