// Jest transformer: swc to CommonJS, after replacing `import.meta.url` (which ESM-only dependencies use
// for createRequire) with the CommonJS equivalent, since CommonJS output cannot contain `import.meta`.
const { createTransformer } = require('@swc/jest');

const swc = createTransformer({
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs', ignoreDynamic: true },
  sourceMaps: 'inline',
});

const IMPORT_META_URL = /\bimport\.meta\.url\b/g;
// `const require = createRequire(import.meta.url)` recreates what CommonJS already has, and a local named
// `require` would shadow the one the compiled imports need.
const LOCAL_REQUIRE = /\bconst require\s*=\s*createRequire\(import\.meta\.url\);?/g;
const COMMONJS_URL = "require('node:url').pathToFileURL(__filename).href";

function rewrite(source) {
  if (!source.includes('import.meta')) return source;
  return source.replace(LOCAL_REQUIRE, '').replace(IMPORT_META_URL, COMMONJS_URL);
}

module.exports = {
  canInstrument: swc.canInstrument,
  process(source, path, options) {
    return swc.process(rewrite(source), path, options);
  },
  processAsync(source, path, options) {
    return swc.processAsync(rewrite(source), path, options);
  },
  getCacheKey(source, path, options) {
    return swc.getCacheKey(rewrite(source), path, options) + ':import-meta-v2';
  },
};
