/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The Repruv server's origin; `http://localhost:3000` when unset. */
  readonly VITE_REPRUV_API_URL?: string;
}
