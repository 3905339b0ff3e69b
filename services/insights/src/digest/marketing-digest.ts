import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CandidatesRepository } from '../candidates/candidates.repository';
import { ContentTopicsReport } from '../content-topics/content-topics.report';
import { PersonaSignalsRepository } from '../persona-signals/persona-signals.repository';
import { reportPeriods } from '../satisfaction/domain/report-periods';
import { satisfactionReport } from '../satisfaction/domain/satisfaction-report';
import { SatisfactionMetricsRepository } from '../satisfaction/satisfaction-metrics.repository';
import { ServiceMetricsRepository } from '../service-metrics/service-metrics.repository';
import { InsightSettingsProvider } from '../settings/insight-settings.provider';
import { DigestRepository } from './digest.repository';
import { MarketingDigest } from './digest.view';
import { DigestPeriod, digestPeriod, DigestPeriodKind } from './domain/digest-period';
import { serviceTrends } from './domain/service-trends';

/** Signals changed in the period are read in one page this large, then narrowed to those raised in it. */
const PERSONA_SCAN_LIMIT = 1000;

/**
 * Assembles the period's marketing digest from the read models' own queries: the top content
 * topics, the persona signals, candidates and at-risk customers raised in the period, and the
 * satisfaction and service figures against the period before.
 */
@Injectable()
export class MarketingDigestBuilder {
  private readonly contentTopics: ContentTopicsReport;
  private readonly personaSignals: PersonaSignalsRepository;
  private readonly candidates: CandidatesRepository;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly digest: DigestRepository,
    private readonly satisfaction: SatisfactionMetricsRepository,
    private readonly service: ServiceMetricsRepository,
    private readonly settings: InsightSettingsProvider,
  ) {
    this.contentTopics = new ContentTopicsReport(dataSource);
    this.personaSignals = new PersonaSignalsRepository(dataSource);
    this.candidates = new CandidatesRepository(dataSource);
  }

  async build(kind: DigestPeriodKind, at: Date | undefined, limit: number): Promise<MarketingDigest> {
    const period = digestPeriod(kind, at ?? (await this.digest.latestCaseOpenedAt()) ?? new Date());
    const { version, settings } = this.settings.current;
    const [contentTopics, newPersonaSignals, newCandidates, newlyAtRisk, satisfaction, service] =
      await Promise.all([
        this.contentTopics.page(
          {
            segment: null,
            from: period.from.toISOString(),
            to: period.to.toISOString(),
            minScore: 0,
            status: 'all',
            sort: 'score',
            limit,
          },
          settings.contentTopics,
        ),
        this.newPersonaSignals(period, limit),
        this.candidates.page({
          segment: {},
          minScore: 0,
          programme: null,
          issueCode: null,
          raisedFrom: period.from,
          raisedBefore: period.to,
          sort: 'score',
          limit,
        }),
        this.digest.newlyAtRisk(period.from, period.to, limit),
        this.satisfactionOf(period),
        this.serviceOf(period),
      ]);
    return {
      period: {
        kind: period.kind,
        label: period.label,
        from: period.from.toISOString(),
        to: period.to.toISOString(),
        previousFrom: period.previousFrom.toISOString(),
        previousTo: period.previousTo.toISOString(),
      },
      settingsVersion: version,
      contentTopics: contentTopics.items,
      newPersonaSignals,
      newCandidates: newCandidates.items,
      newlyAtRisk,
      satisfaction,
      service,
    };
  }

  private async newPersonaSignals(period: DigestPeriod, limit: number) {
    // A signal raised in the period was last changed at or after its raise: read those, keep the raised.
    const page = await this.personaSignals.page({
      openOnly: false,
      segment: {},
      dimension: null,
      item: null,
      minScore: 0,
      minEffect: 0,
      changedFrom: period.from,
      changedBefore: null,
      sort: 'score',
      limit: PERSONA_SCAN_LIMIT,
    });
    const from = period.from.getTime();
    const to = period.to.getTime();
    return page.items
      .filter((signal) => {
        const raised = Date.parse(signal.raisedAt);
        return raised >= from && raised < to;
      })
      .slice(0, limit);
  }

  private async satisfactionOf(period: DigestPeriod): Promise<MarketingDigest['satisfaction']> {
    // The whole period as one report period (a week or a month), compared with the one before.
    const [reportPeriod] = reportPeriods(period.from, period.to, period.kind);
    const windowPeriod = { ...reportPeriod, previous: dayWindow(period.previousFrom, period.previousTo) };
    const totals = await this.satisfaction.totals('none', [windowPeriod.window, windowPeriod.previous]);
    const [row] = satisfactionReport([windowPeriod], totals);
    if (!row) return { figures: null, trend: null };
    const { period: _p, periodStart: _s, periodEnd: _e, group: _g, trend, ...figures } = row;
    return { figures, trend };
  }

  private async serviceOf(period: DigestPeriod): Promise<MarketingDigest['service']> {
    const calendar = this.settings.current.settings.businessCalendar;
    const grouping = { dimensions: ['channel' as const], period: 'day' as const };
    const [current, previous] = await Promise.all([
      this.service.table({ from: period.from, to: period.to, segment: {} }, grouping, calendar),
      this.service.table(
        { from: period.previousFrom, to: period.previousTo, segment: {} },
        grouping,
        calendar,
      ),
    ]);
    const { key: _k, group: _g, ...figures } = current.total;
    return { figures, trends: serviceTrends(current.total, previous.total) };
  }
}

function dayWindow(from: Date, to: Date): { start: string; end: string } {
  return { start: from.toISOString().slice(0, 10), end: to.toISOString().slice(0, 10) };
}
