import { LABELS, STATUS_LABELS, AREA_LABELS, SOURCE_LABELS } from './answers.ts';
import { LOOKUPS } from './lookups.ts';
import { ANNOUNCE } from './announce.ts';
import { ADMIN } from './admin.ts';
import { DISCORD } from './discord.ts';
import { TERMINAL } from './terminal.ts';
import { PROBLEMS } from './problems.ts';
import { RELEASE_POSTS } from './release-posts.ts';

/**
 * Every area of user-facing text, for checks over all of it (tests/german-replies.test.ts). Code
 * imports the area it needs directly. Command descriptions and /help usage lines live with their
 * command definitions (commands/*.ts), typed per language there.
 */
export const CATALOGUE = { answers: LABELS, lookups: LOOKUPS, announce: ANNOUNCE, admin: ADMIN, discord: DISCORD, terminal: TERMINAL, problems: PROBLEMS, releasePosts: RELEASE_POSTS };

/** The label tables keyed by knowledge value (status, area, talk source). */
export const VALUE_LABELS = { status: STATUS_LABELS, area: AREA_LABELS, source: SOURCE_LABELS };
