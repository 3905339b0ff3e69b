import { SEGMENT_ATTRIBUTES } from '@supportlens/contracts';

/**
 * The attributes of a customer snapshot the profile keeps, one by one: the contract's segment axes and
 * consent kinds (ingest strips any other key). Each is taken from the latest event that carries it.
 */
export { SEGMENT_ATTRIBUTES };
export const CONSENT_KINDS = ['caseStudy', 'reference', 'focusGroup'] as const;
