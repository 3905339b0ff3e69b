import { modelClassification } from './model-classification';

const directory = {
  codeOf: (code: string) =>
    code === 'billing.refund' ? { parent: 'billing', productArea: 'payments' } : undefined,
};
const versions = { taxonomy: '3', model: '7' };

describe('modelClassification', () => {
  it('takes the top code when its probability reaches the threshold, with the taxonomy category', () => {
    const result = modelClassification(
      {
        candidates: [
          { code: 'billing.refund', confidence: 0.81234 },
          { code: 'order.cancel', confidence: 0.1 },
        ],
        explanation: [],
      },
      0.4,
      directory,
      versions,
    );
    expect(result).toEqual({
      issueCode: 'billing.refund',
      category: 'billing',
      productArea: 'payments',
      confidence: 0.8123,
      method: 'model',
      candidates: [
        { issueCode: 'billing.refund', confidence: 0.8123 },
        { issueCode: 'order.cancel', confidence: 0.1 },
      ],
      taxonomyVersion: '3',
      modelVersion: '7',
    });
  });

  it('says unclassified, with the candidates, below the threshold', () => {
    const result = modelClassification(
      { candidates: [{ code: 'billing.refund', confidence: 0.35 }], explanation: [] },
      0.4,
      directory,
      versions,
    );
    expect(result).toMatchObject({ issueCode: 'unclassified', method: 'unclassified', confidence: 0.35 });
    expect(result.candidates).toEqual([{ issueCode: 'billing.refund', confidence: 0.35 }]);
  });

  it('keeps a code the taxonomy does not know, under its own prefix', () => {
    const result = modelClassification(
      { candidates: [{ code: 'cancel_order', confidence: 0.9 }], explanation: [] },
      0.4,
      directory,
      versions,
    );
    expect(result).toMatchObject({ issueCode: 'cancel_order', category: 'uncategorised', method: 'model' });
  });
});
