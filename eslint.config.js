import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Layering: the core folders never touch Discord (the adapter in src/discord renders their neutral
 * models), and each folder imports only what sits below it. tests/layering.test.ts proves the rules fire.
 */
const CORE = ['knowledge', 'search', 'releases', 'store', 'qa', 'answers', 'kernel', 'i18n', 'shared'];
const ADAPTERS = ['discord', 'terminal'];
const BELOW_ONLY = {
  shared: ['knowledge', 'search', 'releases', 'store', 'qa', 'answers', 'kernel'],
  knowledge: ['search', 'releases', 'store', 'qa', 'answers', 'kernel'],
  store: ['releases', 'qa', 'answers'],
  answers: ['releases', 'store', 'qa'],
  // The text catalogue sits just above the knowledge types: every part of the bot may use it.
  i18n: ['search', 'releases', 'store', 'qa', 'answers', 'kernel'],
};

/** Matches a relative import into src/<folder>/ (from src/ or from a sibling folder). */
const into = (folder) => `^(?:\\.\\.?/)+(?:src/)?${folder}/`;

const layerRules = CORE.map((folder) => ({
  files: [`src/${folder}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: [{ name: 'discord.js', message: `src/${folder} is core: hand a neutral model to the Discord adapter (src/discord) instead.` }],
        patterns: [
          { regex: '^discord-api-types(/|$)', message: `src/${folder} is core: Discord payload types belong to the adapter (src/discord).` },
          ...ADAPTERS.map((adapter) => ({ regex: into(adapter), message: `src/${folder} is core and must not import the ${adapter} adapter.` })),
          ...(BELOW_ONLY[folder] ?? []).map((above) => ({ regex: into(above), message: `src/${folder} must not import src/${above} (layering; shared facts live in src/shared).` })),
        ],
      },
    ],
  },
}));

/** Commands return the neutral reply model; their definitions use discord-api-types, never the client. */
const commandRules = {
  files: ['commands/**/*.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: [{ name: 'discord.js', message: 'commands return the neutral reply model; the Discord adapter (src/discord) renders it.' }],
        patterns: [{ regex: '^(?:\\.\\.?/)+src/(?:discord|terminal)/', message: 'commands must not import an adapter (src/discord, src/terminal).' }],
      },
    ],
  },
};

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'coverage/', 'build/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  { languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } } },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
      // Numbers and booleans read fine in messages; objects, undefined and null still must be formatted on purpose.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      // `(x) => void send(x)` and one-line arrow callbacks are the idiom for fire-and-forget here.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true, ignoreVoidOperator: true }],
      // With noUncheckedIndexedAccess every checked index read needs `!`; the rule would only trade it for casts.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Ports and test fakes implement async interfaces without awaiting; no-floating-promises and no-misused-promises catch real mistakes.
      '@typescript-eslint/require-await': 'off',
      // Discord payloads, parsed JSON and database rows are typed optimistically; the defensive checks against them stay.
      '@typescript-eslint/no-unnecessary-condition': 'off',
    },
  },
  {
    files: ['tests/**/*.ts'],
    rules: {
      // vitest's asymmetric matchers (expect.any, expect.stringMatching) are typed `any`.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  // Plain JavaScript (this file, scripts/build.mjs) is outside the TypeScript project.
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  ...layerRules,
  commandRules,
);
