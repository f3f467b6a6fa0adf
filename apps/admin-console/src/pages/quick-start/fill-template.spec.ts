/// <reference types="jest" />
import { fillTemplate } from './fill-template';

describe(fillTemplate.name, () => {
  it('writes each value as a string literal where a Vite app reads it, and nowhere else', () => {
    const template = "const a = import.meta.env.VITE_ISSUER;\nconst b = import.meta.env.VITE_ISSUER_PATH;\nconst c = import.meta.env.VITE_ISSUER;";
    expect(fillTemplate(template, 'vite', { ISSUER: 'https://id.example.com' })).toBe(
      "const a = 'https://id.example.com';\nconst b = import.meta.env.VITE_ISSUER_PATH;\nconst c = 'https://id.example.com';",
    );
  });

  it('keeps the settings it is not given reading the environment (a Node secret)', () => {
    const template = 'const id = process.env.CLIENT_ID;\nconst secret = process.env.CLIENT_SECRET;';
    expect(fillTemplate(template, 'node', { CLIENT_ID: 'my-app' })).toBe("const id = 'my-app';\nconst secret = process.env.CLIENT_SECRET;");
  });

  it('escapes quotes and backslashes, so a value cannot end the literal', () => {
    expect(fillTemplate('x = process.env.SCOPE;', 'node', { SCOPE: "it's \\ odd" })).toBe("x = 'it\\'s \\\\ odd';");
  });

  it('writes a value with $ as it is (no replacement patterns)', () => {
    expect(fillTemplate('x = process.env.CLIENT_ID;', 'node', { CLIENT_ID: 'a$&b$1c' })).toBe("x = 'a$&b$1c';");
  });

  it('refuses a value the file never reads: the example and the console have drifted apart', () => {
    expect(() => fillTemplate('const a = process.env.ISSUER;', 'node', { API_URL: 'https://api.example.com' })).toThrow('the example does not read process.env.API_URL');
  });
});
