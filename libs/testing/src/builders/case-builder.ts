import { randomUUID } from 'node:crypto';

/** A valid case as other systems send it (plain JSON), with unique ids; override what the test is about. */
export function aCase(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const customerId = (overrides.customerId as string | undefined) ?? `cust-${randomUUID().slice(0, 8)}`;
  const { customerId: _ignored, ...rest } = overrides;
  return {
    caseId: `case-${randomUUID()}`,
    source: 'zendesk',
    customer: {
      id: customerId,
      name: 'Ana Lima',
      email: 'ana.lima@example.com',
      segment: { industry: 'retail', plan: 'pro', region: 'emea', companySize: '51-200', role: 'admin' },
      lifetimeValue: 12000,
      consent: { caseStudy: true, reference: false, focusGroup: true },
    },
    channel: 'chat',
    status: 'solved',
    subject: 'Cannot find my invoice',
    description: 'I need the invoice for October but the billing page shows nothing.',
    agentId: 'agent-7',
    openedAt: '2026-11-02T09:00:00.000Z',
    firstResponseAt: '2026-11-02T09:02:00.000Z',
    resolvedAt: '2026-11-02T09:30:00.000Z',
    holdSeconds: 40,
    handleSeconds: 600,
    abandoned: false,
    escalated: false,
    reopenCount: 0,
    cost: 6.5,
    ...rest,
  };
}
