// Workspace lint: ESLint + typescript-eslint recommended (syntax-only, no type information,
// to stay fast) and Nx's module boundaries, which keep the architecture's dependency rules.
import js from '@eslint/js';
import nxPlugin from '@nx/eslint-plugin/nx';
import devkit from '@nx/devkit';
import tseslint from 'typescript-eslint';

// The boundary rule reads Nx's cached project graph and silently skips itself when there is
// none. Tasks run by Nx have a fresh one; a direct `npx eslint ...` refreshes it here (offline).
if (!process.env.NX_TASK_TARGET_PROJECT) {
  await devkit.createProjectGraphAsync({ exitOnError: false });
}

/** Who may import whom, by project tag (see each project.json). Apps compose everything. */
const depConstraints = [
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['*'] },
  // A service may not import another service or an app: it talks to them over the bus or GraphQL.
  { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:lib', 'type:contracts'] },
  { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib', 'type:contracts'] },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts', 'type:lib'] },
];

/** Node's globals for the plain JavaScript tools and configs (TypeScript files get them from @types/node). */
const nodeGlobals = Object.fromEntries(
  [
    'process', 'console', 'Buffer', 'URL', 'URLSearchParams', 'AbortController', 'AbortSignal',
    'fetch', 'structuredClone', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval',
    'setImmediate', 'clearImmediate', 'queueMicrotask', 'TextEncoder', 'TextDecoder',
  ].map((name) => [name, 'readonly']),
);

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.next/**',
      '**/coverage/**',
      '.nx/**',
      '.kafka/**',
      'tmp/**',
      'libs/contracts/src/gen/**',
      'web/next-env.d.ts',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts,cts,js,mjs,cjs}'],
    plugins: { '@nx': nxPlugin },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          banTransitiveDependencies: false,
          allow: [],
          depConstraints,
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests read GraphQL responses of many shapes; typing each one would hide what they assert.
    files: ['**/*.spec.ts', 'e2e/**/*.ts', '**/testing/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Tool configuration may read workspace-level files (jest.preset.js, tsconfig.base.json).
    files: ['**/jest.config.{js,cjs,mjs,ts}', '**/*.config.{js,cjs,mjs,ts}', 'jest.preset.js'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  {
    files: ['**/*.{js,cjs}'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        ...nodeGlobals,
        require: 'readonly',
        module: 'writable',
        exports: 'writable',
        __dirname: 'readonly',
        __filename: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: nodeGlobals },
  },
);
