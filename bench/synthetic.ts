import { AREAS, KINDS, SOURCE_PARTS, STATUSES, entrySchema, type KnowledgeEntry } from '../src/knowledge/schema.ts';
import { foldText } from '../src/shared/text.ts';
import { seededRandom } from './stats.ts';

/**
 * Deterministic synthetic knowledge entries that pass the schema: kernel-ish bilingual text of about
 * 150 words per entry, unique code names (so ids, titles and aliases are unique after folding, also
 * against the real entries), random versions. Same seed and count → same entries.
 */

const EN_ADJ = `lockless scalable asynchronous zoned encrypted compressed deferred batched adaptive unified generic dynamic
  per-cpu lazy atomic preemptible tickless hierarchical transparent persistent shared isolated virtual native
  experimental deprecated fast secure reliable parallel incremental lightweight`.split(/\s+/);
const EN_NOUN = `scheduler writeback cgroup namespace interrupt firmware allocator cache slab inode journal extent queue
  mapper controller socket packet filter tracepoint probe counter hypervisor guest balloon hugepage swap
  futex syscall keyring governor timer spinlock mutex workqueue softirq kthread loader plugin bootloader
  initramfs framebuffer modesetting connector encoder backlight touchpad bridge bond tunnel qdisc
  snapshot subvolume checksum scrubber balancer defragmenter compressor deduplicator quota barrier`.split(/\s+/);
const EN_TARGET = `NVMe SSDs, SATA disks, USB devices, PCIe cards, Intel GPUs, AMD GPUs, ARM64 servers, containers, virtual machines,
  embedded boards, laptops, network cards, file servers, real-time systems, Raspberry Pi, POWER9 machines, s390 mainframes,
  RISC-V boards, Wi-Fi adapters, Thunderbolt docks, 4K displays, NUMA systems`.split(/,\s*/);
const EN_VERB = `improves speeds up replaces simplifies extends reworks removes adds hardens tunes splits merges unifies
  rewrites documents exposes`.split(/\s+/);
const EN_FILL = `the kernel developers maintainers upstream mainline patch series review benchmark workload latency throughput
  memory pressure boot time power usage regression fix stable tree distribution userspace interface driver subsystem
  mailing list merge window release candidate configuration option default behaviour hardware support`.split(/\s+/);

const DE_ADJ = `sperrfreie skalierbare asynchrone zonierte verschlüsselte komprimierte verzögerte gebündelte adaptive
  einheitliche generische dynamische träge atomare unterbrechbare hierarchische transparente dauerhafte gemeinsame
  isolierte virtuelle experimentelle veraltete schnelle sichere zuverlässige parallele schlanke`.split(/\s+/);
const DE_MOD = `Speicher Grafik Netzwerk Datei Geräte Block Seiten Prozess Energie Takt Sicherheits Zeit Schlüssel Paket
  Warteschlangen Unterbrechungs Arbeits Start Bildschirm Platten Kern Modul Schnittstellen Journal Prüfsummen`.split(/\s+/);
const DE_HEAD = `verwaltung treiber zugriff system schicht steuerung regelung filter puffer zähler planer sperre
  zuteilung auslagerung übersetzung kompression verschlüsselung sicherung prüfung messung`.split(/\s+/);
const DE_TARGET = `NVMe-SSDs, SATA-Platten, USB-Geräte, PCIe-Karten, Intel-Grafikchips, AMD-Grafikkarten, ARM64-Server, Container,
  virtuelle Maschinen, Bastelplatinen, Notebooks, Netzwerkkarten, Dateiserver, Echtzeitsysteme, Raspberry Pi,
  POWER9-Rechner, Großrechner, RISC-V-Platinen, WLAN-Adapter, Thunderbolt-Docks, 4K-Bildschirme, NUMA-Systeme`.split(/,\s*/);
const DE_VERB = `verbessert beschleunigt ersetzt vereinfacht erweitert überarbeitet entfernt ergänzt härtet teilt vereint
  dokumentiert`.split(/\s+/);
const DE_FILL = `die Kernel-Entwickler Betreuer Hauptzweig Patch-Serie Überprüfung Messung Arbeitslast Latenz Durchsatz
  Speicherdruck Startzeit Stromverbrauch Regression Korrektur stabile Reihe Distribution Userspace Schnittstelle
  Treiber Subsystem Mailingliste Merge-Fenster Vorabversion Konfigurationsoption Standardverhalten Hardware-Unterstützung`.split(/\s+/);

const SYLLABLES = `k z x b f n v io mq fs dm nv ext btr kv ks tr rc sch ep zr bl q w lo pa gr ne ti uf dr
  ce mo su ha ri ta vo ly`.split(/\s+/);

type Rng = () => number;
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;

function version(rng: Rng): string {
  const major = 2 + Math.floor(rng() * 5); // 2..6
  const minor = major === 2 ? 6 : Math.floor(rng() * 20);
  return `${major}.${minor}`;
}

function germanNoun(rng: Rng): string {
  const mod = pick(rng, DE_MOD);
  const head = pick(rng, DE_HEAD);
  return `${mod}${head}`;
}

/** Sentences from the word lists until about `words` words, kept under `maxChars`. */
function prose(rng: Rng, lang: 'en' | 'de', code: string, words: number, maxChars: number): string {
  const sentences: string[] = [];
  let count = 0;
  while (count < words) {
    let s: string;
    if (lang === 'en') {
      const pattern = Math.floor(rng() * 4);
      if (pattern === 0) s = `${code} ${pick(rng, EN_VERB)} the ${pick(rng, EN_ADJ)} ${pick(rng, EN_NOUN)} for ${pick(rng, EN_TARGET)} since Linux ${version(rng)}.`;
      else if (pattern === 1) s = `The ${pick(rng, EN_NOUN)} ${pick(rng, EN_FILL)} ${pick(rng, EN_VERB)} ${pick(rng, EN_FILL)} ${pick(rng, EN_FILL)} on ${pick(rng, EN_TARGET)}.`;
      else if (pattern === 2)
        s = `After review on the ${pick(rng, EN_FILL)} the ${pick(rng, EN_ADJ)} ${pick(rng, EN_NOUN)} landed in ${version(rng)} with ${pick(rng, EN_FILL)} ${pick(rng, EN_FILL)}.`;
      else s = `It ${pick(rng, EN_VERB)} ${pick(rng, EN_FILL)} ${pick(rng, EN_FILL)} and the ${pick(rng, EN_NOUN)} ${pick(rng, EN_NOUN)} of ${code}.`;
    } else {
      const pattern = Math.floor(rng() * 4);
      if (pattern === 0) s = `${code} ${pick(rng, DE_VERB)} die ${pick(rng, DE_ADJ)} ${germanNoun(rng)} für ${pick(rng, DE_TARGET)} seit Linux ${version(rng)}.`;
      else if (pattern === 1) s = `Die ${germanNoun(rng)} ${pick(rng, DE_VERB)} ${pick(rng, DE_FILL)} und ${pick(rng, DE_FILL)} auf ${pick(rng, DE_TARGET)}.`;
      else if (pattern === 2) s = `Nach der ${pick(rng, DE_FILL)} kam die ${pick(rng, DE_ADJ)} ${germanNoun(rng)} in ${version(rng)} mit ${pick(rng, DE_FILL)}.`;
      else s = `Sie ${pick(rng, DE_VERB)} ${pick(rng, DE_FILL)}, ${pick(rng, DE_FILL)} und die ${germanNoun(rng)} von ${code}.`;
    }
    const next = [...sentences, s].join(' ');
    if (next.length > maxChars) break;
    sentences.push(s);
    count += s.split(/\s+/).length;
  }
  return sentences.join(' ');
}

export interface SyntheticOptions {
  count: number;
  seed?: number;
  /** Folded names already taken (the real entries' ids, titles, aliases). */
  takenNames?: Iterable<string>;
  /** Check every entry with entrySchema (a few seconds at 100,000). */
  validate?: boolean;
}

export function syntheticEntries({ count, seed = 0x6b65726e, takenNames = [], validate = true }: SyntheticOptions): KnowledgeEntry[] {
  const rng = seededRandom(seed);
  const taken = new Set<string>([...takenNames].map(foldText));
  const entries: KnowledgeEntry[] = [];
  const areas = AREAS.filter((a) => a !== 'releases');
  const kinds = KINDS.filter((k) => k !== 'release');
  const statuses = STATUSES.filter((s) => s !== 'released');

  while (entries.length < count) {
    const syllables = 2 + Math.floor(rng() * 2);
    let code = '';
    for (let i = 0; i < syllables; i++) code += pick(rng, SYLLABLES);
    if (rng() < 0.3) code += String(Math.floor(rng() * 10));
    if (code.length < 3) continue;
    const adj = pick(rng, EN_ADJ);
    const noun = pick(rng, EN_NOUN);
    const target = pick(rng, EN_TARGET);
    const deAdj = pick(rng, DE_ADJ);
    const deNoun = germanNoun(rng);
    const id = `${code}-${noun}`;
    const title = { en: `${code} (${adj} ${noun} for ${target})`, de: `${code} (${deAdj} ${deNoun} für ${pick(rng, DE_TARGET)})` };
    const aliases = { en: [`${code} ${noun}`, `${code}-ng`, `${adj} ${noun} ${code}`], de: [`${code}-${deNoun}`, `${deNoun} ${code}`] };
    const names = [id, title.en, title.de, ...aliases.en, ...aliases.de, code].map(foldText);
    if (names.some((n) => taken.has(n))) continue;
    for (const n of names) taken.add(n);

    const status = pick(rng, statuses);
    const landed = rng() < 0.8 ? version(rng) : null;
    const raw = {
      id,
      kind: rng() < 0.8 ? 'feature' : pick(rng, kinds),
      title,
      aliases,
      area: pick(rng, areas),
      status,
      version: landed,
      origin: 'talk' as const,
      removed: status === 'removed' ? version(rng) : null,
      summary: { en: prose(rng, 'en', code, 24, 690), de: prose(rng, 'de', code, 21, 690) },
      talk: {
        claim: { en: prose(rng, 'en', code, 12, 590), de: prose(rng, 'de', code, 10, 590) },
        source: pick(rng, SOURCE_PARTS),
        section: `${1 + Math.floor(rng() * 3)}. ${pick(rng, DE_MOD)}${pick(rng, DE_HEAD)} – ${code}`,
      },
      since: { en: prose(rng, 'en', code, 31, 890), de: prose(rng, 'de', code, 27, 890) },
      links: [{ title: `${code} documentation`, url: `https://docs.example.org/kernel/${id}` }],
      related: [],
    };
    entries.push(validate ? entrySchema.parse(raw) : raw);
  }
  return entries;
}

export function namesOfEntries(entries: readonly KnowledgeEntry[]): string[] {
  return entries.flatMap((e) => [e.id, e.title.en, e.title.de, ...e.aliases.en, ...e.aliases.de]);
}

/** Words per entry across the text fields, to check the generator's ~150. */
export function wordsPerEntry(entry: KnowledgeEntry): number {
  return [entry.summary.en, entry.summary.de, entry.talk?.claim.en ?? '', entry.talk?.claim.de ?? '', entry.since.en, entry.since.de].join(' ').split(/\s+/).filter(Boolean).length;
}
