import { strykerConfig } from './stryker.base.mjs';

export default strykerConfig('coder-client');
