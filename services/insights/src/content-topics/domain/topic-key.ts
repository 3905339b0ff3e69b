/** What a content topic is about: an issue code, or a key term of the term pool. */
export const TOPIC_KINDS = ['issue_code', 'term'] as const;
export type TopicKind = (typeof TOPIC_KINDS)[number];

export interface TopicSubject {
  kind: TopicKind;
  /** The issue code or the term. */
  value: string;
}

/** The topic's key: the Kafka key and CloudEvents subject of its events. `issue:<code>`, `term:<term>`. */
export function topicKey(subject: TopicSubject): string {
  return `${subject.kind === 'issue_code' ? 'issue' : 'term'}:${subject.value}`;
}

/** The subject of a key made by {@link topicKey}; null for anything else. */
export function parseTopicKey(key: string): TopicSubject | null {
  const match = /^(issue|term):(.+)$/s.exec(key);
  if (!match) return null;
  return { kind: match[1] === 'issue' ? 'issue_code' : 'term', value: match[2] };
}
