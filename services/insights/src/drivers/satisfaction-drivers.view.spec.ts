import { SatisfactionDriver } from './domain/satisfaction-drivers';
import { driversCsv, driverView } from './satisfaction-drivers.view';

const driver: SatisfactionDriver = {
  kind: 'issueCode',
  issueCode: 'billing.refund',
  topic: null,
  bucket: null,
  themeKind: 'issueCode',
  themeValue: 'billing.refund',
  responses: { with: 35, without: 65, share: 0.35 },
  csat: {
    with: { responses: 35, satisfied: 30, percent: (30 / 35) * 100 },
    without: { responses: 65, satisfied: 33, percent: (33 / 65) * 100 },
    overall: 63,
    points: (30 / 35) * 100 - (33 / 65) * 100,
    impact: 63 - (33 / 65) * 100,
    test: {
      z: 3.452274269591474,
      p: 5.558823737120465e-4,
      pAdjusted: 5.558823737120465e-4,
      significant: true,
    },
  },
  nps: {
    with: { responses: 35, promoters: 21, passives: 10, detractors: 4, score: (17 / 35) * 100 },
    without: { responses: 65, promoters: 21, passives: 18, detractors: 26, score: (-5 / 65) * 100 },
    overall: 12,
    points: (17 / 35) * 100 + (5 / 65) * 100,
    impact: 12 + (5 / 65) * 100,
    test: null,
  },
};

describe('driverView', () => {
  it('rounds scores and points to two decimals, z to three, p-values to four significant digits', () => {
    const view = driverView(driver);
    expect(view.responses).toEqual({ with: 35, without: 65, sharePercent: 35 });
    expect(view.csat).toEqual({
      with: { responses: 35, satisfied: 30, percent: 85.71 },
      without: { responses: 65, satisfied: 33, percent: 50.77 },
      overall: 63,
      points: 34.95,
      impact: 12.23,
      test: { z: 3.452, p: 5.559e-4, pAdjusted: 5.559e-4, significant: true },
    });
    expect(view.nps).toMatchObject({
      with: { score: 48.57 },
      without: { score: -7.69 },
      points: 56.26,
      test: null,
    });
  });
});

describe('driversCsv', () => {
  it('writes one row per driver, untested figures empty', () => {
    const [header, row, end] = driversCsv([driverView(driver)]).split('\r\n');
    expect(end).toBe('');
    const cells = Object.fromEntries(header.split(',').map((name, i) => [name, row.split(',')[i]]));
    expect(cells).toMatchObject({
      kind: 'issueCode',
      issue_code: 'billing.refund',
      topic: '',
      bucket: '',
      responses_with: '35',
      responses_without: '65',
      share_percent: '35',
      csat_with: '85.71',
      csat_without: '50.77',
      csat_overall: '63',
      csat_points: '34.95',
      csat_impact: '12.23',
      csat_answers_with: '35',
      csat_answers_without: '65',
      csat_z: '3.452',
      csat_p: '0.0005559',
      csat_p_adjusted: '0.0005559',
      csat_significant: 'true',
      nps_with: '48.57',
      nps_z: '',
      nps_p: '',
      nps_significant: '',
    });
    // A negative figure: the shared CSV helper may guard a leading minus against formula injection.
    expect(cells.nps_without.replace(/^'/, '')).toBe('-7.69');
    expect(header.split(',')).toHaveLength(29);
  });
});
