// What a route handler answers: a status and a body the response writer turns into bytes (or an event stream).

export interface EventStreamWriter {
  /** writes one server-sent event */
  send(event: string, data: unknown, id: number): void;
}

export type SimulatorResponseBody =
  | { kind: 'json'; value: unknown; contentType?: string }
  /** a large JSON document produced piece by piece, so it never sits in memory whole */
  | { kind: 'json-stream'; chunks: () => Iterable<string> }
  | { kind: 'text'; text: string; contentType: string }
  | { kind: 'empty' }
  /** opens a server-sent event stream; returns the function that closes it */
  | { kind: 'event-stream'; open: (writer: EventStreamWriter) => () => void };

export interface SimulatorResponse {
  status: number;
  body: SimulatorResponseBody;
  headers?: Record<string, string>;
}

export function jsonResponse(status: number, value: unknown, contentType?: string): SimulatorResponse {
  return contentType ? { status, body: { kind: 'json', value, contentType } } : { status, body: { kind: 'json', value } };
}

export function emptyResponse(status: number): SimulatorResponse {
  return { status, body: { kind: 'empty' } };
}
