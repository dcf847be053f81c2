// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Layers import downward only (docs/architecture.md). */
const forbid = (/** @type {string[]} */ layers, /** @type {string[]} */ modules = []) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: modules.map((name) => ({ name, message: 'This layer does no I/O of that kind.' })),
      patterns: layers.map((layer) => ({
        // Relative imports only: `@simplewebauthn/server` is a package, not Wardline's server layer.
        regex: `^(\\.{1,2}/)+${layer}(/|$)`,
        message: `This layer may not import ${layer}/ (imports point down only).`,
      })),
    },
  ],
});

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'wardline-data/', 'test-results/', 'bin/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      complexity: ['error', 15],
      'max-lines': ['error', { max: 500, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: forbid(['config', 'store', 'engines', 'formats', 'services', 'server', 'cli']),
  },
  {
    files: ['src/engines/**/*.ts'],
    rules: forbid(
      ['store', 'formats', 'services', 'server', 'cli'],
      ['node:fs', 'node:net', 'node:http', 'node:https', 'node:fs/promises'],
    ),
  },
  {
    files: ['src/formats/**/*.ts'],
    rules: forbid(['store', 'engines', 'services', 'server', 'cli']),
  },
  {
    files: ['src/store/**/*.ts'],
    rules: forbid(['engines', 'formats', 'services', 'server', 'cli']),
  },
  { files: ['src/services/**/*.ts'], rules: forbid(['server', 'cli']) },
  { files: ['src/server/**/*.ts'], rules: forbid(['cli']) },
  {
    files: ['**/*.test.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      'max-lines': 'off',
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
);
