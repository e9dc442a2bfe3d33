// The Polly adapter and persister classes, whichever way Node hands over these CommonJS modules.
import FetchAdapterModule from '@pollyjs/adapter-fetch';
import FSPersisterModule from '@pollyjs/persister-fs';

/**
 * Their type declarations say `export default class`, but the CommonJS files assign the class to
 * `module.exports`, which is what Node's ES module loader hands over as the default export.
 */
function commonJsDefault<Module extends { default: unknown }>(module: Module): Module['default'] {
  return (typeof module === 'function' ? module : module.default) as Module['default'];
}

export const FetchAdapter = commonJsDefault(FetchAdapterModule);
export const FSPersister = commonJsDefault(FSPersisterModule);
