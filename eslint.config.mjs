// @ts-check
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Packages pure domain code must not reach: frameworks, drivers and our infrastructure libraries. */
const INFRASTRUCTURE = [
  '@nestjs/*',
  'typeorm',
  'pg',
  'kafkajs',
  'express',
  '@supportlens/access',
  '@supportlens/messaging',
  '@supportlens/persistence',
  '@supportlens/platform',
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'deploy/kafka/.cache/**',
      '.kafka-data/**',
      'jest.config.js',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': 'off',
      // Packages talk through their public entry point, never through each other's folders.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/libs/*/src/**', '**/libs/*/src'],
              message: 'Import a library through @supportlens/<lib>.',
            },
            { group: ['@supportlens/*/**'], message: 'Import a library through its entry point.' },
          ],
        },
      ],
    },
  },
  {
    // Pure domain logic: plain TypeScript, unit-tested without I/O, no framework or infrastructure.
    files: ['services/*/src/**/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: INFRASTRUCTURE, message: 'Domain code stays free of frameworks and I/O.' }] },
      ],
    },
  },
  {
    // Services never import each other; only the project-level scripts and tests wire them together.
    files: ['services/**/*.ts'],
    ignores: ['services/*/src/**/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/libs/*/src/**', '**/libs/*/src'],
              message: 'Import a library through @supportlens/<lib>.',
            },
            { group: ['../../../*/src/**'], message: 'A service must not import another service.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.integration-spec.ts', '**/*.e2e-spec.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
