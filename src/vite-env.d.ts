/// <reference types="vite/client" />

/** The git commit and date the page was built from (vite.config.ts). */
declare const __BUILD_VERSION__: { commit: string; date: string };
