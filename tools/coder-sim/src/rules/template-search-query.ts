// Coder's template search syntax (?q= on GET /api/v2/templates and /organizations/{organization}/templates).
import { CoderHttpError, type ValidationErrorBody } from '../http/coder-error.js';
import type { TemplateRecord, TemplateVersionRecord } from '../world/world-model.js';
import { searchTerms } from './workspace-search-query.js';

export interface TemplateFilter {
  exactName: string | null;
  exactDisplayName: string | null;
  fuzzyName: string | null;
  fuzzyDisplayName: string | null;
  deprecated: boolean | null;
  hasAiTask: boolean | null;
  deleted: boolean;
  hasExternalAgent: boolean | null;
}

function parseBoolean(key: string, value: string, validations: ValidationErrorBody[]): boolean | null {
  if (value === 'true' || value === 'false') {
    return value === 'true';
  }
  validations.push({ field: key, detail: `Query param "${key}" must be a valid boolean: "${value}" is not a boolean` });
  return null;
}

/**
 * // coder/coder coderd/searchquery/search.go Templates (v2.34.3): the query is lowercased; a bare word is
 * // `display_name` (fuzzy); keys exact_name, exact_display_name, name, display_name, organization, deprecated,
 * // has-ai-task, author, author_id, ids, deleted, has_external_agent; anything else fails parser.ErrorExcessParams
 * // (`Query param "<key>" is not a valid query param`), and coderd/templates.go answers 400
 * // "Invalid template search query.". From 2.37+ (PR #29085) `has-ai-task` is no longer a key.
 */
export function parseTemplateQuery(query: string, hasAiTaskFilter: boolean): TemplateFilter {
  const filter: TemplateFilter = {
    exactName: null,
    exactDisplayName: null,
    fuzzyName: null,
    fuzzyDisplayName: null,
    deprecated: null,
    hasAiTask: null,
    deleted: false,
    hasExternalAgent: null,
  };
  const validations: ValidationErrorBody[] = [];
  for (const term of searchTerms(query.toLowerCase())) {
    const separator = term.indexOf(':');
    if (separator < 0) {
      filter.fuzzyDisplayName = term.replace(/"/g, '');
      continue;
    }
    const key = term.slice(0, separator);
    const value = term.slice(separator + 1).replace(/"/g, '');
    switch (key) {
      case 'exact_name':
        filter.exactName = value;
        break;
      case 'exact_display_name':
        filter.exactDisplayName = value;
        break;
      case 'name':
        filter.fuzzyName = value;
        break;
      case 'display_name':
        filter.fuzzyDisplayName = value;
        break;
      case 'deprecated':
        filter.deprecated = parseBoolean(key, value, validations);
        break;
      case 'deleted':
        filter.deleted = parseBoolean(key, value, validations) === true;
        break;
      case 'has_external_agent':
        filter.hasExternalAgent = parseBoolean(key, value, validations);
        break;
      case 'has-ai-task':
        if (hasAiTaskFilter) {
          filter.hasAiTask = parseBoolean(key, value, validations);
        } else {
          validations.push({ field: key, detail: `Query param "${key}" is not a valid query param` });
        }
        break;
      case 'organization':
      case 'author':
      case 'author_id':
      case 'ids':
        // Accepted; the standard world has one organization and one author, so they narrow nothing here.
        break;
      default:
        validations.push({ field: key, detail: `Query param "${key}" is not a valid query param` });
    }
  }
  if (validations.length > 0) {
    throw new CoderHttpError(400, { message: 'Invalid template search query.', validations });
  }
  return filter;
}

export function templateMatches(template: TemplateRecord, version: TemplateVersionRecord, filter: TemplateFilter): boolean {
  const name = template.name.toLowerCase();
  const displayName = template.displayName.toLowerCase();
  if (filter.deleted) {
    return false;
  }
  if (filter.exactName !== null && name !== filter.exactName) {
    return false;
  }
  if (filter.exactDisplayName !== null && displayName !== filter.exactDisplayName) {
    return false;
  }
  if (filter.fuzzyName !== null && !name.includes(filter.fuzzyName)) {
    return false;
  }
  if (filter.fuzzyDisplayName !== null && !displayName.includes(filter.fuzzyDisplayName)) {
    return false;
  }
  if (filter.deprecated !== null && template.deprecated !== filter.deprecated) {
    return false;
  }
  // coder/coder coderd/database/queries/templates.sql (v2.24–v2.36): has_ai_task of the active version.
  if (filter.hasAiTask !== null && version.hasAiTask !== filter.hasAiTask) {
    return false;
  }
  if (filter.hasExternalAgent === true) {
    return false;
  }
  return true;
}
