// Types for scripts/index-code.mjs (plain JavaScript, so `npm start` needs no loader), for the tests.
export declare const INDEX_CODE_MARKER: string;
export declare function indexCodeDigest(esbuild: typeof import('esbuild'), root: string): Promise<string>;
