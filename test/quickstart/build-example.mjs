// Builds an example app with Vite's build() from the repository's own packages (no install in the
// example). Jest's CommonJS runtime cannot load Vite (an ES module only), so the test runs this in a
// child process; the VITE_* variables of its environment are the app's configuration.
import { build } from 'vite';

const [root, outDir] = process.argv.slice(2);
if (!root || !outDir) {
  process.stderr.write('usage: node build-example.mjs <example folder> <out dir>\n');
  process.exit(1);
}
await build({ root, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
