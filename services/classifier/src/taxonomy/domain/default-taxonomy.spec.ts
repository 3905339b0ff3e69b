import { classifyByKeywords } from '../../classification/domain/keyword-classifier';
import { TAXONOMY_V1 } from '../../migrations/1764110000000-taxonomy-versions';
import { BITEXT_TAXONOMY, BITEXT_TAXONOMY_DOCUMENT } from './bitext-taxonomy';
import { DEFAULT_TAXONOMY, DEFAULT_TAXONOMY_DOCUMENT } from './default-taxonomy';
import { ISSUE_KINDS } from './issue-kind';
import { validateTaxonomy } from './validate-taxonomy';

describe('the default taxonomy', () => {
  it('is valid: 8 categories, 31 codes, every kind used', () => {
    expect(validateTaxonomy(DEFAULT_TAXONOMY_DOCUMENT)).toEqual([]);
    expect(DEFAULT_TAXONOMY.categories).toHaveLength(8);
    expect(DEFAULT_TAXONOMY.codes).toHaveLength(31);
    expect(new Set(DEFAULT_TAXONOMY.codes.map((c) => c.kind))).toEqual(new Set(ISSUE_KINDS));
    for (const code of DEFAULT_TAXONOMY.codes) {
      expect(code.category).toBe(code.parent);
      expect(code.keywords.length).toBeGreaterThanOrEqual(5);
    }
  });

  it('gives each keyword to one code only, so keywords never dilute each other', () => {
    const owners = new Map<string, string[]>();
    for (const code of DEFAULT_TAXONOMY.codes) {
      for (const keyword of code.keywords) owners.set(keyword, [...(owners.get(keyword) ?? []), code.code]);
    }
    expect([...owners].filter(([, codes]) => codes.length > 1)).toEqual([]);
  });

  it('is what the migration seeded as version 1 (a changed default ships as a new version, in a new migration)', () => {
    expect(validateTaxonomy(TAXONOMY_V1)).toEqual([]);
    expect(DEFAULT_TAXONOMY_DOCUMENT).toEqual(TAXONOMY_V1);
  });

  it.each([
    [
      'Cannot find my invoice',
      'I need the invoice for October but the billing page shows nothing.',
      'billing.invoice',
    ],
    ['Charged twice', 'My credit card was charged twice for one payment.', 'billing.payment'],
    ['Refund please', 'I returned nothing yet but want my money back, a refund.', 'billing.refund'],
    ['Locked out', 'I forgot my password and the reset link does not arrive.', 'account.access'],
    ['Add a colleague', 'How many seats do we have, can I invite a team member as admin?', 'account.users'],
    ['Upgrade', 'We want to upgrade to the next plan tier.', 'subscription.plan_change'],
    ['Where is my parcel', 'The tracking says shipped a week ago, where is my order?', 'order.status'],
    ['My parcel arrived damaged', 'The box was torn and the item is damaged.', 'order.damaged'],
    ['Return', 'I want to send it back and get a return label.', 'order.return'],
    ['Export', 'How do I export my contacts to csv?', 'product.data'],
    ['Webhook', 'Trying to set up the webhook integration with our api key.', 'product.setup'],
    ['App crashes', 'The app crashes with an error every time, it is broken.', 'product.defect'],
    ['So slow', 'The dashboard is very slow and often timed out.', 'product.performance'],
    ['Idea', 'It would be great if you could add dark mode, a feature request.', 'product.feature_request'],
    ['Thank you', 'Thanks, your support team was excellent and very helpful.', 'feedback.praise'],
    ['Unacceptable', 'This is the worst service, I am angry and disappointed.', 'feedback.complaint'],
    ['Manager', 'Third time asking, please escalate to a manager.', 'contact.escalation'],
    [
      'Stop emails',
      'Please unsubscribe me from the newsletter, I want to opt out.',
      'privacy.marketing_consent',
    ],
  ])('keywords: "%s" → %s', (subject, description, expected) => {
    expect(classifyByKeywords({ subject, description }, DEFAULT_TAXONOMY, 0.4).issueCode).toBe(expected);
  });
});

describe('the Bitext taxonomy', () => {
  // The dataset's labels (../shared/data/bitext-customer-support/train.csv: category, intent).
  const DATASET = {
    ACCOUNT: [
      'create_account',
      'delete_account',
      'edit_account',
      'recover_password',
      'registration_problems',
      'switch_account',
    ],
    CANCELLATION_FEE: ['check_cancellation_fee'],
    CONTACT: ['contact_customer_service', 'contact_human_agent'],
    DELIVERY: ['delivery_options', 'delivery_period'],
    FEEDBACK: ['complaint', 'review'],
    INVOICES: ['check_invoices', 'get_invoice'],
    NEWSLETTER: ['newsletter_subscription'],
    ORDER: ['cancel_order', 'change_order', 'place_order', 'track_order'],
    PAYMENT: ['check_payment_methods', 'payment_issue'],
    REFUNDS: ['check_refund_policy', 'get_refund', 'track_refund'],
    SHIPPING: ['change_shipping_address', 'set_up_shipping_address'],
  };

  it("is valid and has exactly the dataset's 27 intents as codes under its 11 categories", () => {
    expect(validateTaxonomy(BITEXT_TAXONOMY_DOCUMENT)).toEqual([]);
    expect(BITEXT_TAXONOMY.categories.map((c) => c.code)).toEqual(Object.keys(DATASET));
    const byCategory: Record<string, string[]> = {};
    for (const code of BITEXT_TAXONOMY.codes) (byCategory[code.category] ??= []).push(code.code);
    expect(byCategory).toEqual(DATASET);
    expect(BITEXT_TAXONOMY.codes).toHaveLength(27);
  });
});
