// Jest setup: the simulator's subdomain apps live under *.apps.localhost, which this machine's resolver may not map to loopback.
import { resolveLocalhostSubdomains } from '@fleet/coder-sim';

resolveLocalhostSubdomains();
