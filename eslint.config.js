import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', 'dist-cli/', 'node_modules/', 'playwright-report/', 'test-results/', 'public/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    // The one door from the UI to the store: only the hooks layer (queries, mutations, the
    // change feed) and src/ui/lib (the db handle, worker clients) import src/store's functions.
    // Elsewhere in src/ui: types, and the pure constants and parsers named below.
    files: ['src/ui/**/*.{ts,tsx}'],
    ignores: ['src/ui/hooks/**', 'src/ui/lib/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{
          group: ['**/store', '**/store/*'],
          allowTypeImports: true,
          allowImportNames: ['DEFAULT_SETTINGS', 'NUMBER_SETTINGS', 'parseNumberSetting', 'rangeText', 'InvalidBundleError', 'parseArtifactFilter'],
          message: 'Read and write the store through src/ui/hooks (queries.ts, mutations.ts), not directly.',
        }],
      }],
    },
  },
  {
    // src/core (and so the graph package src/core/graph) is pure: it runs in Node, in workers
    // and in tests, so it may not reach React, React Flow, Dexie, the DOM or the outer layers.
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['react', 'react/*', 'react-dom', 'react-dom/*', 'dexie', 'dexie/*', '@xyflow/*', '**/store/**', '**/ui/**', '**/workers/**'], message: 'src/core is pure: no React, React Flow, Dexie, DOM, store, workers or ui imports.' },
        ],
      }],
      'no-restricted-globals': ['error',
        ...['window', 'document', 'navigator', 'location', 'history', 'localStorage', 'sessionStorage', 'indexedDB', 'alert', 'confirm', 'prompt',
          'getComputedStyle', 'requestAnimationFrame', 'matchMedia', 'HTMLElement', 'Element', 'Image'].map((name) => ({
          name,
          message: 'src/core is pure: no DOM globals (pass what you need in as data).',
        })),
      ],
    },
  },
  {
    files: ['src/workers/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['react', 'react/*', 'react-dom', 'react-dom/*', '@xyflow/*', '**/ui/**'], message: 'src/workers must not depend on React, React Flow or the UI.' }],
      }],
    },
  },
  {
    files: ['src/store/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['react', 'react-dom', '@xyflow/react', '**/ui/**'], message: 'src/store must not depend on the UI.' }],
      }],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['dexie', 'react', '**/store/**', '**/ui/**'], message: 'The CLI runs over src/core only.' }],
      }],
    },
  },
  {
    // The team server (Node): src/core, the bundle format (zod, no Dexie) and its migrations only.
    files: ['src/server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['dexie', 'dexie/*', 'react', 'react/*', 'react-dom', '@xyflow/*', '**/ui/**', '**/workers/**'], message: 'src/server runs in Node: no Dexie, React or UI.' },
          { group: ['**/store/*', '!**/store/bundle-schema', '!**/store/bundle-validate', '!**/store/migrations'], message: 'src/server may use only the bundle format of src/store (bundle-schema, bundle-validate, migrations/check).' },
        ],
      }],
    },
  },
);
