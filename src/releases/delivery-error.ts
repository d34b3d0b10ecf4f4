import type { DeliveryError } from '../i18n/problems.ts';

/*
 * Why a post failed, as the ledger stores it (deliveries.error, subscriptions.disabled_reason): one
 * line of text that stays readable in the database and in logs, written and read back only here,
 * so /announce show can word it in the member's language.
 */

const DISCORD = /^(\d{1,3}) (.*)$/s;
const SEND_THREW = 'send threw: ';

export function deliveryErrorText(error: DeliveryError): string {
  switch (error.kind) {
    case 'discord':
      return `${error.status} ${error.reason}`;
    case 'send-threw':
      return `${SEND_THREW}${error.detail}`;
    case 'release-missing':
      return 'release data missing';
    case 'unsubscribed':
      return 'unsubscribed';
    case 'disabled':
      return 'disabled';
    case 'text':
      return error.text;
  }
}

export function parseDeliveryError(stored: string): DeliveryError {
  const discord = DISCORD.exec(stored);
  if (discord) return { kind: 'discord', status: Number(discord[1]), reason: discord[2]! };
  if (stored.startsWith(SEND_THREW)) return { kind: 'send-threw', detail: stored.slice(SEND_THREW.length) };
  if (stored === 'release data missing') return { kind: 'release-missing' };
  if (stored === 'unsubscribed' || stored === 'disabled') return { kind: stored };
  return { kind: 'text', text: stored };
}
