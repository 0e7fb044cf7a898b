// Lint: typescript-eslint for every package, lit and wc rules for the elements.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'storybook-static/**',
      '.cache/**',
      '.data/**',
      'reports/**',
      'packages/elements/custom-elements.json',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error', 'info'] }],
    },
  },
  {
    files: ['packages/elements/src/**/*.ts', 'packages/embed/src/**/*.ts', 'stories/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['packages/elements/src/**/*.ts', 'packages/embed/src/**/*.ts'],
    ...wc.configs['flat/recommended'],
  },
  {
    // Browser code never pulls classic zod (~95 kB gz); it imports zod/mini.
    files: [
      'packages/core/src/**/*.ts',
      'packages/connector/src/**/*.ts',
      'packages/elements/src/**/*.ts',
      'packages/embed/src/**/*.ts',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          // `z` is a namespace re-export that bundlers cannot tree-shake: it keeps every zod
          // locale (~250 kB) in the bundle. `import * as z` shakes down to what is used.
          selector:
            "ImportDeclaration[source.value='zod/mini'][importKind!='type'] > ImportSpecifier[imported.name='z']",
          message: "Use `import * as z from 'zod/mini'`.",
        },
      ],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'zod', message: "Import 'zod/mini' in browser code." }],
        },
      ],
    },
  },
  {
    files: [
      'scripts/**',
      'tests/**',
      'packages/*/test/**',
      'packages/*/bench/**',
      'packages/server/**',
      '**/*.config.*',
      '**/build.mjs',
    ],
    rules: { 'no-console': 'off' },
  },
  {
    // chai's property assertions (`expect(x).to.exist`) are expressions.
    files: ['packages/*/test/**', 'tests/**'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
  },
);
