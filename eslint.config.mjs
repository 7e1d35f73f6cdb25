// Lint rules that enforce the layering the tsconfig project references start:
// electron only in the shell, no Node or DOM in common/, no Node in the renderer.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'url', 'stream', 'util', 'events', 'buffer', 'worker_threads', 'zlib', 'process'];
const nodePatterns = ['node:*', ...nodeBuiltins];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', '**/*.d.ts', 'tests/artifacts/**', '.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['common/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: [...nodePatterns, 'electron', 'react', 'react-dom', 'knex', 'sqlite3'], message: 'common/ is pure TypeScript: no Node, DOM, Electron or database.' }] }],
      'no-restricted-globals': ['error', 'window', 'document', 'Buffer', 'process', 'require'],
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/index.ts', 'main/shell/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only main/index.ts and main/shell/ may import electron; keep domain code runnable under Node.' }] }],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: [...nodePatterns, 'electron', 'knex', 'sqlite3', '**/main/**', '**/server/**'], message: 'The renderer talks to main only through window.loket (renderer/src/api/client.ts).' }] }],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['electron', '**/main/**', '**/renderer/**'], message: 'The server shares only common/ and node-shared/ with the app.' }] }],
    },
  },
  {
    files: ['preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: [...nodePatterns, '**/main/**'], message: 'The preload is sandboxed: only electron and common/.' }] }],
    },
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
