// Nest 12 and jose 6 ship as ES modules only; Jest on Node 20 runs CommonJS, so those packages are
// transformed to CommonJS by swc during tests. `import.meta.url` (used by Nest for createRequire) is
// rewritten to the CommonJS file URL.
const esmOnly = [
  '@nestjs', 'jose', 'file-type', 'load-esm', 'strtok3', 'token-types', '@tokenizer', 'uint8array-extras', 'cookie', 'intl-messageformat', '@formatjs',
];
const swcTransform = '<rootDir>/test/support/jest-transformer.js';
const moduleNameMapper = {
  '^@meridian-auth/resource-server$': '<rootDir>/libs/resource-server/src',
  '^@meridian-auth/resource-server/nest$': '<rootDir>/libs/resource-server/src/nest',
  '^@app/(core|clients|users|grants|tokens|admin|contracts|audit|interaction|access|federation|logout|scim|config-sync|branding)$': '<rootDir>/libs/$1/src',
  '^@app/(core|clients|users|grants|tokens|admin|contracts|audit|interaction|access|federation|logout|scim|config-sync|branding)/(.*)$': '<rootDir>/libs/$1/src/$2',
};
const shared = {
  testEnvironment: 'node',
  // TypeScript sources win over any compiled .js lying beside them.
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json', 'node'],
  transform: { '^.+\\.(t|j|mj)s$': swcTransform },
  transformIgnorePatterns: [`node_modules/(?!(${esmOnly.join('|')})/)(?!.*node_modules/(${esmOnly.join('|')})/)`],
  moduleNameMapper,
};
module.exports = {
  testTimeout: 60000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'] },
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
  ],
};
