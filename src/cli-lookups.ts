import { readFileSync } from 'node:fs';
import type { Language } from './knowledge/schema.ts';
import { renderText } from './terminal/render-text.ts';
import { errnoReply, maintainersReply } from './answers/lookups.ts';
import { syscallReply } from './answers/lookups.ts';
import { MaintainersIndex, MIN_SECTIONS, type MaintainersLookup, type MaintainersSection } from './kernel/maintainers/index.ts';
import { DEFAULT_MAINTAINERS_URL } from './config.ts';
import { MaintainersService, memoryMaintainersStore } from './kernel/maintainers/service.ts';
import { isArch, lookupSyscall, SYSCALL_NOTE } from './kernel/syscalls/index.ts';
import { lookupErrno } from './kernel/errno/index.ts';

/**
 * The CLI's kernel lookups (`cli -- maintainers|syscall|errno`). Their --json shapes are an interface
 * for external tools: keep them stable.
 */

export interface CliOptions {
  /** MAINTAINERS_URL from the environment the CLI runs in. */
  maintainersUrl?: string;
  json: boolean;
  lang: Language;
  arch?: string;
  /** A local MAINTAINERS file instead of fetching MAINTAINERS_URL. */
  file?: string;
}

function sectionJson(section: MaintainersSection) {
  return { title: section.title, status: section.status, ...section.listsByName() };
}

function maintainersJson(lookup: MaintainersLookup) {
  switch (lookup.kind) {
    case 'path':
      return { query: lookup.path, kind: 'path', sections: lookup.matches.map((m) => ({ ...sectionJson(m.section), specificity: m.specificity, via: `${m.via.type}: ${m.via.value}` })) };
    case 'name':
      return { query: lookup.query, kind: 'name', sections: lookup.hits.map((h) => sectionJson(h.section)) };
    default:
      return { query: lookup.query, kind: 'none', sections: [] };
  }
}

/** Returns [output, exit code]. */
export async function cliMaintainers(query: string, options: CliOptions): Promise<[string, number]> {
  let index: MaintainersIndex;
  let fetchedAt = new Date();
  if (options.file) {
    let text: string;
    try {
      text = readFileSync(options.file, 'utf8');
    } catch (error) {
      return [`--file ${options.file} cannot be read: ${(error as Error).message}`, 2];
    }
    index = MaintainersIndex.fromText(text);
    // The same check as a download: a file of another kind would answer "no match" to everything.
    if (index.sections.length < MIN_SECTIONS) return [`--file ${options.file} is not a MAINTAINERS file (${index.sections.length} sections, at least ${MIN_SECTIONS} expected)`, 2];
  } else {
    const service = new MaintainersService({ url: options.maintainersUrl || DEFAULT_MAINTAINERS_URL, store: memoryMaintainersStore(), fetchOnDemand: true });
    const state = await service.forLookup();
    if (state.status !== 'ready') return [`cannot load MAINTAINERS: ${state.lastError?.message ?? 'unknown error'}`, 1];
    index = state.index;
    fetchedAt = state.fetchedAt;
  }
  const lookup = index.lookup(query);
  if (options.json) return [JSON.stringify(maintainersJson(lookup)), lookup.kind === 'none' ? 1 : 0];
  const state = { status: 'ready' as const, index, fetchedAt, url: options.file ?? '', sections: index.sections.length };
  return [renderText(maintainersReply(lookup, state, options.lang)), lookup.kind === 'none' ? 1 : 0];
}

export function cliSyscall(query: string, options: CliOptions): [string, number] {
  if (options.arch && !isArch(options.arch)) return [`--arch must be one of x86_64, i386, arm64, arm, riscv64`, 2];
  const lookup = lookupSyscall(query, isArch(options.arch) ? options.arch : null);
  if (options.json) return [JSON.stringify(lookup.kind === 'found' ? { query, ...lookup } : { query, kind: 'not-found', suggestions: lookup.suggestions }), lookup.kind === 'found' ? 0 : 1];
  return [renderText(syscallReply(lookup, SYSCALL_NOTE, options.lang)), lookup.kind === 'found' ? 0 : 1];
}

export function cliErrno(query: string, options: CliOptions): [string, number] {
  const answer = lookupErrno(query);
  if (options.json) return [JSON.stringify(answer ? { query, found: true, ...answer } : { query, found: false }), answer ? 0 : 1];
  return [renderText(errnoReply(answer, query, options.lang)), answer ? 0 : 1];
}
