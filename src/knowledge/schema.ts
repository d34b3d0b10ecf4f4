import { z } from 'zod';

/**
 * The knowledge-entry schema. One YAML file per topic under knowledge/.
 * Limits keep every rendered part inside a Discord embed (description 4,096, field 1,024).
 */

export const LANGUAGES = ['en', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];

export const AREAS = [
  'filesystems',
  'storage',
  'graphics',
  'networking',
  'virtualization',
  'security',
  'ipc',
  'memory',
  'scheduling',
  'tracing',
  'architecture',
  'drivers',
  'power',
  'build',
  'process',
  'distributions',
  'community',
  'releases',
] as const;
export type Area = (typeof AREAS)[number];

export const STATUSES = [
  'merged',
  'partly-merged',
  'not-merged',
  'planned',
  'removed',
  'out-of-tree',
  'superseded',
  'released',
  'discontinued',
  'ongoing',
  'info',
] as const;
export type Status = (typeof STATUSES)[number];

export const KINDS = ['feature', 'release', 'project', 'tool', 'person', 'talk', 'topic'] as const;

/** Where in the seed a claim comes from. */
export const SOURCE_PARTS = [
  'talk-intro',
  'talk-section-1',
  'talk-section-2',
  'talk-section-3',
  'talk-meta',
  'talk-outro',
  'ct-kernel-log-3.8',
  'heise-kernel-log-3.8',
  'fedora-vanilla-wiki',
] as const;

/** Kernel versions as the project writes them: 3.8, 3.19, 4.0, 6.12 (no patch level, no rc). */
const version = z.string().regex(/^\d+\.\d+$/, 'must look like "3.19" or "4.0"');

const id = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case: lower-case letters, digits and single dashes');

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

const bilingual = (max: number) => z.object({ en: text(max), de: text(max) }).strict();

const aliasList = z.array(text(100)).default([]);

export const entrySchema = z
  .object({
    id,
    kind: z.enum(KINDS).default('feature'),
    title: bilingual(100),
    aliases: z.object({ en: aliasList, de: aliasList }).strict(),
    area: z.enum(AREAS),
    status: z.enum(STATUSES),
    /** Kernel version the feature landed in (the release itself for kind: release). */
    version: version.nullable().default(null),
    /** Kernel version it was removed in, when status is removed. */
    removed: version.nullable().default(null),
    /** Short answer shown first; must fit comfortably in an embed description. */
    summary: bilingual(700),
    /**
     * "talk": a topic of the 2015 talk or its articles; the talk claim is required.
     * "later": a topic or release the talk did not cover (newer releases, today's topics); no talk claim.
     */
    origin: z.enum(['talk', 'later']).default('talk'),
    talk: z
      .object({
        claim: bilingual(600),
        source: z.enum(SOURCE_PARTS),
        /** Human-readable pointer into the source: slide heading or article section. */
        section: text(160),
      })
      .strict()
      .optional(),
    since: bilingual(900),
    /** Where the talk or an article got something wrong, and the correct fact. */
    correction: bilingual(600).optional(),
    links: z
      .array(z.object({ title: text(100), url: z.url({ protocol: /^https?$/ }) }).strict())
      .min(1, 'needs at least one source link'),
    related: z.array(id).default([]),
    /** Release entries only: facts about the release itself. */
    release: z
      .object({
        date: z.iso.date(),
        development_days: z.number().int().positive().optional(),
        commits: z.number().int().positive().optional(),
        files: z.number().int().positive().optional(),
        lines: z.number().int().positive().optional(),
        /** Headline changes grouped by area (4–8 for a release entry written since 2026): "what did 6.1 bring for filesystems?" */
        changes: z
          .array(z.object({ area: z.enum(AREAS), en: text(300), de: text(300), entry: id.optional() }).strict())
          .max(12)
          .default([]),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((entry, ctx) => {
    if (entry.status === 'removed' && !entry.removed) {
      ctx.addIssue({ code: 'custom', path: ['removed'], message: 'status "removed" needs the version it was removed in' });
    }
    if (entry.kind === 'release' && (!entry.release || !entry.version)) {
      ctx.addIssue({ code: 'custom', path: ['release'], message: 'a release entry needs "version" and a "release" block' });
    }
    if (entry.origin === 'talk' && !entry.talk) {
      ctx.addIssue({ code: 'custom', path: ['talk'], message: 'a talk topic needs the talk claim (use origin: later for topics the talk did not cover)' });
    }
    if (entry.origin === 'later' && entry.talk) {
      ctx.addIssue({ code: 'custom', path: ['talk'], message: 'an entry with origin: later has no talk claim' });
    }
    if (entry.related.includes(entry.id)) {
      ctx.addIssue({ code: 'custom', path: ['related'], message: 'an entry cannot be related to itself' });
    }
  });

export type KnowledgeEntry = z.output<typeof entrySchema>;
