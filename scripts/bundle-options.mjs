// The esbuild options every bundle of the bot's code shares: scripts/build.mjs (the bot) and the
// bench's floor probe (bench/sections/discord.ts), so the floor is bundled exactly like the bot.
// Plain JavaScript: `npm start` runs scripts/build.mjs without a TypeScript loader.

/**
 * Dependencies left out of the bundle: native addons (better-sqlite3) and the optional ones that
 * pg and discord.js try at run time when installed (pg-native, zlib-sync, bufferutil, utf-8-validate).
 */
const NATIVE_OR_OPTIONAL = ['better-sqlite3', 'pg-native', 'zlib-sync', 'bufferutil', 'utf-8-validate'];

export const BUNDLE_OPTIONS = Object.freeze({
  bundle: true,
  platform: 'node',
  format: 'esm',
  // The JavaScript dependencies are bundled and everything is minified: V8 keeps each module's
  // source text for lazy compilation, so less text is less idle memory (about 3 MB). Native and
  // optional modules stay outside (they are loaded from node_modules, or not at all).
  external: NATIVE_OR_OPTIONAL,
  minify: true,
  // Function and class names stay as written: discord.js picks cache limits by manager class name.
  keepNames: true,
  // CommonJS dependencies call require() (node: built-ins, the externals): give each chunk one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
});
