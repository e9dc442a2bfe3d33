// Reads a JSON fixture of this project and walks the `$ref`s inside a JSON value.
import { readFileSync } from 'node:fs';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

const fixturesDirectory = new URL('../../fixtures/', import.meta.url);

export function readFixture(fileName: string): JsonObject {
  const parsed: unknown = JSON.parse(readFileSync(new URL(fileName, fixturesDirectory), 'utf8'));
  if (!isJsonObject(parsed)) throw new Error(`fixture ${fileName} is not a JSON object`);
  return parsed;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every `$ref` string found anywhere inside `value`. */
export function collectReferences(value: JsonValue, found: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) collectReferences(item, found);
  } else if (isJsonObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') found.add(child);
      else collectReferences(child, found);
    }
  }
  return found;
}

/** A deep copy of `value` in which every local `#/...` reference points into the document `documentId`. */
export function rebaseReferences(value: JsonValue, documentId: string): JsonValue {
  if (Array.isArray(value)) return value.map((item) => rebaseReferences(item, documentId));
  if (!isJsonObject(value)) return value;
  const copy: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    copy[key] = key === '$ref' && typeof child === 'string' && child.startsWith('#') ? `${documentId}${child}` : rebaseReferences(child, documentId);
  }
  return copy;
}
