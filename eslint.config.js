// Type-checked linting; the rules that matter most for event unions and async code are errors.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const services = ['identity', 'results', 'directory', 'sharing', 'gateway'];

/** No service imports another service's code: they talk over Kafka and HTTP only. */
const serviceBoundaries = services.map((name) => ({
  files: [`services/${name}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: services
          .filter((other) => other !== name)
          .map((other) => ({
            group: [`**/services/${other}/**`, `**/${other}/src/**`, `../../${other}/**`, `../../../${other}/**`],
            message: `services/${name} must not import services/${other}: use its events or its HTTP API.`,
          })),
      },
    ],
  },
}));

/** Libs are thin: contracts and infrastructure, never a service's code. */
const libsBoundary = {
  files: ['libs/**/*.ts'],
  rules: {
    'no-restricted-imports': ['error', { patterns: [{ group: ['**/services/**'], message: 'libs must not depend on services.' }] }],
  },
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', '.engines/**', 'portal/**', 'tools/engines/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite', 'before', 'after'] }] },
      ],
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  ...serviceBoundaries,
  libsBoundary,
);
