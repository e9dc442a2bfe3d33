// Builds, from a description's definitions, an example body that carries every property with a valid value.
import { isJsonObject } from './json-document.js';
import type { JsonObject, JsonValue } from './json-document.js';

const exampleIdentifier = '3f2c6b1e-8d4a-4c7e-9b1a-2e5d7f9a0c41';
const exampleTime = '2025-06-01T12:00:00.123456Z';

export class DescriptionExample {
  constructor(private readonly definitions: JsonObject) {}

  /** An example of the definition named `name` (e.g. `codersdk.Workspace`). */
  of(name: string): JsonValue {
    return this.build({ $ref: `#/definitions/${name}` }, 0);
  }

  private resolve(reference: string): JsonObject {
    const name = reference.slice(reference.lastIndexOf('/') + 1);
    const definition = this.definitions[name];
    if (!isJsonObject(definition)) throw new Error(`no definition ${name}`);
    return definition;
  }

  private build(schema: JsonObject, depth: number): JsonValue {
    if (depth > 60) throw new Error('description nests deeper than expected');
    if (Array.isArray(schema['enum']) && schema['enum'].length > 0) return schema['enum'][0] ?? null;
    if (typeof schema['$ref'] === 'string') return this.build(this.resolve(schema['$ref']), depth + 1);
    for (const combinator of ['allOf', 'anyOf', 'oneOf']) {
      const options = schema[combinator];
      if (Array.isArray(options)) {
        // The first option that is not `null` describes the value.
        const option = options.find((candidate) => isJsonObject(candidate) && candidate['type'] !== 'null');
        if (isJsonObject(option)) return this.build(option, depth + 1);
      }
    }
    const type = Array.isArray(schema['type']) ? schema['type'].find((candidate) => candidate !== 'null') : schema['type'];
    switch (type) {
      case 'string':
        if (schema['format'] === 'uuid') return exampleIdentifier;
        if (schema['format'] === 'date-time') return exampleTime;
        return 'example';
      case 'integer':
        return 1;
      case 'number':
        return 1.5;
      case 'boolean':
        return true;
      case 'array': {
        const items = schema['items'];
        // One item where the item is an object definition, so nested objects get exercised too.
        if (isJsonObject(items) && typeof items['$ref'] === 'string' && items['enum'] === undefined) {
          const target = this.resolve(items['$ref']);
          if (target['type'] === 'object') return [this.build(items, depth + 1)];
        }
        return [];
      }
      default: {
        const properties = schema['properties'];
        const example: JsonObject = {};
        if (isJsonObject(properties)) {
          for (const [name, property] of Object.entries(properties)) {
            if (isJsonObject(property)) example[name] = this.build(property, depth + 1);
          }
        }
        return example;
      }
    }
  }
}
