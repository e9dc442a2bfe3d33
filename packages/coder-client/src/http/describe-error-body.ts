// Turns the body of an HTTP error answer (Coder's, AgentAPI's or an HTML page) into what CoderApiError holds.
import type { CoderValidation } from '../errors/coder-api-error.js';
import { AgentApiErrorModelSchema, CoderErrorResponseSchema } from '../schemas/error-bodies.js';
import { redactToken } from '../redaction.js';

export interface ErrorBodyDescription {
  message: string;
  detail?: string | undefined;
  validations?: CoderValidation[] | undefined;
  /** The body was an HTML page (Coder's app proxy error pages, a load balancer's page). */
  html?: boolean | undefined;
}

/** Longest piece of a non-JSON error body kept as `detail`. */
const maximumTextDetailLength = 300;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Reads Coder's `{message, detail, validations}`; AgentAPI's RFC 7807 problem
 * `{title, status, detail, errors}` (whose reason is often only in `errors[].message`, so it is
 * appended to `detail`); an HTML page (its title or first heading as message, its first paragraph
 * as detail, never the page itself); anything else becomes the status text with the start of the
 * body as detail. The token is removed from every string.
 */
export function describeErrorBody(text: string, statusText: string, token: string, contentType?: string | null): ErrorBodyDescription {
  const clean = (value: string | undefined): string | undefined => (value === undefined ? undefined : redactToken(value, token));
  const body = parseJson(text);

  const coderBody = CoderErrorResponseSchema.safeParse(body);
  if (coderBody.success) {
    return {
      message: clean(coderBody.data.message) ?? statusText,
      detail: clean(coderBody.data.detail),
      validations: (coderBody.data.validations ?? []).map((validation) => ({
        field: clean(validation.field) ?? '',
        detail: clean(validation.detail) ?? '',
      })),
    };
  }

  const problem = AgentApiErrorModelSchema.safeParse(body);
  if (problem.success && (problem.data.title !== undefined || problem.data.detail !== undefined)) {
    const errors = problem.data.errors ?? [];
    // huma puts the wrapped error's text in errors[].message, e.g. detail "unexpected error
    // occurred" and errors[0].message "failed to send message: message can only be sent when the
    // agent is waiting for user input": the reason has to reach the error's text.
    const reasons = errors
      .map((error) => (error.location && error.message ? `${error.location}: ${error.message}` : (error.message ?? error.location)))
      .filter((reason): reason is string => Boolean(reason));
    const ownDetail = problem.data.title === undefined ? undefined : problem.data.detail;
    const detail = [ownDetail, reasons.join('; ')].filter(Boolean).join(': ');
    return {
      message: clean(problem.data.title ?? problem.data.detail) ?? statusText,
      detail: detail ? clean(detail) : undefined,
      validations: errors.map((error) => ({
        field: clean(error.location) ?? '',
        detail: clean(error.message) ?? '',
      })),
    };
  }

  if (isHtml(text, contentType)) {
    const page = describeHtmlPage(text);
    return {
      message: clean(page.heading) ?? (statusText || 'HTTP error'),
      detail: clean(page.paragraph),
      html: true,
    };
  }

  const trimmed = text.trim();
  return {
    message: statusText || 'HTTP error',
    detail: trimmed ? clean(trimmed.slice(0, maximumTextDetailLength)) : undefined,
  };
}

function isHtml(text: string, contentType: string | null | undefined): boolean {
  if (contentType && /^\s*text\/html\b/i.test(contentType)) {
    return true;
  }
  return /^\s*(<!doctype html|<html)/i.test(text);
}

/**
 * The title (or first heading) and first paragraph of an HTML page, as text. Coder's error pages
 * (site/static/error.html) read `<title>400 - Workspace Offline</title>` and `<h1>` likewise, then
 * `<p>` with the description; the leading status is dropped since the error carries it.
 */
export function describeHtmlPage(html: string): { heading?: string | undefined; paragraph?: string | undefined } {
  const element = (tag: string): string | undefined => {
    const match = new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}\\s*>`, 'i').exec(html);
    const content = match?.[1] === undefined ? undefined : htmlToText(match[1]);
    return content ? content : undefined;
  };
  const withoutStatus = (value: string | undefined) => value?.replace(/^\d{3}\s*-\s*/, '') || undefined;
  const heading = withoutStatus(element('title')) ?? withoutStatus(element('h1'));
  const paragraph = element('p');
  return {
    heading: heading?.slice(0, maximumTextDetailLength),
    paragraph: paragraph?.slice(0, maximumTextDetailLength),
  };
}

const namedEntities: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function htmlToText(fragment: string): string {
  return fragment
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, name: string) => {
      if (name.startsWith('#')) {
        const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
      }
      return namedEntities[name.toLowerCase()] ?? entity;
    })
    .replace(/\s+/g, ' ')
    .trim();
}
