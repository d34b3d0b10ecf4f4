/** REST routes: gateway discovery, users, application, application commands, guilds. */
import { validateCommand, validateCommandList } from './limits.ts';
import { guildObject, memberObject, Intents } from './payloads.ts';
import type { RouteContext, RouteDef } from './rest.ts';
import { DiscordHttpError, ERR, isRecord } from './util.ts';
import type { Host } from './host.ts';

function applicationObject(host: Host): Record<string, unknown> {
  return {
    id: host.applicationId,
    name: host.state.botUser.username,
    icon: null,
    description: '',
    summary: '',
    type: null,
    bot_public: true,
    bot_require_code_grant: false,
    verify_key: '0'.repeat(64),
    flags: host.applicationFlags,
    owner: { id: '1', username: 'owner', discriminator: '0', avatar: null, global_name: null, public_flags: 0, flags: 0 },
    team: null,
    bot: host.state.botUser,
    approximate_guild_count: host.state.guilds.size,
    install_params: null,
    integration_types_config: { '0': {} },
    tags: [],
    event_webhooks_status: 1,
    hook: true,
    interactions_endpoint_url: null,
    redirect_uris: [],
  };
}

function checkApp(ctx: RouteContext): void {
  if (ctx.params.app !== ctx.host.applicationId) {
    throw new DiscordHttpError(403, 20012, 'You are not authorized to perform this action on this application');
  }
}

function guildScope(ctx: RouteContext): string | undefined {
  checkApp(ctx);
  const guildId = ctx.params.guild;
  if (guildId === undefined) return undefined;
  if (!ctx.host.state.guilds.has(guildId)) throw ERR.unknownGuild();
  return guildId;
}

const listCommands = (ctx: RouteContext) => ({ status: 200, body: ctx.host.state.commandList(guildScope(ctx)) });

const putCommands = (ctx: RouteContext) => {
  const guildId = guildScope(ctx);
  const body = validateCommandList(ctx.body);
  const list = ctx.host.state.commandList(guildId);
  const next = body.map((b) =>
    ctx.host.state.materializeCommand(
      b,
      guildId,
      list.find((c) => c.name === b.name && c.type === ((b.type as number | undefined) ?? 1)),
    ),
  );
  list.splice(0, list.length, ...next);
  ctx.host.emit('commandsRegistered', { guildId: guildId ?? null, commands: next });
  return { status: 200, body: next };
};

const postCommand = (ctx: RouteContext) => {
  const guildId = guildScope(ctx);
  const body = validateCommand(ctx.body);
  const list = ctx.host.state.commandList(guildId);
  const type = (body.type as number | undefined) ?? 1;
  const i = list.findIndex((c) => c.name === body.name && c.type === type);
  const cmd = ctx.host.state.materializeCommand(body, guildId, i >= 0 ? list[i] : undefined);
  if (i >= 0) list[i] = cmd;
  else list.push(cmd);
  ctx.host.emit('commandsRegistered', { guildId: guildId ?? null, commands: [...list] });
  return { status: i >= 0 ? 200 : 201, body: cmd };
};

const findCommand = (ctx: RouteContext) => {
  const guildId = guildScope(ctx);
  const list = ctx.host.state.commandList(guildId);
  const i = list.findIndex((c) => c.id === ctx.params.command);
  if (i < 0) throw ERR.unknownCommand();
  return { list, i, guildId };
};

const getCommand = (ctx: RouteContext) => {
  const { list, i } = findCommand(ctx);
  return { status: 200, body: list[i] };
};

const patchCommand = (ctx: RouteContext) => {
  const { list, i, guildId } = findCommand(ctx);
  const current = list[i] as Record<string, unknown>;
  const merged = { ...current, ...(isRecord(ctx.body) ? ctx.body : {}) };
  delete merged.id;
  validateCommand(merged);
  list[i] = ctx.host.state.materializeCommand(merged, guildId, current);
  return { status: 200, body: list[i] };
};

const deleteCommand = (ctx: RouteContext) => {
  const { list, i } = findCommand(ctx);
  list.splice(i, 1);
  return { status: 204 };
};

function guildOr404(ctx: RouteContext) {
  const guild = ctx.host.state.guilds.get(ctx.params.guild ?? '');
  if (!guild) throw ERR.unknownGuild();
  return guild;
}

export const miscRoutes: RouteDef[] = [
  {
    method: 'GET',
    route: '/gateway',
    auth: false,
    handler: (ctx) => ({ status: 200, body: { url: ctx.host.wsUrl() } }),
  },
  {
    method: 'GET',
    route: '/gateway/bot',
    handler: (ctx) => ({
      status: 200,
      body: {
        url: ctx.host.wsUrl(),
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
      },
    }),
  },
  { method: 'GET', route: '/users/@me', handler: (ctx) => ({ status: 200, body: ctx.host.state.botUser }) },
  {
    method: 'GET',
    route: '/users/:user',
    handler: (ctx) => {
      const user = ctx.host.state.users.get(ctx.params.user ?? '');
      if (!user) throw ERR.unknownUser();
      return { status: 200, body: user };
    },
  },
  { method: 'GET', route: '/applications/@me', handler: (ctx) => ({ status: 200, body: applicationObject(ctx.host) }) },
  { method: 'GET', route: '/oauth2/applications/@me', handler: (ctx) => ({ status: 200, body: applicationObject(ctx.host) }) },
  { method: 'GET', route: '/applications/:app/commands', handler: listCommands },
  { method: 'PUT', route: '/applications/:app/commands', handler: putCommands },
  { method: 'POST', route: '/applications/:app/commands', handler: postCommand },
  { method: 'GET', route: '/applications/:app/commands/:command', handler: getCommand },
  { method: 'PATCH', route: '/applications/:app/commands/:command', handler: patchCommand },
  { method: 'DELETE', route: '/applications/:app/commands/:command', handler: deleteCommand },
  { method: 'GET', route: '/applications/:app/guilds/:guild/commands', handler: listCommands },
  { method: 'PUT', route: '/applications/:app/guilds/:guild/commands', handler: putCommands },
  { method: 'POST', route: '/applications/:app/guilds/:guild/commands', handler: postCommand },
  { method: 'GET', route: '/applications/:app/guilds/:guild/commands/:command', handler: getCommand },
  { method: 'PATCH', route: '/applications/:app/guilds/:guild/commands/:command', handler: patchCommand },
  { method: 'DELETE', route: '/applications/:app/guilds/:guild/commands/:command', handler: deleteCommand },
  {
    method: 'GET',
    route: '/guilds/:guild',
    handler: (ctx) => {
      const guild = guildOr404(ctx);
      return { status: 200, body: guildObject(guild) };
    },
  },
  {
    method: 'GET',
    route: '/guilds/:guild/channels',
    handler: (ctx) => {
      const guild = guildOr404(ctx);
      return { status: 200, body: ctx.host.state.guildChannels(guild.id) };
    },
  },
  {
    method: 'GET',
    route: '/guilds/:guild/threads/active',
    handler: (ctx) => {
      const guild = guildOr404(ctx);
      return { status: 200, body: { threads: ctx.host.state.guildThreads(guild.id), members: [] } };
    },
  },
  {
    method: 'GET',
    route: '/guilds/:guild/roles',
    handler: (ctx) => ({ status: 200, body: guildOr404(ctx).roles }),
  },
  {
    method: 'GET',
    route: '/guilds/:guild/members/:user',
    handler: (ctx) => {
      const member = guildOr404(ctx).members.get(ctx.params.user ?? '');
      if (!member) throw ERR.unknownMember();
      return { status: 200, body: memberObject(member) };
    },
  },
  {
    method: 'GET',
    route: '/guilds/:guild/members',
    handler: (ctx) => {
      const guild = guildOr404(ctx);
      if ((ctx.host.allowedPrivilegedIntents & Intents.GuildMembers) === 0) throw ERR.missingAccess();
      const limit = Number(ctx.query.get('limit') ?? 1);
      return { status: 200, body: [...guild.members.values()].slice(0, limit).map((m) => memberObject(m)) };
    },
  },
];
