import { CaseClassification, UNCLASSIFIED } from '@supportlens/contracts';
import { Prediction } from '../../model/domain/text-model';

/** What the classification needs to know of the taxonomy: a code's category and product area. */
export interface CodeDirectory {
  codeOf(code: string): { parent?: string; category?: string; productArea?: string } | undefined;
}

/**
 * Turns a model prediction into a classification: the top code when its calibrated probability
 * reaches the threshold, otherwise `unclassified` with the candidates, never a forced guess. Pure.
 */
export function modelClassification(
  prediction: Prediction,
  threshold: number,
  directory: CodeDirectory,
  versions: { taxonomy: string; model: string },
): CaseClassification {
  const candidates = prediction.candidates.map((c) => ({
    issueCode: c.code,
    confidence: round(c.confidence),
  }));
  const top = prediction.candidates[0];
  if (!top || top.confidence < threshold) {
    return {
      issueCode: UNCLASSIFIED,
      category: UNCLASSIFIED,
      confidence: round(top?.confidence ?? 0),
      method: 'unclassified',
      candidates,
      taxonomyVersion: versions.taxonomy,
      modelVersion: versions.model,
    };
  }
  const entry = directory.codeOf(top.code);
  return {
    issueCode: top.code,
    // A code the taxonomy does not know (a model trained on another label set) keeps its own prefix.
    category: entry?.parent ?? entry?.category ?? categoryOf(top.code),
    productArea: entry?.productArea,
    confidence: round(top.confidence),
    method: 'model',
    candidates,
    taxonomyVersion: versions.taxonomy,
    modelVersion: versions.model,
  };
}

function categoryOf(code: string): string {
  const dot = code.indexOf('.');
  return dot > 0 ? code.slice(0, dot) : 'uncategorised';
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
