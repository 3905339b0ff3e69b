import { DEFAULT_CUSTOMER_PROFILE_SETTINGS } from './domain/customer-profile-settings';
import { emptyCaseWindow } from './domain/profile-windows';
import { ProfileRow, toCustomerProfile } from './profile-row';

const asOf = new Date('2033-04-11T12:00:00.000Z');
const daysBefore = (days: number) => new Date(asOf.getTime() - days * 86_400_000);

function aRow(overrides: Partial<ProfileRow> = {}): ProfileRow {
  return {
    customer_id: 'cust-1',
    segment: { industry: 'retail' },
    lifetime_value: '1200.50',
    consent: { caseStudy: true },
    cases_total: 4,
    open_cases: 1,
    surveys_total: 2,
    last_csat: 2,
    last_csat_at: asOf,
    previous_csat: 4,
    previous_csat_at: daysBefore(10),
    last_nps: 9,
    nps_category: 'promoter',
    last_nps_at: asOf,
    previous_nps: null,
    previous_nps_category: null,
    previous_nps_at: null,
    servqual_level: 'delighted',
    servqual_gap: 0.8,
    servqual_at: asOf,
    previous_servqual_level: 'satisfied',
    previous_servqual_gap: 0,
    previous_servqual_at: daysBefore(10),
    last_contact_at: asOf,
    as_of: asOf,
    case_windows: {
      '90d': {
        ...emptyCaseWindow(),
        cases: 3,
        resolution: {
          resolved: 2,
          medianHours: 12,
          byIssueCode: { billing: { resolved: 2, medianHours: 12 } },
        },
      },
    },
    recent_tone: { cases: 4, negative: 2, neutral: 1, positive: 0 },
    updated_at: new Date('2026-01-01T00:00:00.000Z'),
    ...overrides,
  };
}

describe('toCustomerProfile', () => {
  it('serves the stored profile with its trends and its resolution against the norm', () => {
    const profile = toCustomerProfile(
      aRow(),
      [{ issue_code: 'billing', cases: 40, median_hours: 6 }],
      DEFAULT_CUSTOMER_PROFILE_SETTINGS,
    );
    expect(profile).toMatchObject({
      customerId: 'cust-1',
      lifetimeValue: 1200.5,
      lastCsat: { score: 2, at: '2033-04-11T12:00:00.000Z' },
      lastNps: { score: 9, category: 'promoter', at: '2033-04-11T12:00:00.000Z' },
      asOf: '2033-04-11T12:00:00.000Z',
      recentTone: { cases: 4, of: 10, negative: 2, neutral: 1, positive: 0 },
    });
    expect(profile.satisfaction).toEqual({
      csat: {
        last: 2,
        lastAt: '2033-04-11T12:00:00.000Z',
        previous: 4,
        previousAt: '2033-04-01T12:00:00.000Z',
        direction: 'down',
      },
      nps: {
        last: 9,
        lastAt: '2033-04-11T12:00:00.000Z',
        previous: null,
        previousAt: null,
        direction: null,
        category: 'promoter',
        previousCategory: null,
      },
      servqualLevel: {
        last: 'delighted',
        lastAt: '2033-04-11T12:00:00.000Z',
        previous: 'satisfied',
        previousAt: '2033-04-01T12:00:00.000Z',
        direction: 'up',
        gap: 0.8,
        previousGap: 0,
      },
    });
    // 12 h against a norm of 6 h: twice as long.
    expect(profile.resolution).toMatchObject({ medianHours: 12, normHours: 6, ratio: 2, verdict: 'slower' });
    expect(profile.windows['90d']).toMatchObject({ cases: 3, from: '2033-01-11T12:00:00.000Z' });
    expect(profile.windows['7d']).toMatchObject({ cases: 0, from: '2033-04-04T12:00:00.000Z' });
  });

  it('reads a profile written before the windows existed as empty, not as an error', () => {
    const profile = toCustomerProfile(
      aRow({
        case_windows: {},
        recent_tone: {},
        as_of: null,
        last_csat: null,
        last_csat_at: null,
        last_nps: null,
        nps_category: null,
        last_nps_at: null,
        servqual_level: null,
        servqual_gap: null,
        servqual_at: null,
      }),
      [],
      DEFAULT_CUSTOMER_PROFILE_SETTINGS,
    );
    expect(profile.windows['30d']).toEqual({ days: 30, from: null, to: null, ...emptyCaseWindow() });
    expect(profile.satisfaction).toEqual({ csat: null, nps: null, servqualLevel: null });
    expect(profile.lastCsat).toBeNull();
    expect(profile.recentTone).toEqual({ cases: 0, of: 10, negative: 0, neutral: 0, positive: 0 });
    expect(profile.resolution).toMatchObject({ resolved: 0, verdict: null, byIssueCode: [] });
  });

  it('ignores a SERVQUAL level it does not know rather than guessing a direction', () => {
    const profile = toCustomerProfile(
      aRow({ previous_servqual_level: 'ecstatic' }),
      [],
      DEFAULT_CUSTOMER_PROFILE_SETTINGS,
    );
    expect(profile.satisfaction.servqualLevel).toMatchObject({
      last: 'delighted',
      previous: null,
      direction: null,
    });
  });
});
