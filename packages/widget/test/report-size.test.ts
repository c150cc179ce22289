import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs build script without type declarations
import { BUDGETS, checkBudgets, lazyChunksOf, measure, report } from '../scripts/report-size.mjs';

interface Measured {
  name: string;
  raw: number;
  gzip: number;
}

/** A dist folder with incompressible files of the given sizes. */
function dist(files: Record<string, number>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'widget-size-'));
  for (const [name, size] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    const bytes = Buffer.alloc(size);
    for (let i = 0; i < size; i++) bytes[i] = (i * 2654435761) >>> 24;
    writeFileSync(path.join(dir, name), bytes);
  }
  return dir;
}

describe('report-size', () => {
  it('measures every .js bundle, including nested chunks', () => {
    const files: Measured[] = measure(
      dist({ 'widget.js': 100, 'panel-abcdefgh.js': 200, 'chunks/x.js': 50, 'a.txt': 10 }),
    );
    expect(files.map((f) => f.name)).toEqual(['chunks/x.js', 'panel-abcdefgh.js', 'widget.js']);
    expect(files.every((f) => f.gzip > 0 && f.raw > 0)).toBe(true);
  });

  it('passes within budget and fails over it', () => {
    const ok = [
      { name: 'widget.js', raw: 1, gzip: 3000 },
      { name: 'panel-abcdefgh.js', raw: 1, gzip: 20_000 },
    ];
    expect(checkBudgets(ok).ok).toBe(true);
    const fatLauncher = [{ ...ok[0]!, gzip: BUDGETS.launcher + 1 }, ok[1]!];
    expect(checkBudgets(fatLauncher).problems.join()).toMatch(/launcher/);
    const fatPanel = [ok[0]!, { ...ok[1]!, gzip: BUDGETS.panel + 1 }];
    expect(checkBudgets(fatPanel).problems.join()).toMatch(/panel/);
    const fatTogether = [
      { ...ok[0]!, gzip: 7000 },
      { ...ok[1]!, gzip: 29_000 },
    ];
    expect(checkBudgets(fatTogether).problems.join()).toMatch(/launcher \+ panel/);
  });

  it('fails when the launcher or the panel chunk is missing', () => {
    expect(checkBudgets([]).ok).toBe(false);
    expect(checkBudgets([{ name: 'widget.js', raw: 1, gzip: 1 }]).problems.join()).toMatch(
      /one panel chunk/,
    );
  });

  it('prints a row per bundle', () => {
    const lines: string[] = [];
    const result = report(
      dist({ 'widget.js': 100, 'panel-abcdefgh.js': 100 }),
      BUDGETS,
      (l: string) => lines.push(l),
    );
    expect(result.ok).toBe(true);
    expect(lines.join('\n')).toMatch(/widget\.js[\s\S]*panel-abcdefgh\.js[\s\S]*ok/);
  });

  it('lists the chunks the panel loads on first use, outside the budgets, and fails when one is missing', () => {
    expect(
      lazyChunksOf('a;import("./chunks/attachments-Ab12.js");import(\'./chunks/x-1.js\')'),
    ).toEqual(['chunks/attachments-Ab12.js', 'chunks/x-1.js']);
    const dir = dist({ 'widget.js': 100, 'chunks/attachments-Ab12.js': 40_000 });
    writeFileSync(path.join(dir, 'panel-abcdefgh.js'), 'import("./chunks/attachments-Ab12.js")');
    const lines: string[] = [];
    expect(report(dir, BUDGETS, (l: string) => lines.push(l)).ok).toBe(true);
    expect(lines.join('\n')).toMatch(/chunks\/attachments-Ab12\.js \(on first use\)\s+\d/);

    writeFileSync(path.join(dir, 'panel-abcdefgh.js'), 'import("./chunks/gone-Zz99.js")');
    const missing = report(dir, BUDGETS, () => {});
    expect(missing.ok).toBe(false);
    expect(missing.problems.join()).toMatch(/chunks\/gone-Zz99\.js, which is not in dist/);
  });
});
