import type { Moniker, ReleaseKind } from './release.ts';

/** Helpers that derive facts from a version string alone: kind, series, rc number, git/diff links. */

const RC = /^(\d+\.\d+)-rc(\d+)$/;
const NEXT = /^next-\d{8}$/;

export function kindOf(version: string, moniker: Moniker): ReleaseKind {
  if (moniker === 'linux-next' || NEXT.test(version)) return 'linux-next';
  if (RC.test(version)) return 'rc';
  return moniker;
}

/** "6.19-rc1" → { rc: 1, of: "6.19" }; undefined for anything that is not a release candidate. */
export function rcInfo(version: string): { rc: number; of: string } | undefined {
  const match = RC.exec(version);
  return match ? { rc: Number(match[2]), of: match[1]! } : undefined;
}

/** The series a release belongs to: "6.17.12" → "6.17", "2.6.32.71" → "2.6.32", "6.19-rc1" → "6.19". */
export function seriesOf(version: string): string {
  if (NEXT.test(version)) return version;
  const base = version.replace(/-rc\d+$/, '');
  const parts = base.split('.');
  const width = parts[0] === '2' ? 3 : 2;
  return parts.slice(0, width).join('.');
}

/** The first two numbers of a version: "6.17.12" → [6, 17], "5.25" → [5, 25], "6.19-rc1" → [6, 19]. */
export function majorMinor(version: string): [major: number, minor: number] {
  const [major = NaN, minor = NaN] = version
    .replace(/-rc\d+$/, '')
    .split('.')
    .map(Number);
  return [major, minor];
}

/** Final mainline releases before a new major number: the diff base cannot be computed from the number. */
const PREVIOUS_MAINLINE: Record<string, string> = { '3.0': '2.6.39', '4.0': '3.19', '5.0': '4.20', '6.0': '5.19' };

function previousMainline(series: string): string | undefined {
  if (PREVIOUS_MAINLINE[series]) return PREVIOUS_MAINLINE[series];
  const [major, minor] = majorMinor(series);
  if (!Number.isInteger(major) || !Number.isInteger(minor) || minor === 0) return undefined;
  return major === 2 ? undefined : `${major}.${minor - 1}`;
}

/** The release a version's diff is against, as kernel.org's releases.json "diffview" does it. */
function diffBase(version: string, kind: ReleaseKind, fullPatchUrl?: string): string | undefined {
  const rc = rcInfo(version);
  if (rc) {
    if (rc.rc > 1) return `${rc.of}-rc${rc.rc - 1}`;
    // rc1's full patch is git.kernel.org/torvalds/p/v6.19-rc1/v6.18: its base is in the link.
    const fromPatch = fullPatchUrl ? /\/p\/v[^/]+\/v([^/?#]+)$/.exec(fullPatchUrl)?.[1] : undefined;
    return fromPatch ?? previousMainline(rc.of);
  }
  if (kind === 'mainline') return previousMainline(version);
  if (kind === 'stable' || kind === 'longterm') {
    const parts = version.split('.');
    const last = Number(parts.at(-1));
    const isFirstLevelOfSeries = parts.length === (parts[0] === '2' ? 4 : 3);
    if (!isFirstLevelOfSeries || !Number.isInteger(last)) return undefined;
    return last > 1 ? [...parts.slice(0, -1), String(last - 1)].join('.') : parts.slice(0, -1).join('.');
  }
  return undefined;
}

export function gitLinks(version: string, kind: ReleaseKind, fullPatchUrl?: string): { git: string; diff?: string } {
  if (kind === 'linux-next') return { git: `https://git.kernel.org/next/linux-next/h/${version}` };
  const tree = kind === 'stable' || kind === 'longterm' ? 'stable' : 'torvalds';
  const base = diffBase(version, kind, fullPatchUrl);
  return {
    git: `https://git.kernel.org/${tree}/h/v${version}`,
    ...(base ? { diff: `https://git.kernel.org/${tree}/ds/v${version}/v${base}` } : {}),
  };
}

/** kernelnewbies.org names pages Linux_6.18 (and Linux_2_6_39 for the 2.6 era). */
export function kernelnewbiesUrl(version: string): string {
  const page = version.startsWith('2.') ? version.replaceAll('.', '_') : version;
  return `https://kernelnewbies.org/Linux_${page}`;
}

/** Orders versions numerically, rc before final (6.19-rc1 < 6.19 < 6.19.1); linux-next by date. */
export function compareVersions(a: string, b: string): number {
  const key = (v: string): number[] => {
    if (NEXT.test(v)) return [Number(v.slice(5))];
    const rc = /-rc(\d+)$/.exec(v);
    const nums = v
      .replace(/-rc\d+$/, '')
      .split('.')
      .map(Number);
    while (nums.length < 4) nums.push(0);
    // rc sorts below the final release: final gets a large sentinel.
    nums.push(rc ? Number(rc[1]) : 1e6);
    return nums;
  };
  const ka = key(a);
  const kb = key(b);
  for (let i = 0; i < Math.max(ka.length, kb.length); i++) {
    const d = (ka[i] ?? 0) - (kb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
