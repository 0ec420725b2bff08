// The helper's version, from package.json, as it appears in the version header and in every receipt.
import pkg from '../../package.json' with { type: 'json' };
import { HELPER_API_VERSION } from '../../shared/helper-api/wire-constants.ts';

export const HELPER_NAME = 'e-Box Keeper helper';
export const HELPER_VERSION: string = pkg.version;
export const VERSION_HEADER_VALUE = `${HELPER_VERSION}; api=${HELPER_API_VERSION}`;
