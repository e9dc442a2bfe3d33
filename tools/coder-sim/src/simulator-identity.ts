// The simulator's own name and version, as announced in the X-Coder-Simulator header.

export const SIMULATOR_PRODUCT = 'fleet-coder-sim';
export const SIMULATOR_VERSION = '0.1.0';
export const SIMULATOR_HEADER_VALUE = `${SIMULATOR_PRODUCT}/${SIMULATOR_VERSION}`;
