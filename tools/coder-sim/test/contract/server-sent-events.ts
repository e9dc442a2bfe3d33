// Parses a text/event-stream body into events (the subset of the SSE format AgentAPI's /events uses).

export interface ServerSentEvent {
  event: string;
  data: string;
  id?: number;
  retry?: number;
}

/** Parses complete events only; a trailing partial event (no blank line yet) is left out. */
export function parseServerSentEvents(text: string): ServerSentEvent[] {
  const events: ServerSentEvent[] = [];
  const blocks = text.replace(/\r\n/g, '\n').split('\n\n');
  // The last block has no terminating blank line yet, so it may be incomplete.
  for (const block of blocks.slice(0, -1)) {
    const dataLines: string[] = [];
    const event: ServerSentEvent = { event: 'message', data: '' };
    let hasField = false;
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      hasField = true;
      if (field === 'event') event.event = value;
      else if (field === 'data') dataLines.push(value);
      else if (field === 'id') event.id = Number(value);
      else if (field === 'retry') event.retry = Number(value);
    }
    if (!hasField) continue;
    event.data = dataLines.join('\n');
    events.push(event);
  }
  return events;
}
