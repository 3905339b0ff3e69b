import { Topics } from '@supportlens/contracts';

/**
 * The consumers of the two input topics, by name and topic: the module starts them, the catch-up
 * reads how far behind their groups are.
 */
export const INPUT_CONSUMERS = {
  cases: { name: 'classified-cases', topic: Topics.CasesClassified },
  surveys: { name: 'scored-surveys', topic: Topics.SurveysScored },
} as const;
