/** The API's objects, as docs/openapi.yaml defines them (types only: nothing of the server is bundled). */
import type { components } from '../../server/src/generated/openapi.js';

export type Schemas = components['schemas'];
