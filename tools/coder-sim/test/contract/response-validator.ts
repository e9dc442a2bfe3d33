// Checks one response the simulator sent against the schema of its operation and status in Coder's or AgentAPI's description.
import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { agentApiDescription, findAgentApiOperation, isAgentApiRouteKey } from './agentapi-description.js';
import { coderDescription, findCoderOperation } from './coder-description.js';
import type { GenerationDifferences } from './coder-generations.js';
import { completePropertiesKeyword, requireCompleteObjects } from './complete-properties.js';
import type { CompletePropertiesRule } from './complete-properties.js';
import { adjustCoderDefinitions, createdInsteadOfOk } from './description-deviations.js';
import { isJsonObject, rebaseReferences } from './json-document.js';
import type { JsonObject, JsonValue } from './json-document.js';
import { parseServerSentEvents } from './server-sent-events.js';

export interface ObservedResponse {
  method: string;
  routeKey: string;
  status: number;
  contentType: string;
  /** The raw body text ('' when there is none). */
  bodyText: string;
}

export interface ContractVerdict {
  /** Which schema was applied, e.g. `codersdk.Workspace via get-workspace-metadata-by-id 200`. */
  schema: string;
  /** Breaches of the description (types, enums, formats, required, additionalProperties, undescribed status). */
  violations: string[];
  /** Properties a real Coder always sends but the response left out (see complete-properties.ts). */
  missingProperties: string[];
}

const coderDocumentId = 'coder-description.json';
const coderCompleteDocumentId = 'coder-description-complete.json';
const agentApiDocumentId = 'agentapi-description.json';

/**
 * On app-proxy routes these statuses come from Coder's proxy (AgentAPI never saw the request): its 303 to /login,
 * its 400 "Workspace Offline" page, 401/404/502 pages (coder/coder coderd/workspaceapps/db.go, errors.go).
 */
const appProxyStatuses: ReadonlySet<number> = new Set([303, 401, 403, 404, 502, 503, 504]);

const universallyUniqueIdentifierPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const dateTimePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function createAjv(): Ajv {
  // strict: false lets swagger's `x-*`, `example` and OpenAPI's `readOnly` through as annotations;
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('uuid', universallyUniqueIdentifierPattern);
  ajv.addFormat('date-time', (value: string) => dateTimePattern.test(value) && !Number.isNaN(Date.parse(value)));
  // Formats the descriptions use that carry no checkable contract: Coder sends '' for an unset avatar `uri`,
  // and `organization_name` is described as format `url` although it is a plain name.
  for (const unchecked of ['uri', 'url', 'email', 'int64', 'number', 'string']) ajv.addFormat(unchecked, true);
  return ajv;
}

interface SchemaChoice {
  label: string;
  /** Schema of the body; undefined when the description gives the response no body. */
  schema?: JsonValue;
  /** Set when the body is an SSE stream: the schema then applies to each event. */
  eventStream?: boolean;
  /** Set when the response cannot be matched to the description at all. */
  problem?: string;
  /** Set when a non-JSON (HTML) error page is an acceptable answer. */
  htmlAllowed?: boolean;
}

/** Reports each property a core object lacks, naming the definition (schemaPath cannot: refs compile apart). */
function addCompletePropertiesKeyword(ajv: Ajv): void {
  const check = (rule: CompletePropertiesRule, data: Record<string, unknown>, _parent?: unknown, context?: { instancePath: string }): boolean => {
    const missing = rule.properties.filter((property) => !Object.prototype.hasOwnProperty.call(data, property));
    check.errors = missing.map((property) => ({
      keyword: completePropertiesKeyword,
      instancePath: context?.instancePath ?? '',
      schemaPath: '',
      params: { definition: rule.definition, missingProperty: property },
      message: `lacks '${property}' (${rule.definition})`,
    }));
    return missing.length === 0;
  };
  check.errors = [] as ErrorObject[];
  ajv.addKeyword({ keyword: completePropertiesKeyword, type: 'object', schemaType: 'object', errors: true, validate: check });
}

function formatValue(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function valueAt(body: unknown, instancePath: string): unknown {
  let current: unknown = body;
  for (const segment of instancePath.split('/').slice(1)) {
    const key = segment.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) current = current[Number(key)];
    else if (isJsonObject(current)) current = current[key];
    else return undefined;
  }
  return current;
}

function describeError(error: ErrorObject, body: unknown): string {
  const where = error.instancePath === '' ? '(body)' : error.instancePath;
  const detail = error.keyword === 'enum' ? ` ${formatValue(error.params['allowedValues'])}` : '';
  const got = error.keyword === 'required' || error.keyword === 'additionalProperties' ? '' : `, got ${formatValue(valueAt(body, error.instancePath))}`;
  const extra = error.keyword === 'additionalProperties' ? ` '${String(error.params['additionalProperty'])}'` : '';
  return `${where} ${error.message ?? error.keyword}${detail}${extra}${got}`;
}

/** Drops the noise of `anyOf: [null, X]` (the "must be null" branch) unless nothing else is left. */
function meaningfulErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const kept = errors.filter((error) => error.keyword !== 'anyOf' && !(error.keyword === 'type' && error.params['type'] === 'null'));
  return kept.length > 0 ? kept : [...errors];
}

export class ResponseValidator {
  private readonly contractAjv = createAjv();
  private readonly completenessAjv = createAjv();
  private readonly compiled = new Map<string, ValidateFunction>();

  /** `differences`: where the Coder release being played differs from today's description (coder-generations.ts). */
  constructor(differences: GenerationDifferences = { absentProperties: {}, replacedProperties: {} }) {
    addCompletePropertiesKeyword(this.completenessAjv);
    const definitions = coderDescription['definitions'];
    if (!isJsonObject(definitions)) throw new Error("Coder's description has no definitions");
    const adjusted = adjustCoderDefinitions(definitions);
    for (const [name, replacements] of Object.entries(differences.replacedProperties)) {
      const properties = isJsonObject(adjusted[name]) ? adjusted[name]['properties'] : undefined;
      if (!isJsonObject(properties)) throw new Error(`no definition ${name} to replace properties of`);
      Object.assign(properties, replacements);
    }
    this.contractAjv.addSchema({ $id: coderDocumentId, definitions: adjusted });
    this.completenessAjv.addSchema({ $id: coderCompleteDocumentId, definitions: requireCompleteObjects(adjusted, differences.absentProperties) });
    const components = agentApiDescription['components'];
    this.contractAjv.addSchema({ $id: agentApiDocumentId, components });
    this.completenessAjv.addSchema({ $id: agentApiDocumentId, components });
  }

  check(response: ObservedResponse): ContractVerdict {
    const choice = this.chooseSchema(response);
    const verdict: ContractVerdict = { schema: choice.label, violations: [], missingProperties: [] };
    if (choice.problem !== undefined) {
      verdict.violations.push(choice.problem);
      return verdict;
    }
    if (choice.schema === undefined) {
      if (response.status === 204 && response.bodyText.trim() !== '') verdict.violations.push('204 No Content carries a body');
      return verdict;
    }
    if (choice.eventStream === true) {
      this.checkEventStream(choice, response.bodyText, verdict);
      return verdict;
    }
    if (choice.htmlAllowed === true && response.contentType.includes('text/html')) return verdict;
    let body: unknown;
    try {
      body = JSON.parse(response.bodyText);
    } catch {
      verdict.violations.push(`body is not JSON (content-type ${response.contentType || 'none'}): ${formatValue(response.bodyText)}`);
      return verdict;
    }
    this.checkBody(choice, body, verdict);
    return verdict;
  }

  private checkBody(choice: SchemaChoice, body: unknown, verdict: ContractVerdict): void {
    const schema = choice.schema ?? {};
    const contract = this.compile(this.contractAjv, 'contract', schema);
    if (!contract(body)) verdict.violations.push(...meaningfulErrors(contract.errors ?? []).map((error) => describeError(error, body)));
    const complete = this.compile(this.completenessAjv, 'complete', rebaseCompleteness(schema));
    if (!complete(body)) {
      for (const error of complete.errors ?? []) {
        if (error.keyword !== completePropertiesKeyword) continue;
        const where = error.instancePath === '' ? '(body)' : error.instancePath;
        verdict.missingProperties.push(`${where} ${error.message ?? ''}`);
      }
    }
  }

  private checkEventStream(choice: SchemaChoice, text: string, verdict: ContractVerdict): void {
    const events = parseServerSentEvents(text);
    if (events.length === 0) verdict.violations.push('event stream carried no complete event');
    for (const event of events) {
      let data: unknown;
      try {
        data = JSON.parse(event.data);
      } catch {
        verdict.violations.push(`event '${event.event}' data is not JSON: ${formatValue(event.data)}`);
        continue;
      }
      const message: JsonObject = { event: event.event, data: data as JsonValue };
      if (event.id !== undefined) message['id'] = event.id;
      if (event.retry !== undefined) message['retry'] = event.retry;
      this.checkBody({ ...choice, label: `${choice.label} event '${event.event}'` }, message, verdict);
    }
  }

  private compile(ajv: Ajv, purpose: string, schema: JsonValue): ValidateFunction {
    const key = `${purpose} ${JSON.stringify(schema)}`;
    let validate = this.compiled.get(key);
    if (validate === undefined) {
      validate = ajv.compile(isJsonObject(schema) ? schema : {});
      this.compiled.set(key, validate);
    }
    return validate;
  }

  private chooseSchema(response: ObservedResponse): SchemaChoice {
    const { routeKey, status } = response;
    const coderError: SchemaChoice = {
      label: `codersdk.Response (${routeKey} ${status})`,
      schema: { $ref: `${coderDocumentId}#/definitions/codersdk.Response` },
    };
    if (isAgentApiRouteKey(routeKey)) return this.chooseAgentApiSchema(response, coderError);
    if (status >= 400) return coderError;
    const operation = findCoderOperation(routeKey);
    if (operation === undefined) return { label: routeKey, problem: `${routeKey} answered ${status} but is not an operation of Coder's description` };
    const createdForOk = createdInsteadOfOk.has(operation.operationId);
    if (createdForOk && status === 200) return { label: operation.operationId, problem: `${operation.operationId} answered 200; Coder answers 201 Created` };
    const describedStatus = createdForOk && status === 201 ? '200' : String(status);
    const described = operation.responses[describedStatus];
    if (described === undefined) {
      const known = Object.keys(operation.responses).map((code) => (createdForOk && code === '200' ? '201' : code));
      return { label: operation.operationId, problem: `${operation.operationId} answered ${status}; described success statuses: ${known.join(', ')}` };
    }
    const label = `${operation.operationId} ${status}`;
    const schema = described['schema'];
    if (schema === undefined) return { label };
    return { label, schema: rebaseReferences(schema, coderDocumentId) };
  }

  private chooseAgentApiSchema(response: ObservedResponse, coderError: SchemaChoice): SchemaChoice {
    const { routeKey, status } = response;
    // Coder's proxy answers these before AgentAPI sees the request: Coder's JSON error body, or its HTML error page.
    if (appProxyStatuses.has(status) || (status === 400 && response.contentType.includes('text/html'))) return { ...coderError, htmlAllowed: true };
    const operation = findAgentApiOperation(routeKey);
    if (operation === undefined) return { label: routeKey, problem: `${routeKey} is not an operation of AgentAPI's description` };
    const media = status >= 400 ? operation.responses['default'] : operation.responses[String(status)];
    if (media === undefined) return { label: operation.operationId, problem: `${operation.operationId} answered ${status}, which AgentAPI's description does not describe` };
    const label = `${operation.operationId} ${status >= 400 ? 'default' : status}`;
    const jsonSchema = media['application/json'] ?? media['application/problem+json'];
    if (jsonSchema !== undefined) return { label, schema: rebaseReferences(jsonSchema, agentApiDocumentId) };
    const streamSchema = media['text/event-stream'];
    if (streamSchema !== undefined && isJsonObject(streamSchema['items'])) {
      return { label, schema: rebaseReferences(streamSchema['items'], agentApiDocumentId), eventStream: true };
    }
    return { label, problem: `${operation.operationId} ${status}: no JSON or event-stream schema described` };
  }
}

/** The same schema pointed at the completeness copy of Coder's definitions. */
function rebaseCompleteness(schema: JsonValue): JsonValue {
  return JSON.parse(JSON.stringify(schema).split(`"${coderDocumentId}#`).join(`"${coderCompleteDocumentId}#`)) as JsonValue;
}
