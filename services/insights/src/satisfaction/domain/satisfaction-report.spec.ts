import { reportPeriods } from './report-periods';
import { SatisfactionMeasures, zeroMeasures } from './satisfaction-measures';
import { satisfactionReport, windowId } from './satisfaction-report';

const measures = (values: Partial<SatisfactionMeasures>): SatisfactionMeasures => ({
  ...zeroMeasures(),
  ...values,
});

describe('satisfactionReport', () => {
  it('gives one row per period and group with a response, with its trend against the same group', () => {
    const periods = reportPeriods(new Date('2031-03-04T00:00:00Z'), new Date('2031-03-05T00:00:00Z'), 'day');
    const totals = new Map([
      [
        windowId(periods[0].window),
        new Map([
          ['email', measures({ responses: 1, npsResponses: 1, npsPromoters: 1 })],
          ['chat', measures({ responses: 2, npsResponses: 2, npsPromoters: 1, npsDetractors: 1 })],
          ['phone', measures({})], // every response moved away
        ]),
      ],
      [
        windowId(periods[0].previous),
        new Map([['chat', measures({ responses: 1, npsResponses: 1, npsDetractors: 1 })]]),
      ],
    ]);
    const rows = satisfactionReport(periods, totals);
    expect(
      rows.map((r) => [r.period, r.periodStart, r.periodEnd, r.group, r.responses, r.nps.score]),
    ).toEqual([
      ['2031-03-04', '2031-03-04', '2031-03-05', 'chat', 2, 0],
      ['2031-03-04', '2031-03-04', '2031-03-05', 'email', 1, 100],
    ]);
    // chat: NPS 0 now, −100 the day before → +100
    expect(rows[0].trend).toEqual({
      previousResponses: 1,
      csatPercent: null,
      npsScore: 100,
      satisfactionIndex: null,
    });
    expect(rows[1].trend).toBeNull();
  });
});
