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

/** The browser's globals the portal uses (no-undef is off for TypeScript, which checks names itself; these document the environment). */
const browserGlobals = Object.fromEntries(
  [
    'window', 'document', 'navigator', 'location', 'history', 'localStorage', 'sessionStorage', 'fetch', 'Headers',
    'Request', 'Response', 'URL', 'URLSearchParams', 'AbortController', 'Blob', 'FormData', 'Event', 'KeyboardEvent',
    'HTMLElement', 'HTMLInputElement', 'Element', 'Node', 'requestAnimationFrame', 'cancelAnimationFrame',
    'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'console', 'Intl', 'queueMicrotask',
  ].map((name) => [name, 'readonly']),
);

/**
 * The portal (Preact + TSX, type-checked through portal/tsconfig.json): the same rules as the rest,
 * in a browser; an event handler that starts async work says so with `void` (no-misused-promises).
 */
const portal = {
  files: ['portal/src/**/*.ts', 'portal/src/**/*.tsx'],
  languageOptions: {
    globals: browserGlobals,
    parserOptions: { ecmaFeatures: { jsx: true }, jsxPragma: null },
  },
};

export default tseslint.config(
  {
    ignores: [
      'dist/**', 'node_modules/**', '.data/**', '.engines/**', 'tools/engines/**', '**/*.js', '**/*.mjs',
      // Stryker's sandboxes (copies of the tree, instrumented) while a mutation run is going on.
      '.stryker-tmp*/**',
      // The portal's build output and its Vite/Vitest configs (outside its tsconfig); portal/src is linted.
      'portal/dist/**', 'portal/*.ts',
    ],
  },
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
  portal,
  ...serviceBoundaries,
  libsBoundary,
  processEnvOnlyInConfig,
);
