import { describe, expect, it } from 'vitest';
import { loadConfig, ConfigError } from '../../src/config.ts';

describe('MAINTAINERS_URL and KERNEL_GIT_URL', () => {
  it('default to Linus’ tree on kernel.org’s git web', () => {
    const config = loadConfig({}, '');
    expect(config.MAINTAINERS_URL).toBe('https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git/plain/MAINTAINERS');
    expect(config.KERNEL_GIT_URL).toBe('https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git');
  });

  it('accept a loopback stand-in and drop a trailing slash from the git URL', () => {
    const config = loadConfig({ MAINTAINERS_URL: 'http://127.0.0.1:8080/MAINTAINERS', KERNEL_GIT_URL: 'http://127.0.0.1:8080/linux.git/' }, '');
    expect(config.KERNEL_GIT_URL).toBe('http://127.0.0.1:8080/linux.git');
  });

  it('reject anything else at start-up with one clear line each', () => {
    let problems: string[] = [];
    try {
      loadConfig({ MAINTAINERS_URL: 'file:///etc/passwd', KERNEL_GIT_URL: 'not a url' }, '');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      problems = (error as ConfigError).problems;
    }
    expect(problems).toEqual([expect.stringMatching(/^MAINTAINERS_URL must be an http\(s\) URL/), expect.stringMatching(/^KERNEL_GIT_URL must be an http\(s\) URL/)]);
  });
});
