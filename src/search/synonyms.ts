/**
 * Synonym groups, across languages. Every member maps to one canonical token ("_livepatch") that is
 * emitted beside the word at index and query time and is never fuzzy- or prefix-expanded.
 * Multi-word members are matched as phrases on the folded text.
 */
const SYNONYM_GROUPS: Record<string, string[]> = {
  livepatch: ['live patching', 'livepatching', 'livepatch', 'klp', 'kpatch', 'kgraft', 'live patch', 'live-patches', 'patchen ohne neustart'],
  filesystem: ['dateisystem', 'dateisysteme', 'dateisystemen', 'filesystem', 'filesystems', 'file system', 'file systems', 'fs'],
  driver: ['treiber', 'driver', 'drivers'],
  realtime: ['preempt_rt', 'preempt-rt', 'realtime', 'real-time', 'real time', 'echtzeit', 'echtzeitkernel', 'rt kernel', 'rt-kernel'],
  graphics: ['grafik', 'graphics', 'grafikkarte', 'grafikkarten', 'graphics card', 'gpu', 'gpus', 'grafikchip'],
  network: ['netzwerk', 'netzwerke', 'network', 'networking', 'networks', 'netz'],
  memory: ['arbeitsspeicher', 'memory', 'ram', 'hauptspeicher'],
  disk: ['festplatte', 'festplatten', 'hard disk', 'hard disks', 'hard drive', 'hard drives', 'hdd', 'disk', 'disks'],
  snapshot: ['snapshot', 'snapshots', 'schnappschuss', 'schnappschusse'],
  compression: ['kompression', 'komprimierung', 'compression', 'komprimieren', 'compress'],
  dedup: ['deduplizierung', 'deduplication', 'dedup', 'dedupe', 'deduplikation'],
  security: ['sicherheit', 'security', 'secure', 'sicher'],
  vulnerability: ['sicherheitslucke', 'sicherheitslucken', 'vulnerability', 'vulnerabilities', 'security hole', 'security holes', 'lucke', 'lucken', 'cve'],
  reboot: ['neustart', 'reboot', 'restart', 'rebooting', 'neu starten', 'neustarten'],
  vm: ['vm', 'vms', 'virtual machine', 'virtual machines', 'virtuelle maschine', 'virtuelle maschinen', 'gastsystem', 'guest'],
  performance: ['performance', 'leistung', 'geschwindigkeit', 'speed', 'tempo'],
  fan: ['lufter', 'lufterregelung', 'lufersteuerung', 'fan', 'fans', 'fan control', 'fan management'],
  monitor: ['monitor', 'monitore', 'display', 'displays', 'bildschirm', 'bildschirme'],
  y2038: ['y2038', 'y2k38', 'year 2038', 'jahr 2038', 'jahr-2038-problem', '2038'],
  ipc: ['ipc', 'interprocess communication', 'inter-process communication', 'interprozesskommunikation'],
  mptcp: ['mptcp', 'multipath tcp', 'multipath-tcp', 'multi-path tcp'],
  bpf: ['bpf', 'ebpf', 'extended bpf'],
  blkmq: ['blk-mq', 'blkmq', 'blk mq', 'multiqueue block layer', 'multi-queue block layer', 'blkmg'],
  smr: ['smr', 'shingled magnetic recording', 'shingled', 'schindel'],
  hugepage: ['huge page', 'huge pages', 'hugepage', 'hugepages', 'grosse speicherseite', 'grosse speicherseiten', 'thp'],
  touchpad: ['touchpad', 'touchpads', 'trackpad', 'clickpad'],
  wifi: ['wlan', 'wifi', 'wi-fi', 'wireless'],
  virtualization: ['virtualisierung', 'virtualization', 'virtualisation', 'hypervisor'],
  compile: ['compiler', 'kompilieren', 'compile', 'compiling', 'ubersetzen'],
  container: ['container', 'containers', 'containern'],
  developer: ['entwickler', 'developer', 'developers', 'programmierer', 'maintainer'],
  tracing: ['tracing', 'tracer', 'ablaufverfolgung'],
  repository: ['repository', 'repositories', 'repo', 'repos', 'paketquelle', 'paketquellen'],
};

export interface SynonymTable {
  /** folded single word → canonical token */
  words: Map<string, string>;
  /** folded phrases (several words) → canonical token */
  phrases: { phrase: RegExp; token: string; source: string }[];
}

export function buildSynonymTable(groups: Record<string, string[]> = SYNONYM_GROUPS): SynonymTable {
  const words = new Map<string, string>();
  const phrases: SynonymTable['phrases'] = [];
  for (const [name, members] of Object.entries(groups)) {
    const token = `_${name}`;
    for (const member of members) {
      if (/^[a-z0-9]+$/.test(member)) words.set(member, token);
      else phrases.push({ phrase: new RegExp(`(?:^|[^a-z0-9])${escapeRegExp(member)}(?:$|[^a-z0-9])`), token, source: member });
    }
  }
  return { words, phrases };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
