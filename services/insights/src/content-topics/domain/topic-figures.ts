/** Counts of one topic summed over the days of one window. */
export interface WindowCounts {
  cases: number;
  howToCases: number;
  /** Issue-code topics only (the term windows do not keep them). */
  escalatedCases?: number;
  reopenedCases?: number;
  negativeToneCases?: number;
}

export const NO_CASES: WindowCounts = { cases: 0, howToCases: 0 };

/** A topic's figures in a window compared with the window before. */
export interface TopicFigures {
  volume: number;
  previousVolume: number;
  /** (volume − previous) ÷ previous, 3 decimals: 2 = tripled; null when the previous window had none (new). */
  growth: number | null;
  howToCases: number;
  /** howToCases ÷ volume, 3 decimals; 0 without cases. */
  howToShare: number;
  escalatedCases: number | null;
  reopenedCases: number | null;
  negativeToneCases: number | null;
}

export function topicFigures(current: WindowCounts, previous: WindowCounts): TopicFigures {
  const volume = current.cases;
  const previousVolume = previous.cases;
  return {
    volume,
    previousVolume,
    growth: previousVolume > 0 ? round((volume - previousVolume) / previousVolume, 3) : null,
    howToCases: current.howToCases,
    howToShare: volume > 0 ? round(current.howToCases / volume, 3) : 0,
    escalatedCases: current.escalatedCases ?? null,
    reopenedCases: current.reopenedCases ?? null,
    negativeToneCases: current.negativeToneCases ?? null,
  };
}

export function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** `+200%`, `−50%`, `new`: growth as the evidence says it. */
export function growthText(growth: number | null): string {
  if (growth === null) return 'new';
  const percent = Math.round(growth * 100);
  return `${percent >= 0 ? '+' : '−'}${Math.abs(percent)}%`;
}
