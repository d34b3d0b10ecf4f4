import { readFileSync } from 'node:fs';

/** The real MAINTAINERS file is about 0.9 MB; the fixture's sections are scaled up to that size. */
const TARGET_BYTES = 900_000;

/**
 * A full-size MAINTAINERS built from the fixture's real sections: each copy gets its own title and
 * its paths moved under a per-copy directory (drivers/gpu/drm/i915/ → drivers/gpu/drm/i915-c17/),
 * so patterns, N: regexes and directory depths keep the real mix. THE REST stays once, at the end.
 */
export function fullSizeMaintainers(bytes = TARGET_BYTES): string {
  const fixture = readFileSync(new URL('../tests/fixtures/maintainers/MAINTAINERS', import.meta.url), 'utf8');
  const parts = fixture.split(/\n\n(?=\S[^\n]*\n[A-Z]:\t)/);
  const preamble = parts[0]!;
  const bodies = parts.slice(1).filter((p) => !p.startsWith('THE REST'));
  const rest = parts.slice(1).find((p) => p.startsWith('THE REST'))!;
  const copies: string[] = [];
  let size = preamble.length + rest.length;
  for (let copy = 0; size < bytes; copy++) {
    for (const body of bodies) {
      if (size >= bytes) break;
      size += body.length + 2;
      if (copy === 0) copies.push(body.trimEnd());
      else
        copies.push(
          body
            .trimEnd()
            .replace(/^([^\n]+)/, `$1 (copy ${copy})`)
            .replace(/^([FXN]:\t)([^/\n]+\/[^/\n]+)/gm, `$1$2-c${copy}`),
        );
    }
  }
  return `${preamble}\n${copies.join('\n\n')}\n\n${rest}`;
}
