// ESLint flat config. The one architectural rule that matters most: src/core never imports vscode.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', '.vscode-test/**', 'node_modules/**', 'media/**', 'sources/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.property.name=/^(readFileSync|readdirSync|statSync)$/]", message: 'No synchronous file I/O in the extension; use the async APIs.' }],
    },
  },
  {
    // The core is pure TypeScript: it reaches the editor only through small interfaces.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/core must not depend on vscode: put editor code in src/features.' }],
        patterns: [{ group: ['**/features/**', '**/extension'], message: 'src/core must not import editor features.' }],
      }],
    },
  },
  {
    files: ['test/**/*.ts', 'src/cli.ts', 'src/core/node/**/*.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['scripts/**/*.mjs', 'eslint.config.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly' } },
  },
);
