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

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'coverage/', 'build/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  ...layerRules,
);
