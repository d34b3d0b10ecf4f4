import type { BuildOptions } from 'esbuild';

/** Types of scripts/bundle-options.mjs for the TypeScript that imports it (the bench). */
export declare const BUNDLE_OPTIONS: Readonly<BuildOptions>;
