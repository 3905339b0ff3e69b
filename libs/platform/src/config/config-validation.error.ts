/** One environment variable that failed validation, with every reason it failed. */
export interface InvalidVariable {
  variable: string;
  messages: string[];
}

/** Thrown at start when the environment is wrong; the message lists every bad variable. */
export class ConfigValidationError extends Error {
  override readonly name = 'ConfigValidationError';

  constructor(readonly invalidVariables: InvalidVariable[]) {
    super(
      [
        'Invalid configuration:',
        ...invalidVariables.map((v) => `  - ${v.variable}: ${v.messages.join('; ')}`),
      ].join('\n'),
    );
  }
}
