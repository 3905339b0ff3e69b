import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync, ValidationError } from 'class-validator';
import { ConfigValidationError, InvalidVariable } from './config-validation.error';

/**
 * Reads a config class from environment variables and validates it.
 * Variables the class does not declare are ignored (the environment holds many others), and
 * empty values count as unset so `FOO=` in a compose file falls back to the default.
 * Throws ConfigValidationError listing every bad variable.
 */
export function loadConfig<T extends object>(cls: new () => T, env: NodeJS.ProcessEnv = process.env): T {
  const config = plainToInstance(cls, pickDeclaredVariables(cls, env), { enableImplicitConversion: true });
  const errors = validateSync(config, { forbidUnknownValues: true, whitelist: true });
  if (errors.length > 0) {
    throw new ConfigValidationError(toInvalidVariables(errors));
  }
  return config;
}

function pickDeclaredVariables(cls: new () => object, env: NodeJS.ProcessEnv): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of declaredVariables(cls)) {
    const value = env[name];
    if (value !== undefined && value !== '') picked[name] = value;
  }
  return picked;
}

/** Properties that carry a validation decorator, on the class or its ancestors. */
function declaredVariables(cls: new () => object): Set<string> {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
  return new Set(metadata.map((m) => m.propertyName));
}

function toInvalidVariables(errors: ValidationError[]): InvalidVariable[] {
  return errors
    .map((error) => ({ variable: error.property, messages: Object.values(error.constraints ?? {}) }))
    .sort((a, b) => a.variable.localeCompare(b.variable));
}
