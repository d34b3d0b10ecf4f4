import { texts } from './catalogue.ts';
import { ANNOUNCE } from './announce.ts';
import type { TextResponse } from '../shared/http.ts';

/** Why the last MAINTAINERS fetch failed: the HTTP failure or an answer that is no MAINTAINERS file; `message` is the log's wording. */
export interface MaintainersFailure {
  reason: Extract<TextResponse, { status: 'error' }>['reason'] | 'not-maintainers';
  httpStatus?: number;
  message: string;
}

/** Texts of the kernel lookups: /maintainers, /syscall, /errno, the /ask pointer to /maintainers, and /refs replies. */
export const LOOKUPS = texts(
  {
    maintainersOf: (path: string) => `Maintainers of ${path}`,
    subsystem: 'Subsystem',
    status: 'Status',
    maintainers: 'Maintainers',
    reviewers: 'Reviewers',
    lists: 'Lists',
    trees: 'Tree',
    web: 'Web',
    files: 'Files',
    matched: 'Matched by',
    more: (n: number) => `+${n} more`,
    rest: 'Everything also goes to THE REST',
    furtherSections: 'Further sections',
    otherMatches: 'Other matches',
    noMatch: (q: string) => `No path or subsystem in MAINTAINERS matches “${q}”.`,
    tryPath: 'Give a path inside the kernel tree (fs/btrfs/inode.c, drivers/gpu/drm/i915/) or a subsystem name (btrfs).',
    onlyRest: 'No specific section covers this path; it falls to THE REST.',
    /** No file stored yet: the bot fetches at start and then daily; the terminal fetches at a lookup. */
    missing: {
      daily: {
        notYet: 'The MAINTAINERS file has not been fetched from kernel.org yet (the bot fetches it at start and then once a day). Please try again in a minute.',
        failed: 'The bot could not fetch the MAINTAINERS file from kernel.org yet; it tries again after 5 minutes, then at growing intervals (at least every 4 hours).',
      },
      onDemand: {
        notYet: 'No MAINTAINERS file is stored yet and kernel.org sent none; the next /maintainers tries again.',
        failed: 'The MAINTAINERS file could not be fetched from kernel.org just now; the next /maintainers tries again.',
      },
    },
    lastError: 'Last attempt',
    /** English shows the log's own wording (URL and details included). */
    maintainersFailure: (f: MaintainersFailure) => f.message,
    source: (date: string) => `From MAINTAINERS as of ${date}; \`scripts/get_maintainer.pl\` in a kernel tree adds people from the git history.`,
    syscallTitle: (name: string) => `System call ${name}`,
    notImplemented: 'reserved or not implemented',
    arguments: 'Arguments',
    argsUnknown: 'architecture-specific entry point; see the man page',
    argsVary: 'the argument order differs between architectures',
    manPage: 'Man page',
    syscallNotFound: (q: string, arch: string | null) => `No system call “${q}”${arch ? ` on ${arch}` : ''} in the shipped tables.`,
    didYouMean: 'Did you mean',
    numberHint: 'A number is looked up on x86_64 unless you choose an architecture.',
    syscallUnknownArch: (arch: string, known: string) => `“${arch}” is not an architecture in the shipped tables; choose one of ${known}.`,
    tables: 'Tables',
    errnoTitle: (name: string, nr: number) => `${name} (${nr})`,
    errnoMeaning: 'Meaning',
    errnoUsage: (name: string, nr: number) => `Kernel functions return it as -${name} (-${nr}); user space sees errno ${nr}.`,
    errnoKernelOnly: 'Kernel-internal (include/linux/errno.h): it should never reach user space.',
    alsoCalled: 'Also called',
    errnoNotFound: (q: string) => `“${q}” is not an errno name or number I know (e.g. EBUSY, -16).`,
    maintainerPointer: (command: string) => `Who maintains what is recorded in the kernel's MAINTAINERS file: use \`${command}\` (with a path such as fs/btrfs/inode.c or a subsystem name).`,
    refTagged: (tags: string) => `tagged ${tags}`,
    refAnnounced: (date: string) => `announced ${date}`,
    refFixedIn: (versions: string) => `fixed in ${versions}`,
  },
  {
    maintainersOf: (path: string) => `Zuständig für ${path}`,
    subsystem: 'Subsystem',
    status: 'Status',
    maintainers: 'Maintainer',
    reviewers: 'Reviewer',
    lists: 'Mailinglisten',
    trees: 'Tree',
    web: 'Web',
    files: 'Dateien',
    matched: 'Gefunden über',
    more: (n: number) => `+${n} weitere`,
    rest: 'Alles geht zusätzlich an THE REST',
    furtherSections: 'Weitere Abschnitte',
    otherMatches: 'Weitere Treffer',
    noMatch: (q: string) => `Kein Pfad und kein Subsystem in MAINTAINERS passt zu „${q}“.`,
    tryPath: 'Gib einen Pfad im Kernel-Quellbaum (fs/btrfs/inode.c, drivers/gpu/drm/i915/) oder einen Subsystem-Namen (btrfs) an.',
    onlyRest: 'Kein eigener Abschnitt deckt diesen Pfad ab; er fällt unter THE REST.',
    missing: {
      daily: {
        notYet: 'Die MAINTAINERS-Datei wurde noch nicht von kernel.org geladen (der Bot lädt sie beim Start und dann einmal täglich). Bitte versuch es in einer Minute noch einmal.',
        failed: 'Der Bot konnte die MAINTAINERS-Datei noch nicht von kernel.org laden; er versucht es nach 5 Minuten erneut, danach in wachsenden Abständen (mindestens alle 4 Stunden).',
      },
      onDemand: {
        notYet: 'Es ist noch keine MAINTAINERS-Datei gespeichert, und kernel.org hat keine geschickt; das nächste /maintainers versucht es erneut.',
        failed: 'Die MAINTAINERS-Datei ließ sich gerade nicht von kernel.org laden; das nächste /maintainers versucht es erneut.',
      },
    },
    lastError: 'Letzter Versuch',
    // A failed request is worded as a failed feed fetch is; only the answers that are no usable file differ.
    maintainersFailure: (f: MaintainersFailure) =>
      f.reason === 'not-maintainers' ? 'die Antwort ist keine MAINTAINERS-Datei' : f.reason === 'too-large' ? 'die Antwort war zu groß' : ANNOUNCE.de.feedFailure(f.reason, f.httpStatus),
    source: (date: string) => `Aus MAINTAINERS mit Stand ${date}; \`scripts/get_maintainer.pl\` in einem Kernel-Quellbaum ergänzt Personen aus der Git-Historie.`,
    syscallTitle: (name: string) => `Systemaufruf ${name}`,
    notImplemented: 'reserviert oder nicht implementiert',
    arguments: 'Argumente',
    argsUnknown: 'architekturspezifischer Einsprungpunkt; siehe Manpage',
    argsVary: 'die Reihenfolge der Argumente unterscheidet sich zwischen Architekturen',
    manPage: 'Manpage',
    syscallNotFound: (q: string, arch: string | null) => `Keinen Systemaufruf „${q}“${arch ? ` auf ${arch}` : ''} in den mitgelieferten Tabellen gefunden.`,
    didYouMean: 'Meintest du',
    numberHint: 'Eine Nummer wird auf x86_64 nachgeschlagen, außer du wählst eine Architektur.',
    syscallUnknownArch: (arch: string, known: string) => `„${arch}“ ist keine Architektur der mitgelieferten Tabellen; wähle eine von ${known}.`,
    tables: 'Tabellen',
    errnoTitle: (name: string, nr: number) => `${name} (${nr})`,
    errnoMeaning: 'Bedeutung',
    errnoUsage: (name: string, nr: number) => `Kernel-Funktionen geben ihn als -${name} (-${nr}) zurück; im Userspace steht errno ${nr}.`,
    errnoKernelOnly: 'Nur kernelintern (include/linux/errno.h): sollte nie im Userspace ankommen.',
    alsoCalled: 'Auch',
    errnoNotFound: (q: string) => `„${q}“ ist kein errno-Name und keine errno-Nummer, die ich kenne (z. B. EBUSY, -16).`,
    maintainerPointer: (command: string) => `Wer etwas betreut, steht in der MAINTAINERS-Datei des Kernels: nutze \`${command}\` (mit einem Pfad wie fs/btrfs/inode.c oder einem Subsystem-Namen).`,
    refTagged: (tags: string) => `Tag ${tags}`,
    refAnnounced: (date: string) => `angekündigt ${date}`,
    refFixedIn: (versions: string) => `behoben in ${versions}`,
  },
);
