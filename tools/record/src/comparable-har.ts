// Reduces a HAR recording to what matters, so a re-run that only moved clocks and ports changes nothing.

/** Response headers that differ on every run without saying anything about the API. */
const volatileResponseHeaders = /^(date|content-length|x-ratelimit-.*|x-coder-request-id|x-request-id)$/i;
const isoTimestamp = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})/g;
const loopbackWithPort = /127\.0\.0\.1:\d+/g;

function normaliseStrings(value: unknown): unknown {
  if (typeof value === 'string') {
    return value.replace(isoTimestamp, '<time>').replace(loopbackWithPort, '127.0.0.1:<port>');
  }
  if (Array.isArray(value)) {
    return value.map(normaliseStrings);
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, normaliseStrings(inner)]));
  }
  return value;
}

/**
 * The recording without timings, start times, date and rate-limit headers, with timestamps and
 * loopback ports masked. Two recordings with the same comparable text hold the same exchange.
 */
export function comparableHar(text: string): string {
  const har = JSON.parse(text) as { log?: { entries?: Record<string, unknown>[] } };
  for (const entry of har.log?.entries ?? []) {
    delete entry['startedDateTime'];
    delete entry['time'];
    delete entry['timings'];
    const response = entry['response'] as { headers?: { name: string }[] } | undefined;
    if (response?.headers) {
      response.headers = response.headers.filter((header) => !volatileResponseHeaders.test(header.name));
    }
  }
  return JSON.stringify(normaliseStrings(har));
}
