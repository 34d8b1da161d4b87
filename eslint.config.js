import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import { builtinModules } from 'node:module'

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)]

// Layering, VS Code style: each folder says where its code runs, and a lower
// layer never imports a higher one.
//   shared   -> nothing but pure packages
//   main/core, main/cli, main/host -> shared (Node, never electron)
//   main/electron -> core + shared + electron (the only thin Electron glue)
//   preload  -> shared + electron
//   renderer -> shared (never main, never Node)
const forbid = (message, ...group) => ({ group, message })

const noElectron = { name: 'electron', message: 'Only src/main/electron and src/preload may import electron.' }
const higherThanShared = forbid('src/shared imports nothing from another src folder.', '**/main/**', '**/renderer/**', '**/preload/**', '../main', '../renderer', '../preload')
const intoRenderer = forbid('The Node side never imports the renderer.', '**/renderer/**')
const intoMain = forbid('The renderer never imports src/main.', '**/main/**', '../main', '../../main')
const intoElectronGlue = forbid('The core never imports the Electron glue.', '**/electron/**', '../electron')

const domGlobals = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'HTMLElement', 'indexedDB']

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'artifacts/**', '.bench/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
    }
  },
  {
    files: ['src/shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron, ...nodeBuiltins.map((name) => ({ name, message: 'src/shared is pure: no Node.' }))], patterns: [higherThanShared] }],
      'no-restricted-globals': ['error', ...domGlobals.map((name) => ({ name, message: 'src/shared is pure: no DOM.' })), { name: 'process', message: 'src/shared is pure: no Node.' }, { name: 'Buffer', message: 'src/shared is pure: no Node.' }]
    }
  },
  {
    files: ['src/main/core/**/*.ts', 'src/main/cli/**/*.ts', 'src/main/host/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [intoRenderer, intoElectronGlue, forbid('The core never imports the preload.', '**/preload/**')] }]
    }
  },
  {
    files: ['src/main/electron/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [intoRenderer, forbid('Main never imports the preload.', '**/preload/**')] }] }
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [intoRenderer, intoMain] }] }
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { paths: [noElectron, ...nodeBuiltins.map((name) => ({ name, message: 'The renderer has no Node.' }))], patterns: [intoMain, forbid('The renderer never imports the preload.', '**/preload/**')] }]
    }
  },
  {
    // Beside its code, the HTTP client's test runs a real server on 127.0.0.1 with node:http,
    // standing in for the browser host; it still never imports main or the preload.
    files: ['src/renderer/src/api/http-client.test.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron], patterns: [intoMain, forbid('The renderer never imports the preload.', '**/preload/**')] }] }
  }
)
