import type { TestProject } from 'vitest/node';
import { startingPostgres } from './postgres-global-setup.ts';

/** Vitest global setup, after the others: waits until the run's Postgres is up and hands its URL to the tests. */
export default async function setup(project: TestProject): Promise<void> {
  const server = await startingPostgres;
  if (server) project.provide('postgresUrl', server.url);
}
