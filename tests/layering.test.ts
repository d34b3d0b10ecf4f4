import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { join } from 'node:path';
import { ROOT } from './support/run.ts';

/**
 * The folder rules in eslint.config.js (`npm run lint`, run by .ci/run) must fire: lint small
 * sources placed, by path, in the folders the rules guard.
 */
// The sources are not files of the TypeScript project, so type-aware rules are left out; the folder rules need no types.
const eslint = new ESLint({ cwd: ROOT, overrideConfig: [tseslint.configs.disableTypeChecked] });

async function layeringErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: join(ROOT, filePath) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layering rules', () => {
  it('keep the store away from the release core', async () => {
    const errors = await layeringErrors('src/store/example.ts', "import { SAMPLE_RELEASE } from '../releases/sample.ts';\nexport const x = SAMPLE_RELEASE;\n");
    expect(errors).toEqual([expect.stringContaining('src/store must not import src/releases')]);
  });

  it('keep the knowledge loader away from the search index', async () => {
    const errors = await layeringErrors('src/knowledge/example.ts', "import { tokenize } from '../search/text.ts';\nexport const x = tokenize;\n");
    expect(errors).toEqual([expect.stringContaining('src/knowledge must not import src/search')]);
  });

  it('keep the reply model away from the feed module', async () => {
    const errors = await layeringErrors('src/answers/example.ts', "import { currentReleases } from '../releases/current.ts';\nexport const x = currentReleases;\n");
    expect(errors).toEqual([expect.stringContaining('src/answers must not import src/releases')]);
  });

  it('keep the text catalogue below every service, type imports included', async () => {
    const errors = await layeringErrors('src/i18n/example.ts', "import type { DeliveryStatus } from '../store/deliveries-repo.ts';\nexport type X = DeliveryStatus;\n");
    expect(errors).toEqual([expect.stringContaining('src/i18n must not import src/store')]);
  });

  it('keep discord.js, Discord payload types and the adapter out of every core folder, nested files included', async () => {
    expect(await layeringErrors('src/search/example.ts', "import { Client } from 'discord.js';\nexport const x = Client;\n")).toEqual([expect.stringContaining('src/search is core')]);
    expect(await layeringErrors('src/releases/example.ts', "import type { APIEmbed } from 'discord-api-types/v10';\nexport type X = APIEmbed;\n")).toEqual([
      expect.stringContaining('src/releases is core'),
    ]);
    expect(await layeringErrors('src/kernel/refs/example.ts', "import { embedLength } from '../../discord/policy.ts';\nexport const x = embedLength;\n")).toEqual([
      expect.stringContaining('src/kernel is core and must not import the discord adapter'),
    ]);
  });

  it('keep command handlers off discord.js and the adapters', async () => {
    expect(await layeringErrors('commands/example.ts', "import { Client } from 'discord.js';\nexport const x = Client;\n")).toEqual([expect.stringContaining('neutral reply model')]);
    expect(await layeringErrors('commands/example.ts', "import { renderDiscord } from '../src/discord/render.ts';\nexport const x = renderDiscord;\n")).toEqual([
      expect.stringContaining('must not import an adapter'),
    ]);
    expect(await layeringErrors('commands/example.ts', "import { ApplicationCommandOptionType } from 'discord-api-types/v10';\nexport const x = ApplicationCommandOptionType.String;\n")).toEqual([]);
  });

  it('let the adapter and the shared module be imported where they belong', async () => {
    expect(
      await layeringErrors('src/discord/example.ts', "import { Client } from 'discord.js';\nimport { SAMPLE_RELEASE } from '../releases/sample.ts';\nexport const x = [Client, SAMPLE_RELEASE];\n"),
    ).toEqual([]);
    expect(await layeringErrors('src/store/example.ts', "import { seriesOf } from '../shared/kernel-version.ts';\nexport const x = seriesOf;\n")).toEqual([]);
  });
});
