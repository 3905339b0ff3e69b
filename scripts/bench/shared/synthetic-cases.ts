import { CHANNELS, Channel, ClassificationMethod, UNCLASSIFIED } from '@supportlens/contracts';
import { DEFAULT_TAXONOMY_DOCUMENT } from '../../../services/classifier/src/taxonomy/domain/default-taxonomy';
import { IssueCodeDefinition } from '../../../services/classifier/src/taxonomy/domain/taxonomy';
import { Random, zipfSampler } from './random';
import { SyntheticCustomer } from './synthetic-customers';

/** What stays the same across a case's versions. */
export interface CaseDraft {
  caseId: string;
  source: string;
  customer: SyntheticCustomer;
  channel: Channel;
  code: IssueCodeDefinition | undefined;
  method: ClassificationMethod;
  confidence: number;
  tone: { score: number; label: 'negative' | 'neutral' | 'positive' };
  agentId: string;
  openedAt: Date;
  firstResponseMinutes: number;
  escalated: boolean;
  reopened: boolean;
  cost: number;
  selfServiceAttempted: boolean;
}

const SOURCES = ['zendesk', 'freshdesk', 'genesys', 'intercom'] as const;
const CHANNEL_WEIGHTS: Record<Channel, number> = {
  phone: 25,
  chat: 30,
  email: 25,
  web: 8,
  social: 4,
  self_service: 8,
};
const METHODS: readonly ClassificationMethod[] = ['agent', 'rules', 'model', 'unclassified'];
const METHOD_WEIGHTS = [15, 5, 75, 5];
const NEGATIVE_KINDS = new Set(['complaint', 'defect', 'billing', 'order_delivery']);

/** Share of new cases that get the rising code once the trend has begun. */
const RISING_SHARE = 0.2;
/** Share of the enterprise plan's cases that get the code that plan over-indexes on. */
const SEGMENT_SHARE = 0.35;

/**
 * Draws new cases: issue codes skewed (a few codes are most of the volume), as in a real queue, plus
 * two patterns marketing looks for: a code that appears from one moment on (a release broke
 * something) and a segment (the enterprise plan) that asks about one thing far more than the rest.
 */
export class CaseDrafts {
  private readonly codes: readonly IssueCodeDefinition[];
  private readonly drawCode: () => number;
  private readonly risingCode: IssueCodeDefinition;
  private readonly segmentCode: IssueCodeDefinition;
  private count = 0;

  constructor(
    private readonly random: Random,
    private readonly label: { id: (kind: string, n: number) => string; group: (value: string) => string },
  ) {
    // A seeded order of the taxonomy's codes, so which codes are common is fixed by the seed.
    this.codes = [...DEFAULT_TAXONOMY_DOCUMENT.codes]
      .map((code) => ({ code, order: random.next() }))
      .sort((a, b) => a.order - b.order)
      .map(({ code }) => code);
    this.drawCode = zipfSampler(random, this.codes.length, 1.1);
    // Rare codes in the skewed order: the patterns stand out against them.
    this.risingCode = this.codes[this.codes.length - 1];
    this.segmentCode = this.codes[this.codes.length - 2];
  }

  /** `trending`: the rising code has begun to appear. */
  next(customer: SyntheticCustomer, openedAt: Date, trending = false): CaseDraft {
    const r = this.random;
    const method = r.weighted(METHODS, METHOD_WEIGHTS);
    const code = method === 'unclassified' ? undefined : this.drawFor(customer, trending);
    const negativeLean = code !== undefined && NEGATIVE_KINDS.has(code.kind) ? 0.2 : 0;
    const toneRoll = r.next();
    const label = toneRoll < 0.2 + negativeLean ? 'negative' : toneRoll < 0.75 ? 'neutral' : 'positive';
    const toneScore =
      label === 'negative'
        ? -0.2 - 0.7 * r.next()
        : label === 'positive'
          ? 0.2 + 0.7 * r.next()
          : 0.3 * r.next() - 0.15;
    return {
      caseId: this.label.id('case', this.count++),
      source: r.pick(SOURCES),
      customer,
      channel: r.weighted(
        CHANNELS,
        CHANNELS.map((channel) => CHANNEL_WEIGHTS[channel]),
      ),
      code,
      method,
      confidence:
        method === 'unclassified' ? 0.15 + 0.2 * r.next() : method === 'agent' ? 1 : 0.55 + 0.44 * r.next(),
      tone: { score: Math.round(toneScore * 1000) / 1000, label },
      agentId: this.label.group(`agent-${r.between(1, 80)}`),
      openedAt,
      firstResponseMinutes: r.between(1, 240),
      escalated: r.chance(label === 'negative' ? 0.15 : 0.04),
      reopened: r.chance(0.08),
      cost: Math.round((2 + 40 * r.next() * r.next()) * 100) / 100,
      selfServiceAttempted: r.chance(0.3),
    };
  }

  private drawFor(customer: SyntheticCustomer, trending: boolean): IssueCodeDefinition {
    if (trending && this.random.chance(RISING_SHARE)) return this.risingCode;
    if (customer.segment.plan === this.label.group('enterprise') && this.random.chance(SEGMENT_SHARE)) {
      return this.segmentCode;
    }
    return this.codes[this.drawCode()];
  }

  /** The `support.cases.classified.v1` payload of one version of the case. */
  classified(draft: CaseDraft, status: 'open' | 'pending' | 'solved', updatedAt: Date): object {
    const r = this.random;
    const code = draft.code;
    const keywords = code?.keywords ?? ['help', 'question'];
    const subject = `${capitalise(r.pick(keywords))}: ${code?.name ?? 'Question about my account'}`;
    const description =
      `Hello, ${r.pick(keywords)} is not working as expected since ${r.pick(['yesterday', 'this morning', 'last week'])}. ` +
      `${code?.description ?? 'I am not sure where to look.'} Could you please help? ` +
      `We already tried ${r.pick(keywords)} and ${r.pick(keywords)} without success. Regards, ${draft.customer.name}`;
    const solved = status === 'solved';
    const resolvedAt = solved ? updatedAt : undefined;
    const supportCase = {
      caseId: draft.caseId,
      source: draft.source,
      customer: {
        id: draft.customer.id,
        name: draft.customer.name,
        email: draft.customer.email,
        segment: draft.customer.segment,
        ...(draft.customer.lifetimeValue === undefined
          ? {}
          : { lifetimeValue: draft.customer.lifetimeValue }),
        ...(draft.customer.consent ? { consent: draft.customer.consent } : {}),
      },
      channel: draft.channel,
      status,
      subject,
      description,
      ...(draft.method === 'agent' && code ? { issueCode: code.code } : {}),
      agentId: draft.agentId,
      openedAt: draft.openedAt.toISOString(),
      firstResponseAt: new Date(
        Math.min(draft.openedAt.getTime() + draft.firstResponseMinutes * 60_000, updatedAt.getTime()),
      ).toISOString(),
      ...(resolvedAt ? { resolvedAt: resolvedAt.toISOString() } : {}),
      updatedAt: updatedAt.toISOString(),
      holdSeconds: draft.channel === 'phone' ? r.between(0, 600) : 0,
      handleSeconds: r.between(60, 3600),
      abandoned: draft.channel === 'phone' && r.chance(0.05),
      missed: draft.channel === 'chat' && r.chance(0.03),
      escalated: draft.escalated,
      reopenCount: solved && draft.reopened ? 1 : 0,
      cost: draft.cost,
      selfServiceAttempted: draft.selfServiceAttempted,
      selfServiceAbandoned: draft.selfServiceAttempted && r.chance(0.4),
    };
    const issueCode = code ? this.label.group(code.code) : UNCLASSIFIED;
    const classification = {
      issueCode,
      category: code ? this.label.group(code.parent) : UNCLASSIFIED,
      productArea: code?.productArea,
      confidence: Math.round(draft.confidence * 1000) / 1000,
      method: draft.method,
      candidates: [
        { issueCode, confidence: Math.round(draft.confidence * 1000) / 1000 },
        {
          issueCode: this.label.group(r.pick(this.codes).code),
          confidence: Math.round(((1 - draft.confidence) / 2) * 1000) / 1000,
        },
      ],
      taxonomyVersion: '1',
      ...(draft.method === 'model' ? { modelVersion: '3' } : {}),
      tone: draft.tone,
      issueKind: code?.kind ?? 'other',
      phrasing: description.slice(0, 200),
      terms: [
        ...new Set(
          keywords.slice(0, 6).concat(
            subject
              .toLowerCase()
              .split(/\W+/)
              .filter((w) => w.length > 3),
          ),
        ),
      ].slice(0, 12),
    };
    return { case: supportCase, classification };
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
