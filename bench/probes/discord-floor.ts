/**
 * The floor under the bot's idle memory: only what the design card fixes — a discord.js client with
 * the bot's intents, logged in, and a node-cron schedule — and none of the bot. The discord section
 * bundles it as the bot is bundled and starts it with the start script's node flags.
 */
import { Client, GatewayIntentBits } from 'discord.js';
import cron from 'node-cron';

const client = new Client({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages], rest: { api: process.env.DISCORD_API_BASE! } });
cron.schedule('0 0 1 1 *', () => undefined);
await client.login(process.env.DISCORD_TOKEN);
