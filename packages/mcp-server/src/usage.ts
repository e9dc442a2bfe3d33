// The text of --help: what the server is, its flags, and the environment it reads.
export const USAGE = `fleet-mcp-server: an MCP server that runs a fleet of Claude Code agents on Coder.

Usage:
  npx @fleet/mcp-server [options]          serve MCP on stdio (what MCP clients launch)
  npx @fleet/mcp-server --http [options]   serve MCP over Streamable HTTP on 127.0.0.1
  npx @fleet/mcp-server --http --auth coder [--stateless]
                                           serve a team: each client acts as its own Coder user

Environment (preferred for secrets):
  CODER_URL             URL of your Coder deployment, e.g. https://coder.example.com
  CODER_SESSION_TOKEN   a Coder session or API token (coder tokens create); never logged;
                        optional with --auth coder (then only used to check Coder at start-up)
  FLEET_HTTP_TOKEN      with --http (--auth shared-token): the bearer token clients must send
                        (Authorization: Bearer <token>); random, not a word or a pattern:
                        export FLEET_HTTP_TOKEN=$(openssl rand -hex 32)
  FLEET_HTTP_AUTH       with --http: shared-token (default) or coder, as --auth
  FLEET_HTTP_STATELESS  with --http: true for --stateless
  FLEET_HTTP_ALLOWED_HOSTS  with --http: comma-separated names clients may reach the server by,
                        beyond localhost, 127.0.0.1 and [::1] on its port (Host and Origin
                        are checked against DNS rebinding): name (any port) or name:port
  FLEET_CODER_TIMEOUT_MS  bound on each request to Coder, in ms (default 30000; a prompt
                        to an agent gets 90000: AgentAPI answers once the agent took it)
  FLEET_AGENTAPI_APP_SLUGS  comma-separated slugs of apps that run AgentAPI, for templates
                        whose app is neither on port 3284 nor health-checked at /status

Options:
  --coder-url <url>     overrides CODER_URL
  --coder-token <token> overrides CODER_SESSION_TOKEN; discouraged: other users can read
                        command lines in the process list, so prefer the variable
  --http                serve Streamable HTTP instead of stdio, at http://<host>:<port>/mcp
  --port <port>         with --http: port to listen on (default 8787; 0 picks a free one)
  --host <host>         with --http: address to listen on (default 127.0.0.1)
  --allowed-hosts <names>  with --http: overrides FLEET_HTTP_ALLOWED_HOSTS
  --auth <mode>         with --http: shared-token (every client sends FLEET_HTTP_TOKEN and acts
                        as the operator's Coder user) or coder (every client sends its own Coder
                        token, or signs in with Coder's OAuth2 provider, and acts as that user)
  --stateless           with --http: no server-side session, every request stands alone, so that
                        any number of replicas behind a load balancer serve the same clients
  --coder-timeout <ms>  overrides FLEET_CODER_TIMEOUT_MS
  --agentapi-app-slugs <slugs>  overrides FLEET_AGENTAPI_APP_SLUGS, e.g. ccw,agentapi
  --log-level <level>   debug, info, warn or error (default info); logs go to stderr as JSON lines
  -h, --help            show this help
  -v, --version         show the version
`;
