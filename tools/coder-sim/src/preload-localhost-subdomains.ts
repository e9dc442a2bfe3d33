// `node --import @fleet/coder-sim/localhost-subdomains`: resolves `*.localhost` to 127.0.0.1 in that process.
import { resolveLocalhostSubdomains } from './localhost-subdomains.js';

resolveLocalhostSubdomains();
