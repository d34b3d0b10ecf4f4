/** Discord permission arithmetic: base permissions from roles, then channel overwrites. */
import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { PermissionInput } from './types.ts';

export const P = PermissionFlagsBits;
const ALL_PERMISSIONS = Object.values(PermissionFlagsBits).reduce((a, b) => a | b, 0n);

/** Roughly Discord's default @everyone permissions for a new guild. */
export const DEFAULT_EVERYONE =
  P.CreateInstantInvite |
  P.AddReactions |
  P.Stream |
  P.ViewChannel |
  P.SendMessages |
  P.EmbedLinks |
  P.AttachFiles |
  P.ReadMessageHistory |
  P.UseExternalEmojis |
  P.Connect |
  P.Speak |
  P.UseVAD |
  P.ChangeNickname |
  P.UseApplicationCommands |
  P.RequestToSpeak |
  P.CreatePublicThreads |
  P.CreatePrivateThreads |
  P.UseExternalStickers |
  P.SendMessagesInThreads |
  P.UseEmbeddedActivities;

export function toBits(input: PermissionInput | undefined | null): bigint {
  if (input === undefined || input === null) return 0n;
  if (typeof input === 'bigint') return input;
  if (typeof input === 'number') return BigInt(input);
  if (typeof input === 'string') {
    if (/^\d+$/.test(input)) return BigInt(input);
    return flag(input);
  }
  return input.reduce((acc, name) => acc | (/^\d+$/.test(name) ? BigInt(name) : flag(name)), 0n);
}

function flag(name: string): bigint {
  const bits = (PermissionFlagsBits as Record<string, bigint>)[name];
  if (bits === undefined) throw new Error(`fake-discord: unknown permission flag ${name}`);
  return bits;
}

export interface RoleLike {
  id: string;
  permissions: string;
}
export interface OverwriteLike {
  id: string;
  type: number;
  allow: string;
  deny: string;
}

/** Guild-level permissions of a member (owner and administrator get everything). */
export function basePermissions(opts: { guildId: string; ownerId: string; userId: string; roles: RoleLike[]; memberRoleIds: string[] }): bigint {
  if (opts.userId === opts.ownerId) return ALL_PERMISSIONS;
  const everyone = opts.roles.find((r) => r.id === opts.guildId);
  let perms = BigInt(everyone?.permissions ?? '0');
  for (const r of opts.roles) if (opts.memberRoleIds.includes(r.id)) perms |= BigInt(r.permissions);
  if ((perms & P.Administrator) === P.Administrator) return ALL_PERMISSIONS;
  return perms;
}

/** Applies channel overwrites to base permissions, the way Discord documents it. */
export function applyOverwrites(base: bigint, opts: { guildId: string; userId: string; memberRoleIds: string[]; overwrites: OverwriteLike[] }): bigint {
  if ((base & P.Administrator) === P.Administrator) return ALL_PERMISSIONS;
  let perms = base;
  const everyone = opts.overwrites.find((o) => o.id === opts.guildId && o.type === 0);
  if (everyone) {
    perms &= ~BigInt(everyone.deny);
    perms |= BigInt(everyone.allow);
  }
  let allow = 0n;
  let deny = 0n;
  for (const o of opts.overwrites) {
    if (o.type === 0 && o.id !== opts.guildId && opts.memberRoleIds.includes(o.id)) {
      allow |= BigInt(o.allow);
      deny |= BigInt(o.deny);
    }
  }
  perms &= ~deny;
  perms |= allow;
  const member = opts.overwrites.find((o) => o.id === opts.userId && o.type === 1);
  if (member) {
    perms &= ~BigInt(member.deny);
    perms |= BigInt(member.allow);
  }
  // Implicit permission: without VIEW_CHANNEL nothing else applies in the channel.
  if ((perms & P.ViewChannel) === 0n) return 0n;
  return perms;
}

export function has(perms: bigint, bits: bigint): boolean {
  return (perms & bits) === bits;
}
