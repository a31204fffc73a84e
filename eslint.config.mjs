// Layers as DESIGN.md draws them, enforced here the way VS Code enforces its layers.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const UI_AND_SHELLS = ['electron', 'electron/*', 'react', 'react-dom', 'react-dom/*', 'i18next', 'react-i18next'];

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // core is pure Node: no Electron, no UI, nothing of the shells around it. Capabilities talk
  // through each other's index.ts only; the relative prefix that leaves a capability depends on
  // how deep the importing file sits, so there is one block per depth.
  ...[0, 1, 2, 3].map((depth) => {
    const up = '../'.repeat(depth + 1);
    return {
      files: [`electron/core/*/${'*/'.repeat(depth)}*.ts`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            paths: UI_AND_SHELLS.filter((p) => !p.includes('*')).map((name) => ({ name, message: 'electron/core is pure Node; it imports no Electron or UI code.' })),
            patterns: [
              { group: ['electron/*', 'react-dom/*'], message: 'electron/core is pure Node.' },
              { group: ['**/main', '**/main/**', '**/preload', '**/preload/**', '**/cli', '**/cli/**', '**/renderer/**', '**/testhost/**'], message: 'core never imports the shells around it.' },
              { group: [`${up}*/*`, `!${up}*/index`], message: "Import another capability through its index (e.g. '../vault'), not its files." },
              { group: [`${up}../**`], message: 'core imports nothing outside electron/core.' },
            ],
          },
        ],
      },
    };
  }),
  {
    // The shells reach the product through core/api only.
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts', 'electron/cli/**/*.ts', 'electron/testhost/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '/core/(?!api$|api/contract$|api/wire$)', message: 'Shells import electron/core/api (its index) only.' },
            { group: ['**/renderer/**'], message: 'Shells do not import the renderer.' },
          ],
        },
      ],
    },
  },
  {
    // Electron's security checklist, as lint: each selector is a regression that would reopen an item.
    // tests/unit/shell/security-checklist.test.ts plants every one of them to prove the rule fires.
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...[
          ['nodeIntegration', true],
          ['nodeIntegrationInWorker', true],
          ['nodeIntegrationInSubFrames', true],
          ['allowRunningInsecureContent', true],
          ['experimentalFeatures', true],
          ['webviewTag', true],
          ['contextIsolation', false],
          ['sandbox', false],
          ['webSecurity', false],
        ].map(([key, bad]) => ({
          selector: `Property[key.name='${key}'][value.value!=${!bad}]`,
          message: `Electron security checklist: ${key} must be the literal ${!bad} (see electron/main/web-preferences.ts).`,
        })),
        { selector: "Property[key.name='enableBlinkFeatures']", message: 'Electron security checklist #10: no enableBlinkFeatures.' },
        { selector: "Literal[value='allowpopups']", message: 'Electron security checklist #11: no <webview allowpopups>.' },
        { selector: "MemberExpression[property.name='openExternal']", message: 'Electron security checklist #15: Kluis hands no URL to the OS (shell.openExternal).' },
        { selector: "CallExpression[callee.property.name='loadFile']", message: 'Electron security checklist #18: load the app from its own scheme, not file://.' },
        { selector: 'Literal[value=/^file:/]', message: 'Electron security checklist #18: no file:// URLs; use the app scheme.' },
        { selector: 'Literal[value=/^http:\\/\\/(?!127\\.0\\.0\\.1|localhost)/]', message: 'Electron security checklist #1: no plain-http content.' },
        { selector: "MemberExpression[property.name='exposeInIsolatedWorld']", message: 'Electron security checklist #20: the preload exposes one object (kluis) with exposeInMainWorld.' },
      ],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '/core/(?!api/wire$)', message: 'The preload imports only core/api/wire: it runs sandboxed, and wire.ts has no runtime imports.' }] },
      ],
    },
  },
  {
    // The renderer sees the contract's types and nothing else of ours.
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['renderer/vite.web.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'node:fs', 'fs', 'node:child_process', 'child_process'].map((name) => ({ name, message: 'The renderer has no Node or Electron access.' })),
          patterns: [{ regex: '(^|/)electron/(?!core/api/(contract|wire)$)', message: "The renderer imports only the contract's types." }],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[importKind!='type'][source.value=/electron\\/core\\/api\\/(contract|wire)/]",
          message: "Use 'import type' for the contract: the renderer takes its types, never its code.",
        },
      ],
    },
  },
);
