import { Injectable } from '@nestjs/common';
import { CaseClassification, SupportCase } from '@supportlens/contracts';
import { ClassifierConfig } from '../config/classifier.config';
import { DEFAULT_TAXONOMY } from '../taxonomy/default-taxonomy';
import { classifyByKeywords } from './domain/keyword-classifier';

/** The classifier as the rest of the service sees it; the taxonomy and model behind it will change. */
@Injectable()
export class CaseClassifier {
  private readonly minConfidence: number;

  constructor(config: ClassifierConfig) {
    this.minConfidence = config.CLASSIFIER_MIN_CONFIDENCE_PERCENT / 100;
  }

  classify(supportCase: Pick<SupportCase, 'subject' | 'description' | 'issueCode'>): CaseClassification {
    return classifyByKeywords(
      {
        subject: supportCase.subject,
        description: supportCase.description,
        agentIssueCode: supportCase.issueCode,
      },
      DEFAULT_TAXONOMY,
      this.minConfidence,
    );
  }

  /** What the rules say ignoring the agent: the figure agent agreement is measured against. */
  predictWithoutAgent(supportCase: Pick<SupportCase, 'subject' | 'description'>): CaseClassification {
    return this.classify({ subject: supportCase.subject, description: supportCase.description });
  }
}
