import { createValidationPipe, FieldError, ValidationProblemException } from '@supportlens/platform';
import {
  CreateScoringConfigRequest,
  scoringConfigViolations,
  toNewScoringConfig,
} from './create-scoring-config.dto';

const BERRY_WEIGHTS = { reliability: 32, responsiveness: 22, assurance: 19, empathy: 16, tangibles: 11 };

function aRequest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    weights: BERRY_WEIGHTS,
    tolerance: 0.25,
    benchmarks: { retail: { source: 'acsi', score: 74 } },
    note: 'spring review',
    ...overrides,
  };
}

/** Runs the body through the global ValidationPipe, exactly as the HTTP API does. */
async function validate(
  body: unknown,
): Promise<{ ok: true; value: CreateScoringConfigRequest } | { ok: false; errors: FieldError[] }> {
  try {
    const value = (await createValidationPipe().transform(body, {
      type: 'body',
      metatype: CreateScoringConfigRequest,
    })) as CreateScoringConfigRequest;
    return { ok: true, value };
  } catch (error) {
    if (error instanceof ValidationProblemException) return { ok: false, errors: error.errors };
    throw error;
  }
}

async function errorsOf(body: unknown): Promise<FieldError[]> {
  const result = await validate(body);
  if (result.ok) throw new Error('expected the body to be refused');
  return result.errors;
}

describe('CreateScoringConfigRequest', () => {
  it("accepts Berry & Parasuraman's weights with a tolerance and an ACSI benchmark", async () => {
    const result = await validate(aRequest());
    expect(result.ok).toBe(true);
  });

  it('accepts weights that add up to 100 only in decimal (33.3 + 33.3 + 33.4), zeros included', async () => {
    const weights = { reliability: 33.3, responsiveness: 33.3, assurance: 33.4, empathy: 0, tangibles: 0 };
    expect((await validate(aRequest({ weights }))).ok).toBe(true);
  });

  describe('weights', () => {
    it('refuses weights adding up to 99, naming `weights` and the actual sum', async () => {
      const weights = { ...BERRY_WEIGHTS, tangibles: 10 }; // 32 + 22 + 19 + 16 + 10 = 99
      expect(await errorsOf(aRequest({ weights }))).toEqual([
        {
          field: 'weights',
          message:
            'weights must add up to 100 over reliability, responsiveness, assurance, empathy, tangibles (they add up to 99)',
        },
      ]);
    });

    it('refuses weights adding up to 100.5', async () => {
      const weights = { ...BERRY_WEIGHTS, tangibles: 11.5 };
      const [error] = await errorsOf(aRequest({ weights }));
      expect(error.field).toBe('weights');
      expect(error.message).toContain('(they add up to 100.5)');
    });

    it('requires every one of the five dimensions, and says nothing about the sum meanwhile', async () => {
      const { empathy: _dropped, ...four } = BERRY_WEIGHTS;
      expect(await errorsOf(aRequest({ weights: four }))).toEqual([
        {
          field: 'weights.empathy',
          message: 'weights.empathy must be a number of importance points (0 to 100)',
        },
      ]);
    });

    it('refuses a negative weight even when the five add up to 100, and names it', async () => {
      const weights = { reliability: 60, responsiveness: 30, assurance: 20, empathy: 0, tangibles: -10 };
      expect(await errorsOf(aRequest({ weights }))).toEqual([
        { field: 'weights.tangibles', message: 'weights.tangibles must not be negative (it is -10)' },
      ]);
    });

    it('refuses a weight sent as a string rather than converting it', async () => {
      const weights = { ...BERRY_WEIGHTS, reliability: '32' };
      const errors = await errorsOf(aRequest({ weights }));
      expect(errors.map((e) => e.field)).toEqual(['weights.reliability']);
    });

    it('refuses missing or non-object weights', async () => {
      const { weights: _w, ...withoutWeights } = aRequest();
      expect((await errorsOf(withoutWeights)).map((e) => e.field)).toEqual(['weights']);
      expect(await errorsOf(aRequest({ weights: [32, 22, 19, 16, 11] }))).toContainEqual({
        field: 'weights',
        message: 'weights must be an object',
      });
    });
  });

  describe('tolerance', () => {
    it.each([0, 0.5, 3])('accepts %s', async (tolerance) => {
      expect((await validate(aRequest({ tolerance }))).ok).toBe(true);
    });

    it.each([
      [-0.1, 'tolerance must not be less than 0'],
      [3.01, 'tolerance must not be greater than 3'],
      ['0.5', 'tolerance must be a number'],
      [undefined, 'tolerance must be a number'],
    ])('refuses %s', async (tolerance, message) => {
      expect(await errorsOf(aRequest({ tolerance }))).toEqual([{ field: 'tolerance', message }]);
    });
  });

  describe('benchmarks', () => {
    it('accepts no benchmark at all, and J.D. Power figures up to 1000', async () => {
      expect((await validate(aRequest({ benchmarks: {} }))).ok).toBe(true);
      const benchmarks = {
        telecom: { source: 'jd_power', score: 1000 },
        banking: { source: 'jd_power', score: 0 },
      };
      expect((await validate(aRequest({ benchmarks }))).ok).toBe(true);
    });

    it('refuses an ACSI score above 100, saying which bound of which scale', async () => {
      const benchmarks = { retail: { source: 'acsi', score: 720 } };
      expect(await errorsOf(aRequest({ benchmarks }))).toEqual([
        {
          field: 'benchmarks.retail.score',
          message: 'benchmarks.retail.score must be at most 100 on the ACSI scale (0–100); it is 720',
        },
      ]);
    });

    it('refuses a J.D. Power score above 1000 and a negative one', async () => {
      const benchmarks = {
        telecom: { source: 'jd_power', score: 1001 },
        banking: { source: 'jd_power', score: -1 },
      };
      expect(await errorsOf(aRequest({ benchmarks }))).toEqual([
        {
          field: 'benchmarks.telecom.score',
          message:
            'benchmarks.telecom.score must be at most 1000 on the J.D. Power scale (0–1000); it is 1001',
        },
        {
          field: 'benchmarks.banking.score',
          message: 'benchmarks.banking.score must be at least 0 on the J.D. Power scale (0–1000); it is -1',
        },
      ]);
    });

    it('refuses an unknown source without judging the score by a scale it does not have', async () => {
      const benchmarks = { retail: { source: 'nps_prism', score: 5000 } };
      expect(await errorsOf(aRequest({ benchmarks }))).toEqual([
        {
          field: 'benchmarks.retail.source',
          message: 'benchmarks.retail.source must be one of acsi, jd_power',
        },
      ]);
    });

    it('refuses an entry that is not an object, and a score that is not a number', async () => {
      const benchmarks = { retail: 74, banking: null, telecom: { source: 'acsi', score: 'high' } };
      expect(await errorsOf(aRequest({ benchmarks }))).toEqual([
        {
          field: 'benchmarks.retail',
          message:
            'an industry benchmark must be an object: { "source": "acsi" | "jd_power", "score": number }',
        },
        {
          field: 'benchmarks.banking',
          message:
            'an industry benchmark must be an object: { "source": "acsi" | "jd_power", "score": number }',
        },
        { field: 'benchmarks.telecom.score', message: 'benchmarks.telecom.score must be a number' },
      ]);
    });

    it('refuses an empty industry name and the same industry in two spellings', async () => {
      const benchmarks = {
        ' ': { source: 'acsi', score: 70 },
        Retail: { source: 'acsi', score: 74 },
        retail: { source: 'acsi', score: 75 },
      };
      expect(await errorsOf(aRequest({ benchmarks }))).toEqual([
        {
          field: 'benchmarks',
          message:
            'benchmarks: an industry name must not be empty; industry "retail" is named 2 times ("Retail", "retail"); names are compared in lower case',
        },
      ]);
    });

    it('refuses benchmarks given as a list', async () => {
      const benchmarks = [{ source: 'acsi', score: 70 }];
      expect((await errorsOf(aRequest({ benchmarks }))).map((e) => e.field)).toEqual(['benchmarks']);
    });
  });

  it('names every bad field of a body at once', async () => {
    const fields = (
      await errorsOf({
        weights: { ...BERRY_WEIGHTS, reliability: 31 },
        tolerance: 4,
        benchmarks: { retail: { source: 'acsi', score: 101 } },
        note: 42,
      })
    ).map((e) => e.field);
    expect(fields).toEqual(['weights', 'tolerance', 'benchmarks.retail.score', 'note']);
  });

  it('turns a valid request into a new version: industries trimmed and in lower case, unknown keys dropped', async () => {
    const result = await validate(
      aRequest({
        weights: { ...BERRY_WEIGHTS, quality: 5 },
        benchmarks: {
          ' Retail ': { source: 'acsi', score: 74, year: 2025 },
          TELECOM: { source: 'jd_power', score: 520 },
        },
        note: '  ',
      }),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(toNewScoringConfig(result.value)).toEqual({
      weights: BERRY_WEIGHTS,
      tolerance: 0.25,
      benchmarks: { retail: { source: 'acsi', score: 74 }, telecom: { source: 'jd_power', score: 520 } },
      note: null,
      createdBy: null,
    });
  });

  it('judges a stored configuration by the same rules', () => {
    expect(scoringConfigViolations({ weights: BERRY_WEIGHTS, tolerance: 0.25, benchmarks: {} })).toEqual([]);
    expect(
      scoringConfigViolations({
        weights: { ...BERRY_WEIGHTS, reliability: 30 },
        tolerance: 0.25,
        benchmarks: { retail: { source: 'acsi', score: 740 } },
      }).map((v) => v.field),
    ).toEqual(['weights', 'benchmarks.retail.score']);
  });
});
