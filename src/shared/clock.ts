/** Time as a port: services take a Clock (and a Sleep) so tests can drive time instead of waiting for it. */

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
