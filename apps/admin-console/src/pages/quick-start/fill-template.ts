/** How an example file reads a setting: Vite's `import.meta.env.VITE_X` in the browser, `process.env.X` in Node. */
export type TemplateStyle = 'vite' | 'node';

const READERS: Record<TemplateStyle, (name: string) => string> = {
  vite: (name) => `import.meta.env.VITE_${name}`,
  node: (name) => `process.env.${name}`,
};

/** A JavaScript string literal in single quotes, as the examples write them. */
function literal(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

/**
 * An example's file with this application's values written in place of the settings it reads from the
 * environment, so what the console shows is the very file the examples' tests run. Settings left out
 * (a client secret) keep reading the environment. A value the file never reads is an error: the example
 * and the console would have drifted apart.
 */
export function fillTemplate(template: string, style: TemplateStyle, values: Record<string, string>): string {
  let filled = template;
  for (const [name, value] of Object.entries(values)) {
    const reader = READERS[style](name);
    // \b: VITE_ISSUER must not also match the start of VITE_ISSUER_PATH.
    const reads = new RegExp(`${reader.replace(/\./g, '\\.')}\\b`, 'g');
    if (!reads.test(filled)) throw new Error(`the example does not read ${reader}`);
    filled = filled.replace(reads, () => literal(value));
  }
  return filled;
}
