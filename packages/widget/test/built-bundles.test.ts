import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** What the build put where (run after `npm run build`, as `npm test` does). */
const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const read = (name: string) => readFileSync(dist + name, 'utf8');
const panel = () => read(readdirSync(dist).find((name) => /^panel-.*\.js$/.test(name))!);

describe('the built bundles', () => {
  it('name the panel chunk in panel.js, a module whose name does not change', () => {
    const panelFile = readdirSync(dist).find((name) => /^panel-.*\.js$/.test(name));
    expect(read('panel.js')).toBe(`import './${panelFile}';\n`);
  });

  it('keep the proof-of-work solver and its worker out of the launcher', () => {
    const launcher = read('widget.js');
    expect(launcher).not.toContain('crypto.subtle');
    expect(launcher).not.toContain('Worker');
    expect(launcher).not.toContain('createObjectURL');
  });

  it("carry the solver in the panel, with the worker's script built from its source text", () => {
    const code = panel();
    expect(code).toContain('crypto.subtle.digest');
    expect(code).toContain('new Worker(');
    expect(code).toMatch(/`const solve = \$\{String\(\w+\)\};/);
  });

  it('keep attachments in a chunk of their own, which the panel imports relative to itself', () => {
    const code = panel();
    const chunk = /import\(\s*["'`]\.\/(chunks\/attachments-[\w-]+\.js)["'`]\s*\)/.exec(code)?.[1];
    expect(chunk, 'a dynamic import of the attachments chunk').toBeDefined();
    const attachments = read(chunk!);
    expect(attachments).toContain('Drop files to attach');
    expect(code).not.toContain('Drop files to attach');
    // The chunk uses the panel's Lit, not a copy of its own.
    expect(attachments).toMatch(/from\s*["']\.\.\/panel-[\w-]+\.js["']/);
  });

  it('carry English only in the panel: each other locale is a chunk the panel imports', () => {
    const code = panel();
    expect(code).toContain('How can I help today?');
    const newChats = {
      es: 'Nuevo chat',
      fr: 'Nouvelle discussion',
      de: 'Neuer Chat',
      pt: 'Nova conversa',
    };
    for (const [locale, newChat] of Object.entries(newChats)) {
      const pattern = new RegExp(
        `import\\(\\s*["'\`]\\./(chunks/${locale}-[\\w-]+\\.js)["'\`]\\s*\\)`,
      );
      const chunk = pattern.exec(code)?.[1];
      expect(chunk, `a dynamic import of the ${locale} chunk`).toBeDefined();
      expect(read(chunk!)).toContain(newChat);
      expect(code, locale).not.toContain(newChat);
    }
    // The attachments chunk carries English only too: the others come with their locale.
    const attachments = /import\(\s*["'`]\.\/(chunks\/attachments-[\w-]+\.js)["'`]\s*\)/.exec(
      code,
    )![1]!;
    expect(read(attachments)).not.toContain('Suelta los archivos');
  });
});
