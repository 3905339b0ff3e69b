import { Random } from './random';

export interface SyntheticCustomer {
  id: string;
  name: string;
  email: string;
  segment: Record<string, string>;
  lifetimeValue?: number;
  consent?: { caseStudy?: boolean; reference?: boolean; focusGroup?: boolean };
}

const SEGMENT_VALUES: Record<string, readonly string[]> = {
  industry: [
    'retail',
    'banking',
    'software',
    'telecommunications',
    'healthcare',
    'manufacturing',
    'education',
    'insurance',
    'logistics',
    'media',
  ],
  plan: ['free', 'starter', 'pro', 'enterprise'],
  region: ['emea', 'na', 'latam', 'apac'],
  companySize: ['1-10', '11-50', '51-200', '201-1000', '1000+'],
  role: ['admin', 'developer', 'finance', 'support', 'executive', 'operations'],
};
/** Skew per attribute: the first values are the common ones. */
const SEGMENT_WEIGHTS: Record<string, readonly number[]> = {
  industry: [20, 14, 18, 8, 7, 9, 5, 6, 8, 5],
  plan: [25, 30, 30, 15],
  region: [40, 35, 10, 15],
  companySize: [15, 30, 30, 15, 10],
  role: [35, 20, 10, 15, 5, 15],
};

/**
 * `count` customers, ranked: index 0 is the largest (most traffic, highest value). `label` turns a
 * plain value (an id, a segment value) into this load's own, so loads of different runs never meet.
 */
export function syntheticCustomers(
  random: Random,
  count: number,
  label: { id: (n: number) => string; group: (value: string) => string },
): SyntheticCustomer[] {
  const customers: SyntheticCustomer[] = [];
  for (let n = 0; n < count; n++) {
    const segment: Record<string, string> = {};
    for (const [attribute, values] of Object.entries(SEGMENT_VALUES)) {
      // Help desks do not always know every attribute.
      if (random.chance(0.9))
        segment[attribute] = label.group(random.weighted(values, SEGMENT_WEIGHTS[attribute]));
    }
    // Larger customers are worth more: a log scale from ~300 to ~250,000.
    const rankFactor = 1 - n / count;
    const lifetimeValue = Math.round(300 * Math.pow(10, 2.9 * rankFactor * (0.5 + 0.5 * random.next())));
    const customer: SyntheticCustomer = {
      id: label.id(n),
      name: `Customer ${n}`,
      email: `contact.${n}@example.com`,
      segment,
      ...(random.chance(0.85) ? { lifetimeValue } : {}),
    };
    if (random.chance(0.7)) {
      customer.consent = {
        caseStudy: random.chance(0.25),
        reference: random.chance(0.15),
        focusGroup: random.chance(0.3),
      };
    }
    customers.push(customer);
  }
  return customers;
}
