import type { Release } from '../shared/release.ts';

/** A real past release (6.18, from kernel.org's feed) used to show what announcements look like. */
export const SAMPLE_RELEASE: Release = {
  version: '6.18',
  moniker: 'mainline',
  kind: 'mainline',
  released: new Date('2025-11-30T22:00:00Z'),
  eol: false,
  links: {
    tarball: 'https://cdn.kernel.org/pub/linux/kernel/v6.x/linux-6.18.tar.xz',
    signature: 'https://cdn.kernel.org/pub/linux/kernel/v6.x/linux-6.18.tar.sign',
    patch: 'https://cdn.kernel.org/pub/linux/kernel/v6.x/patch-6.18.xz',
    git: 'https://git.kernel.org/torvalds/h/v6.18',
    diff: 'https://git.kernel.org/torvalds/ds/v6.18/v6.17',
    kernelnewbies: 'https://kernelnewbies.org/Linux_6.18',
  },
};
