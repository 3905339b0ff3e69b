/** The naive peer's own copies of the raw topics, so that its run never feeds the pipeline's ingest. */
export const NAIVE_TOPICS = {
  tickets: 'bench.naive.tickets.raw',
  surveys: 'bench.naive.surveys.raw',
} as const;
