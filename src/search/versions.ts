import type { Area } from '../knowledge/schema.ts';

/** "3.19", "4.0", "v4.0", "linux-3.8" (already tokenised: "3.19"). Patch levels and rcs are trimmed. */
export function versionFromToken(token: string): string | null {
  const match = /^v?(\d{1,2})\.(\d{1,2})(?:\.\d+)?(?:-?rc\d+)?$/.exec(token);
  return match ? `${Number(match[1])}.${Number(match[2])}` : null;
}

/** Words that narrow a version question to an area ("Was brachte 3.8 für Dateisysteme?"). Processed terms; a Map, since user words such as "constructor" must never hit Object.prototype. */
const AREA_TERMS = new Map<string, Area[]>(
  Object.entries({
    _filesystem: ['filesystems'],
    _graphics: ['graphics'],
    _network: ['networking'],
    _driver: ['drivers', 'graphics', 'networking', 'storage'],
    _virtualization: ['virtualization'],
    _vm: ['virtualization'],
    _security: ['security'],
    _memory: ['memory'],
    _disk: ['storage'],
    _tracing: ['tracing'],
    storag: ['storage'],
    storage: ['storage'],
    speicher: ['storage', 'memory'],
    speich: ['storage', 'memory'],
    block: ['storage'],
    scheduler: ['scheduling'],
    schedul: ['scheduling'],
    power: ['power'],
    energi: ['power'],
    energie: ['power'],
    ipc: ['ipc'],
    _ipc: ['ipc'],
    architectur: ['architecture'],
    architektur: ['architecture'],
    cpu: ['architecture'],
    prozessor: ['architecture'],
    prozessoren: ['architecture'],
    processor: ['architecture'],
    processors: ['architecture'],
  } satisfies Record<string, Area[]>),
);

/** Areas named by a query's processed terms (empty when none). */
export function areasInTerms(terms: Iterable<string>): Set<Area> {
  const areas = new Set<Area>();
  for (const term of terms) for (const area of AREA_TERMS.get(term) ?? []) areas.add(area);
  return areas;
}

/** Words that only frame a version question: "what's new in", "was brachte", "changes in". */
export const VERSION_QUESTION_WORDS = new Set(
  `new neu neue neues neuen neuerungen news bring brings brought brachte bringt changes changed change anderungen
  geandert feature features highlights release released releases version versions kernel linux whats
  came kam kamen landed added hinzu enthalt contains include includes included gibt es
  heraus raus erschien erschienen erscheinen veroffentlicht published out date datum`.split(/\s+/),
);
