// Tests turning Coder's and AgentAPI's error bodies into CoderApiError fields.
import { describeErrorBody, describeHtmlPage } from '../../src/http/describe-error-body.js';

const token = 'session-token-0123456789';

describe('describeErrorBody', () => {
  it("reads Coder's message, detail and validations", () => {
    const body = JSON.stringify({
      message: 'Validation failed.',
      detail: 'name is invalid',
      validations: [{ field: 'name', detail: 'Must be a valid name.' }],
    });

    expect(describeErrorBody(body, 'Bad Request', token)).toEqual({
      message: 'Validation failed.',
      detail: 'name is invalid',
      validations: [{ field: 'name', detail: 'Must be a valid name.' }],
    });
  });

  it("reads AgentAPI's RFC 7807 problem, its errors becoming validations", () => {
    const body = JSON.stringify({
      title: 'Unprocessable Entity',
      status: 422,
      detail: 'agent is running',
      errors: [{ location: 'body.content', message: 'busy' }],
    });

    expect(describeErrorBody(body, 'Unprocessable Entity', token)).toEqual({
      message: 'Unprocessable Entity',
      detail: 'agent is running: body.content: busy',
      validations: [{ field: 'body.content', detail: 'busy' }],
    });
  });

  it("carries the reason AgentAPI gives only in errors[].message into the detail (a busy agent's 500)", () => {
    // What huma v2.32.0 writes for AgentAPI v0.12.1's POST /message to an agent that is running.
    const body = JSON.stringify({
      title: 'Internal Server Error',
      status: 500,
      detail: 'unexpected error occurred',
      errors: [{ message: 'failed to send message: message can only be sent when the agent is waiting for user input' }],
    });

    expect(describeErrorBody(body, 'Internal Server Error', token, 'application/problem+json')).toEqual({
      message: 'Internal Server Error',
      detail: 'unexpected error occurred: failed to send message: message can only be sent when the agent is waiting for user input',
      validations: [{ field: '', detail: 'failed to send message: message can only be sent when the agent is waiting for user input' }],
    });
  });

  it('keeps a problem without errors as it is', () => {
    const body = JSON.stringify({ title: 'Bad Request', status: 400, detail: 'nope' });

    expect(describeErrorBody(body, 'Bad Request', token)).toEqual({ message: 'Bad Request', detail: 'nope', validations: [] });
  });

  it('reads an HTML page as its title and first paragraph, never the page', () => {
    const page = '<!DOCTYPE html><html><head><title>502 - Bad Gateway</title><style>p{}</style></head><body><h1>502 - Bad Gateway</h1><p>Failed to proxy request to application: EOF &amp; more</p></body></html>';

    expect(describeErrorBody(page, 'Bad Gateway', token, 'text/html; charset=utf-8')).toEqual({
      message: 'Bad Gateway',
      detail: 'Failed to proxy request to application: EOF & more',
      html: true,
    });
  });

  it('reads a bare HTML page without title as the status text', () => {
    const description = describeErrorBody('<html>Bad Gateway</html>', 'Bad Gateway', token);

    expect(description).toEqual({ message: 'Bad Gateway', detail: undefined, html: true });
  });

  it('falls back to the status text and the start of a plain-text body', () => {
    const description = describeErrorBody('upstream connect error', 'Bad Gateway', token, 'text/plain');

    expect(description).toEqual({ message: 'Bad Gateway', detail: 'upstream connect error' });
  });

  it('removes the token from every field the server echoed it in', () => {
    const body = JSON.stringify({ message: `bad ${token}`, detail: token, validations: [{ field: token, detail: token }] });

    expect(JSON.stringify(describeErrorBody(body, 'Unauthorized', token))).not.toContain(token);
  });

  it('removes the token from a problem and from a page', () => {
    const problem = JSON.stringify({ title: token, detail: token, errors: [{ location: token, message: token }] });
    const page = `<html><head><title>${token}</title></head><body><p>${encodeURIComponent(token)}</p></body></html>`;

    expect(JSON.stringify(describeErrorBody(problem, 'Unauthorized', token))).not.toContain(token);
    expect(JSON.stringify(describeErrorBody(page, 'Unauthorized', token))).not.toContain(token);
  });

  it('reads a Coder body without validations as none', () => {
    expect(describeErrorBody(JSON.stringify({ message: 'Forbidden.', validations: null }), 'Forbidden', token)).toEqual({
      message: 'Forbidden.',
      detail: undefined,
      validations: [],
    });
  });

  it("takes a problem's detail as its message when it has no title, and says each error's location and message", () => {
    const body = JSON.stringify({
      detail: 'validation failed',
      errors: [{ location: 'body.type', message: 'expected user or raw' }, { location: 'body.content' }, { message: 'too long' }, {}],
    });

    expect(describeErrorBody(body, 'Unprocessable Entity', token)).toEqual({
      message: 'validation failed',
      detail: 'body.type: expected user or raw; body.content; too long',
      validations: [
        { field: 'body.type', detail: 'expected user or raw' },
        { field: 'body.content', detail: '' },
        { field: '', detail: 'too long' },
        { field: '', detail: '' },
      ],
    });
  });

  it('reads a problem with a title alone without a detail', () => {
    expect(describeErrorBody(JSON.stringify({ title: 'Not Found', status: 404 }), 'Not Found', token)).toEqual({
      message: 'Not Found',
      detail: undefined,
      validations: [],
    });
  });

  it('reads JSON that is neither Coder’s nor a problem as text', () => {
    expect(describeErrorBody('{"status":418}', "I'm a teapot", token)).toEqual({ message: "I'm a teapot", detail: '{"status":418}' });
  });

  it('keeps the first 300 characters of a plain-text body, and says nothing of an empty one', () => {
    expect(describeErrorBody(` ${'a'.repeat(400)} `, 'Bad Gateway', token).detail).toBe('a'.repeat(300));
    expect(describeErrorBody(' \n ', 'Bad Gateway', token)).toEqual({ message: 'Bad Gateway', detail: undefined });
  });

  it('says HTTP error where there is no status text either', () => {
    expect(describeErrorBody('', '', token).message).toBe('HTTP error');
    expect(describeErrorBody('<html></html>', '', token).message).toBe('HTTP error');
  });

  it.each([
    ['TEXT/HTML', 'x'],
    ['  text/html;charset=utf-8', 'x'],
    ['text/plain', '  <!DOCTYPE HTML><title>Down</title>'],
    [null, '\n<html><title>Down</title></html>'],
  ])('reads content type %j with body %j as a page', (contentType, body) => {
    expect(describeErrorBody(body, 'Bad Gateway', token, contentType).html).toBe(true);
  });

  it.each([
    ['text/htmlx', 'x'],
    ['application/json; profile=text/html', 'x'],
    ['text/plain', 'see <html>'],
  ])('does not read content type %j with body %j as a page', (contentType, body) => {
    expect(describeErrorBody(body, 'Bad Gateway', token, contentType).html).toBeUndefined();
  });
});

describe('describeHtmlPage', () => {
  it('takes the first heading where the title is missing or empty, without its status', () => {
    expect(describeHtmlPage('<title> </title><h1 class="big">404 -  Application Not Found</h1>')).toEqual({ heading: 'Application Not Found', paragraph: undefined });
  });

  it.each([
    ['502-Bad Gateway', 'Bad Gateway'],
    ['502 - Bad Gateway', 'Bad Gateway'],
    ['502 Bad Gateway', '502 Bad Gateway'],
    ['Error 404 - Not Found', 'Error 404 - Not Found'],
    ['502 - ', undefined],
  ])('drops a leading status from the title %j', (title, heading) => {
    expect(describeHtmlPage(`<title>${title}</title>`).heading).toBe(heading);
  });

  it('keeps words apart that only a tag separated', () => {
    expect(describeHtmlPage('<p>one<br>two</p>').paragraph).toBe('one two');
  });

  it('reads the first paragraph as text: tags dropped, spaces joined, entities decoded', () => {
    const page = '<P class="d">Agent state is &#34;disconnected&#34;,\n  <b>not</b>&nbsp;&QUOT;connected&quot; &#x27;&#X41;&#65;&amp;&lt;&gt;&apos;</p ><p>second</p>';

    expect(describeHtmlPage(page).paragraph).toBe('Agent state is "disconnected", not "connected" \'AA&<>\'');
  });

  it('leaves entities it does not know, or that name no character, as they are', () => {
    expect(describeHtmlPage('<p>&bogus; &#0; &#x110000; &#x10FFFF;</p>').paragraph).toBe(`&bogus; &#0; &#x110000; ${String.fromCodePoint(0x10ffff)}`);
  });

  it('cuts a heading and a paragraph at 300 characters', () => {
    const page = `<title>${'t'.repeat(400)}</title><p>${'p'.repeat(400)}</p>`;

    expect(describeHtmlPage(page)).toEqual({ heading: 't'.repeat(300), paragraph: 'p'.repeat(300) });
  });
});
