import {
  customerProfileSettingsProblems,
  DEFAULT_CUSTOMER_PROFILE_SETTINGS,
} from './customer-profile-settings';

describe('customerProfileSettingsProblems', () => {
  it('accepts the defaults', () => {
    expect(customerProfileSettingsProblems(DEFAULT_CUSTOMER_PROFILE_SETTINGS)).toEqual([]);
  });

  it('names each unusable value', () => {
    expect(customerProfileSettingsProblems({ resolutionNorm: { minCases: 0, tolerance: -0.1 } })).toEqual([
      'resolutionNorm.minCases must be an integer ≥ 1',
      'resolutionNorm.tolerance must be ≥ 0',
    ]);
    expect(
      customerProfileSettingsProblems({ resolutionNorm: { minCases: 2.5, tolerance: Infinity } }),
    ).toHaveLength(2);
  });

  it('is plain JSON, so it can be stored as a settings document', () => {
    expect(JSON.parse(JSON.stringify(DEFAULT_CUSTOMER_PROFILE_SETTINGS))).toEqual(
      DEFAULT_CUSTOMER_PROFILE_SETTINGS,
    );
  });
});
