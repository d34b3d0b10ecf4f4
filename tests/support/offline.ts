import type { TestProject } from 'vitest/node';

/**
 * Where a test bot would reach kernel.org: a closed loopback port, so no test touches the network
 * (a refused connection is an ordinary failed fetch, which the bot logs and retries later). Tests
 * that need kernel.org start a loopback server and set these themselves.
 */
export const OFFLINE_KERNEL_ORG = {
  KERNEL_FEED_URL: 'http://127.0.0.1:1/feeds/kdist.xml',
  MAINTAINERS_URL: 'http://127.0.0.1:1/MAINTAINERS',
  KERNEL_GIT_URL: 'http://127.0.0.1:1/linux.git',
} as const;

/** Vitest global setup: processes the tests spawn (which inherit the environment) stay offline too. */
export default function setup(_project: TestProject): void {
  Object.assign(process.env, OFFLINE_KERNEL_ORG);
}
