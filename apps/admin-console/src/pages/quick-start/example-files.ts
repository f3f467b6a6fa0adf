import type { TemplateStyle } from './fill-template';

/** The example apps under examples/ whose main file a quick start shows. */
export type ExampleName = 'react-spa' | 'web-app' | 'm2m-service';

/** Where each example's main file is, from the repository root, and how it reads its settings. */
export const EXAMPLE_FILES: Record<ExampleName, { path: string; style: TemplateStyle }> = {
  'react-spa': { path: 'examples/react-spa/src/main.jsx', style: 'vite' },
  'web-app': { path: 'examples/web-app/server.mjs', style: 'node' },
  'm2m-service': { path: 'examples/m2m-service/call-api.mjs', style: 'node' },
};
