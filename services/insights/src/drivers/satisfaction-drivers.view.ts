import { toCsvDocument } from '../http/csv';
import { round } from '../satisfaction/domain/satisfaction-figures';
import { DriverSlice } from './domain/driver-rollup';
import {
  CsatSide,
  DriverTest,
  MetricEffect,
  NpsSide,
  SatisfactionDriver,
} from './domain/satisfaction-drivers';
import { PValueCorrection } from './domain/statistics';

/** A driver as the API serves it: scores and points to two decimals, z to three, p to four significant digits. */
export interface SatisfactionDriverView extends Omit<SatisfactionDriver, 'responses' | 'csat' | 'nps'> {
  responses: { with: number; without: number; sharePercent: number };
  csat: MetricEffect<CsatSide>;
  nps: MetricEffect<NpsSide>;
}

export interface SatisfactionDriversReport {
  /** The days reported (whole UTC days, `to` exclusive). */
  from: string;
  to: string;
  /** The responses compared: all (`none`/`all`), or one segment attribute's or channel's value. */
  slice: { kind: DriverSlice; value: string };
  /** The slice's scores over the range: what "overall" means in each driver. */
  overall: { responses: number; csat: CsatSide; nps: NpsSide };
  method: {
    minResponses: number;
    alpha: number;
    /** The p-value correction, applied per metric across every listed theme of the slice. */
    correction: PValueCorrection;
    csatTest: string;
    npsTest: string;
    /** The insight-settings version the defaults came from. */
    settingsVersion: number;
  };
  items: SatisfactionDriverView[];
  /** Pass as `cursor` for the next page (same sort); null on the last page. */
  nextCursor: string | null;
}

export function driverView(driver: SatisfactionDriver): SatisfactionDriverView {
  return {
    ...driver,
    responses: {
      with: driver.responses.with,
      without: driver.responses.without,
      sharePercent: round(driver.responses.share * 100)!,
    },
    csat: effectView(driver.csat, csatView),
    nps: effectView(driver.nps, npsView),
  };
}

export function csatView(side: CsatSide): CsatSide {
  return { ...side, percent: round(side.percent) };
}

export function npsView(side: NpsSide): NpsSide {
  return { ...side, score: round(side.score) };
}

function effectView<Side>(effect: MetricEffect<Side>, side: (s: Side) => Side): MetricEffect<Side> {
  return {
    with: side(effect.with),
    without: side(effect.without),
    overall: round(effect.overall),
    points: round(effect.points),
    impact: round(effect.impact),
    test: effect.test && testView(effect.test),
  };
}

function testView(test: DriverTest): DriverTest {
  return {
    z: Math.round(test.z * 1000) / 1000 || 0,
    p: significant(test.p),
    pAdjusted: significant(test.pAdjusted),
    significant: test.significant,
  };
}

/** Four significant digits: a p-value of 3.2e-12 stays readable as such instead of rounding to 0. */
function significant(value: number): number {
  return value === 0 ? 0 : Number(value.toPrecision(4));
}

const CSV_HEADER = [
  'kind',
  'issue_code',
  'topic',
  'bucket',
  'responses_with',
  'responses_without',
  'share_percent',
  ...(['csat', 'nps'] as const).flatMap((metric) => [
    `${metric}_with`,
    `${metric}_without`,
    `${metric}_overall`,
    `${metric}_points`,
    `${metric}_impact`,
    `${metric}_answers_with`,
    `${metric}_answers_without`,
    `${metric}_z`,
    `${metric}_p`,
    `${metric}_p_adjusted`,
    `${metric}_significant`,
  ]),
];

/** One CSV row per driver of the page (the JSON's figures, flattened). Pure. */
export function driversCsv(items: readonly SatisfactionDriverView[]): string {
  const effect = <Side extends { responses: number }>(
    e: MetricEffect<Side>,
    score: (s: Side) => number | null,
  ) => [
    score(e.with),
    score(e.without),
    e.overall,
    e.points,
    e.impact,
    e.with.responses,
    e.without.responses,
    e.test?.z,
    e.test?.p,
    e.test?.pAdjusted,
    e.test?.significant,
  ];
  return toCsvDocument(
    CSV_HEADER,
    items.map((item) => [
      item.kind,
      item.issueCode,
      item.topic,
      item.bucket,
      item.responses.with,
      item.responses.without,
      item.responses.sharePercent,
      ...effect(item.csat, (s) => s.percent),
      ...effect(item.nps, (s) => s.score),
    ]),
  );
}
