import { Injectable } from '@nestjs/common';
import {
  CaseClassification,
  maskPersonalData,
  MAX_KEY_TERMS,
  SupportCase,
  UNCLASSIFIED,
} from '@supportlens/contracts';
import { keyTerms } from '../emerging-topics/domain/key-terms';
import { ClassifierConfig } from '../config/classifier.config';
import { predict } from '../model/domain';
import { TermContribution } from '../model/domain/text-model';
import { ModelProvider } from '../model-registry/model-provider';
import { ruleClassification, ruleText } from '../taxonomy/domain/match-rules';
import { TaxonomyProvider } from '../taxonomy/taxonomy.provider';
import { modelInput } from '../text/domain/model-input';
import { phrasingOf } from '../text/domain/phrasing';
import { scoreTone } from '../tone/domain/score-tone';
import { classifyByKeywords } from './domain/keyword-classifier';
import { modelClassification } from './domain/model-classification';

type CaseText = Pick<SupportCase, 'subject' | 'description' | 'issueCode'>;

export interface ExplainedClassification {
  classification: CaseClassification;
  /** The terms of the text that weighed most for the model's top code (empty for agent or rule). */
  explanation: TermContribution[];
  /** The text classified (subject and description, personal data masked) and all its key terms. */
  masked: { text: string; terms: string[] };
}

/**
 * Classifies a case with the live taxonomy and model: an agent's code wins; then an explicit pattern
 * of the taxonomy; then the promoted statistical model (unclassified with its candidates below the
 * confidence threshold); the taxonomy's keywords only until a first model is trained. Every
 * classification carries the tone of the text and the taxonomy and model versions that made it.
 */
@Injectable()
export class CaseClassifier {
  private readonly minConfidence: number;

  constructor(
    config: ClassifierConfig,
    private readonly taxonomies: TaxonomyProvider,
    private readonly models: ModelProvider,
  ) {
    this.minConfidence = config.CLASSIFIER_MIN_CONFIDENCE_PERCENT / 100;
  }

  classify(supportCase: CaseText): CaseClassification {
    return this.explain(supportCase, 0).classification;
  }

  /** The same classification, with the model's explanation: the dry run answers with it. */
  explain(supportCase: CaseText, terms = 8): ExplainedClassification {
    const text = caseText(supportCase);
    const allTerms = keyTerms(text);
    const tone = scoreTone(text);
    const { classification, explanation } = this.decide(supportCase, text, terms);
    const kind =
      classification.issueCode === UNCLASSIFIED
        ? 'other'
        : (this.taxonomies.matcher.codeOf(classification.issueCode)?.kind ?? 'other');
    return {
      classification: {
        ...classification,
        tone,
        issueKind: kind,
        // The text is masked already: what leaves the classifier carries no personal data.
        phrasing: phrasingOf(text),
        terms: allTerms.slice(0, MAX_KEY_TERMS),
      },
      explanation,
      masked: { text, terms: allTerms },
    };
  }

  /**
   * The code the classifier gives ignoring the agent: the figure agent agreement is measured against.
   * Only the decision (no tone, phrasing or key terms, which the caller does not use). `masked` is the
   * case's {@link caseText} when the caller has it already (explain() returns it).
   */
  predictWithoutAgent(
    supportCase: Pick<SupportCase, 'subject' | 'description'>,
    masked = caseText(supportCase),
  ): Pick<CaseClassification, 'issueCode'> {
    const withoutAgent = { subject: supportCase.subject, description: supportCase.description };
    return this.decide(withoutAgent, masked, 0).classification;
  }

  private decide(
    supportCase: CaseText,
    text: string,
    terms: number,
  ): Omit<ExplainedClassification, 'masked'> {
    // One taxonomy and one model for the whole case, even if a new version arrives meanwhile.
    const matcher = this.taxonomies.matcher;
    const loaded = this.models.current;
    if (!supportCase.issueCode) {
      const rule = matcher.match(ruleText(supportCase.subject, supportCase.description));
      if (rule) return { classification: ruleClassification(matcher, rule), explanation: [] };
      if (loaded) {
        const prediction = predict(loaded.model, modelInput(text), { topK: 3, explain: terms });
        return {
          classification: modelClassification(prediction, this.minConfidence, matcher, {
            taxonomy: matcher.taxonomy.version,
            model: String(loaded.version),
          }),
          explanation: prediction.explanation,
        };
      }
    }
    const classification = classifyByKeywords(
      {
        subject: supportCase.subject,
        description: supportCase.description,
        agentIssueCode: supportCase.issueCode,
      },
      matcher.taxonomy,
      this.minConfidence,
    );
    return {
      classification: loaded ? { ...classification, modelVersion: String(loaded.version) } : classification,
      explanation: [],
    };
  }
}

/** The text the model reads and stores: subject and description, personal data masked. */
export function caseText(supportCase: Pick<SupportCase, 'subject' | 'description'>): string {
  return maskPersonalData(`${supportCase.subject}\n${supportCase.description}`);
}
