import { z } from 'zod';

/** kernel.org's monikers; release candidates are "mainline" there. */
export const MONIKERS = ['mainline', 'stable', 'longterm', 'linux-next'] as const;
export type Moniker = (typeof MONIKERS)[number];

/** What we announce a release as: mainline is split into final releases and release candidates. */
export const RELEASE_KINDS = ['mainline', 'rc', 'stable', 'longterm', 'linux-next'] as const;
export type ReleaseKind = (typeof RELEASE_KINDS)[number];

const url = z.url({ protocol: /^https?$/ });

const releaseLinksSchema = z
  .object({
    tarball: url.optional(),
    signature: url.optional(),
    patch: url.optional(),
    incrementalPatch: url.optional(),
    changelog: url.optional(),
    git: url.optional(),
    diff: url.optional(),
    /** Only for a final mainline release. */
    kernelnewbies: url.optional(),
  })
  .strict();
export type ReleaseLinks = z.infer<typeof releaseLinksSchema>;

/** Versions as kernel.org writes them: 6.18, 6.19-rc1, 6.17.12, 2.6.32.71, next-20251201. */
const VERSION_PATTERN = /^(?:\d+\.\d+(?:\.\d+){0,2}(?:-rc\d+)?|next-\d{8})$/;

export const releaseSchema = z.object({
  version: z.string().regex(VERSION_PATTERN, 'not a kernel version'),
  moniker: z.enum(MONIKERS),
  kind: z.enum(RELEASE_KINDS),
  released: z.date().refine((d) => !Number.isNaN(d.getTime()), 'invalid date'),
  eol: z.boolean(),
  links: releaseLinksSchema,
});
export type Release = z.infer<typeof releaseSchema>;

/** For /kernel: the releases of the last good feed fetch and how old they are. */
export interface CurrentReleases {
  releases: Release[];
  /** When the feed was last confirmed (a 200 or a 304). */
  checkedAt: Date;
  ageMs: number;
  /** The last fetch failed after that (still showing the last good data). */
  lastError: string | null;
}

/** JSON form (dates as ISO strings) for the database snapshot. */
export function releaseToJson(release: Release): Record<string, unknown> {
  return { ...release, released: release.released.toISOString() };
}

export function releaseFromJson(value: unknown): Release {
  const raw = value as Record<string, unknown>;
  return releaseSchema.parse({ ...raw, released: new Date(String(raw.released)) });
}

/** Why a feed could not be used. Every failure of the fetch-and-parse path is one of these. */
export type FeedErrorReason =
  | 'timeout'
  /** Cut short on purpose: the bot is shutting down. */
  | 'aborted'
  | 'network'
  | 'http-status'
  | 'too-large'
  | 'not-a-feed'
  | 'invalid-xml'
  | 'empty'
  | 'no-valid-items';

/** Where one announcement to one channel stands in the delivery ledger. */
export type DeliveryStatus = 'pending' | 'sent' | 'failed';
