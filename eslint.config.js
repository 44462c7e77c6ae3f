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

/**
 * Configuration is read once, at boot, in one place per service: process.env only in these files.
 * Everywhere else a value comes from a config object (a module gets it through a provider token).
 */
const processEnvAllowed = [
  'services/*/src/config.ts', // each service's loader (readXSettings + loadXConfig)
  'libs/platform/src/env.ts', // EnvReader (defaults to process.env)
  'launcher/config.ts', // what only the launchers read, and the services' settings through their loaders
  '**/*.spec.ts', // tests
  'services/*/test/**', // the services' test harnesses and fixtures
  'libs/*/test/**', // the libs' test fixtures
  'libs/testing/**', // the test kit (engine URLs)
  'tests/**', // end-to-end and browser tests
  'tools/**', // test runner, fuzzing, mutation, engines
  'bench/**', // benchmarks
];
const processEnvOnlyInConfig = {
  files: ['**/*.ts'],
  ignores: processEnvAllowed,
  rules: {
    'no-restricted-properties': [
      'error',
      {
        object: 'process',
        property: 'env',
        message: "Read the environment once, at boot, in the service's src/config.ts (EnvReader) and pass the value in (a provider token for modules).",
      },
    ],
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
  processEnvOnlyInConfig,
);
