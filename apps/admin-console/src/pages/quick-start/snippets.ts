import m2mService from '../../../../../examples/m2m-service/call-api.mjs?raw';
import reactSpa from '../../../../../examples/react-spa/src/main.jsx?raw';
import webApp from '../../../../../examples/web-app/server.mjs?raw';
import type { ApplicationKind } from '../../application-types';
import { fillTemplate } from './fill-template';
import { EXAMPLE_FILES } from './example-files';
import type { ExampleName } from './example-files';
import { planSnippet } from './snippet-plan';
import type { SnippetContext } from './snippet-plan';

// The examples' own files, bundled at build time: the console shows what their tests run.
const TEMPLATES: Record<ExampleName, string> = { 'react-spa': reactSpa, 'web-app': webApp, 'm2m-service': m2mService };

export interface Snippet {
  title: string;
  text: string;
  notes: string[];
}

/** The code a quick start shows for an application of this kind. */
export function snippetFor(kind: ApplicationKind, context: SnippetContext): Snippet {
  const plan = planSnippet(kind, context);
  if ('text' in plan) return plan;
  return { title: plan.title, notes: plan.notes, text: fillTemplate(TEMPLATES[plan.example], EXAMPLE_FILES[plan.example].style, plan.values) };
}
