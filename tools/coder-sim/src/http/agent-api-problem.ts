// AgentAPI's errors: RFC 7807 problem documents (huma's ErrorModel) with application/problem+json.
import { jsonResponse, type SimulatorResponse } from './simulator-response.js';

export const AGENT_API_SCHEMA_BASE = 'http://localhost:3284/schemas';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  404: 'Not Found',
  422: 'Unprocessable Entity',
  500: 'Internal Server Error',
};

export interface ProblemDetail {
  message: string;
  location?: string;
  value?: unknown;
}

export class AgentApiProblemError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly errors: ProblemDetail[] = [],
  ) {
    super(detail);
  }
}

export function agentApiProblemResponse(problem: AgentApiProblemError): SimulatorResponse {
  const body: Record<string, unknown> = {
    $schema: `${AGENT_API_SCHEMA_BASE}/ErrorModel.json`,
    title: TITLES[problem.status] ?? 'Error',
    status: problem.status,
    detail: problem.detail,
  };
  if (problem.errors.length > 0) {
    body['errors'] = problem.errors;
  }
  return jsonResponse(problem.status, body, 'application/problem+json');
}
