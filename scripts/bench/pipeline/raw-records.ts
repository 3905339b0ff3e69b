import { Topics } from '@supportlens/contracts';
import { seededRandom } from '../shared/random';
import { LoadEvent } from '../shared/synthetic-load';

/** One record as a help desk or survey tool publishes it to a raw topic: plain JSON, keyed by customer. */
export interface RawRecord {
  kind: 'case' | 'survey';
  topic: typeof Topics.TicketsRaw | typeof Topics.SurveysRaw;
  key: string;
  source: string;
  /** caseId or responseId; a case comes in one or two versions. */
  recordId: string;
  /** The version's `updatedAt`: insights keeps it as the fact's event time. */
  versionTime: string;
  /** Unique per record version: what the bench tracks. */
  id: string;
  value: string;
}

/**
 * What agents and customers write around the question itself, so that a ticket's text has the length
 * of a real one (a few hundred to a couple of thousand characters) rather than one line.
 */
const CONTEXT = [
  'We have been using the product for about two years now and this is the first time we see this.',
  'Our team of twelve relies on this every morning, so it is blocking quite a few people.',
  'I have attached the screenshots from our admin console and the export of the last run.',
  'The problem started right after the update that was rolled out to our workspace on Monday.',
  'I already searched the help centre and the community forum but did not find an answer that fits.',
  'It happens in Chrome and in Firefox, on Windows and on macOS, so it does not look like a browser issue.',
  'A colleague in our Berlin office reports the same behaviour, so it is not limited to my account.',
  'We tried logging out and in again, clearing the cache and using a private window, without success.',
  'Could you also tell me whether this affects the invoices we already sent to our own customers?',
  'If it helps, the reference shown in the error banner is the one I pasted in the subject line.',
  'This is rather urgent for us because we have a board review at the end of the week.',
  'Previous ticket on a similar topic was closed without a solution, which is why I write again.',
  'Please let me know if you need remote access or a call; I am available most afternoons.',
  'We are considering adding more seats next quarter, so we would like to be sure this is stable.',
] as const;

/**
 * The raw record behind one synthetic event: the `case` of a classified case or the `response` of a
 * scored survey, as its source system sends it before SupportLens has seen it. A case's description
 * gets a seeded amount of context, which
 * puts a case at 0.5–2 KB of JSON; survey responses are smaller, as they are in practice.
 */
export function rawRecordOf(event: LoadEvent): RawRecord {
  const data = event.data as { case?: Record<string, unknown>; response?: Record<string, unknown> };
  if (data.case) {
    const supportCase = data.case as Record<string, unknown> & { caseId: string; updatedAt: string };
    const value = {
      ...supportCase,
      description: withContext(supportCase.caseId, String(supportCase.description)),
    };
    return {
      kind: 'case',
      topic: Topics.TicketsRaw,
      key: event.key,
      source: String(supportCase.source),
      recordId: supportCase.caseId,
      versionTime: supportCase.updatedAt,
      id: `${supportCase.caseId}@${supportCase.updatedAt}`,
      value: JSON.stringify(value),
    };
  }
  const response = data.response as Record<string, unknown> & { responseId: string; updatedAt: string };
  return {
    kind: 'survey',
    topic: Topics.SurveysRaw,
    key: event.key,
    source: String(response.source),
    recordId: response.responseId,
    versionTime: response.updatedAt,
    id: `${response.responseId}@${response.updatedAt}`,
    value: JSON.stringify(response),
  };
}

function withContext(caseId: string, description: string): string {
  const random = seededRandom(hash(caseId));
  const sentences: string[] = [];
  for (let n = random.between(1, 9); n > 0; n--) sentences.push(random.pick(CONTEXT));
  return `${description} ${sentences.join(' ')}`;
}

/** FNV-1a: a stable seed from the case id. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
