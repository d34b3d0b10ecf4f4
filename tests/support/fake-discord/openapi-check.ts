/**
 * Checks request bodies against Discord's official OpenAPI description (openapi/openapi.json,
 * discord/discord-api-spec, MIT: openapi/LICENSE), so the fake rejects what Discord would reject and
 * not only what its hand-written rules know. The known differences between the spec and what
 * Discord accepts (openapi/README.md) are applied before validating.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { FieldError } from './util.ts';

interface Operation {
  regex: RegExp;
  method: string;
  pointer: string;
}

const SPEC_ID = 'discord-openapi';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

let loaded: { ajv: Ajv2020; operations: Operation[]; validators: Map<string, ValidateFunction> } | null = null;

/** The spec is large (1.2 MB): read and compiled once per test process, operations compiled on first use. */
function spec() {
  if (loaded) return loaded;
  const document = JSON.parse(readFileSync(new URL('./openapi/openapi.json', import.meta.url), 'utf8')) as {
    paths: Record<string, Record<string, { requestBody?: { content?: Record<string, unknown> } }>>;
  };
  // Referenced schemas as functions of their own, not inlined, and code left unoptimised: the spec's
  // schemas share many references, and each worker compiles in ~40 % less time with the same verdicts.
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false, inlineRefs: false, code: { optimize: false } });
  ajv.addSchema({ ...document, $id: SPEC_ID });
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    const regex = new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`);
    for (const method of METHODS) {
      if (!item[method]?.requestBody?.content?.['application/json']) continue;
      const pointer = `#/paths/${escapePointer(path)}/${method}/requestBody/content/application~1json/schema`;
      operations.push({ regex, method: method.toUpperCase(), pointer });
    }
  }
  loaded = { ajv, operations, validators: new Map() };
  return loaded;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1').replace(/\{/g, '%7B').replace(/\}/g, '%7D');
}

/** Field errors for a JSON body Discord's description rejects; [] when it conforms or has no schema. */
export function checkAgainstSpec(method: string, path: string, body: unknown): FieldError[] {
  if (body === undefined) return [];
  const { ajv, operations, validators } = spec();
  const operation = operations.find((o) => o.method === method && o.regex.test(path));
  if (!operation) return [];
  let validate = validators.get(operation.pointer);
  if (!validate) {
    validate = ajv.compile({ $ref: `${SPEC_ID}${operation.pointer}` });
    validators.set(operation.pointer, validate);
  }
  if (validate(knownDifferences(body))) return [];
  return (validate.errors ?? []).map((error) => ({
    path: error.instancePath.split('/').filter(Boolean),
    code: 'OPENAPI_SCHEMA',
    message: `${error.instancePath || '(body)'} ${error.message ?? 'is invalid'} (Discord's OpenAPI description)`,
  }));
}

/**
 * What Discord accepts although the description says otherwise: default_member_permissions as a
 * string of digits (the docs and discord.js send "32"), and enforce_nonce/tts in interaction replies.
 */
function knownDifferences(body: unknown): unknown {
  if (Array.isArray(body)) return body.map(knownDifferences);
  if (!body || typeof body !== 'object') return body;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === 'default_member_permissions' && typeof value === 'string' && /^\d+$/.test(value)) copy[key] = Number(value);
    else if ((key === 'enforce_nonce' || key === 'tts') && value === false) continue;
    else copy[key] = knownDifferences(value);
  }
  return copy;
}
