#!/usr/bin/env node
/**
 * Prints the gzip size of every bundle in dist/ and fails (exit 1) when the launcher,
 * the panel chunk or the two together are over budget. The chunks the panel loads on first
 * use (attachments) are listed with their size, outside the budgets.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const KB = 1024;

/** Budgets in bytes of gzip: the script-tag launcher, the panel chunk, and what a visitor loads in all. */
export const BUDGETS = { launcher: 8 * KB, panel: 30 * KB, total: 31 * KB };

/** Every .js file under `dir` (relative name, raw and gzip bytes), sorted by name. */
export function measure(dir) {
  const files = [];
  const walk = (sub) => {
    for (const name of readdirSync(path.join(dir, sub))) {
      const rel = path.join(sub, name);
      const full = path.join(dir, rel);
      if (statSync(full).isDirectory()) walk(rel);
      else if (name.endsWith('.js')) {
        const raw = readFileSync(full);
        files.push({ name: rel, raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length });
      }
    }
  };
  walk('');
  return files.sort((a, b) => a.name.localeCompare(b.name));
}

/** The budget checks for a measured dist: one row each for launcher, panel and total. */
export function checkBudgets(files, budgets = BUDGETS) {
  const launcher = files.find((f) => f.name === 'widget.js');
  const panels = files.filter((f) => /^panel-[\w-]+\.js$/.test(f.name));
  const problems = [];
  if (!launcher) problems.push('dist/widget.js is missing');
  if (panels.length !== 1) problems.push(`expected one panel chunk, found ${panels.length}`);
  const panel = panels[0];
  const checks = [
    { label: 'launcher (widget.js)', size: launcher?.gzip ?? 0, budget: budgets.launcher },
    { label: `panel (${panel?.name ?? '?'})`, size: panel?.gzip ?? 0, budget: budgets.panel },
    {
      label: 'launcher + panel',
      size: (launcher?.gzip ?? 0) + (panel?.gzip ?? 0),
      budget: budgets.total,
    },
  ];
  for (const check of checks) {
    if (check.size > check.budget) {
      problems.push(
        `${check.label} is ${kb(check.size)} gzip, over its ${kb(check.budget)} budget`,
      );
    }
  }
  return { checks, problems, ok: problems.length === 0 };
}

const kb = (bytes) => `${(bytes / KB).toFixed(2)} KB`;

/** The chunks the panel imports on first use (`import("./chunks/…")`), outside its budget. */
export function lazyChunksOf(panelCode) {
  const imports = panelCode.matchAll(/import\(\s*["'`]\.\/(chunks\/[\w.-]+\.js)["'`]\s*\)/g);
  return [...new Set([...imports].map((match) => match[1]))];
}

export function report(dir, budgets = BUDGETS, log = console.log) {
  const files = measure(dir);
  log('bundle'.padEnd(40) + 'raw'.padStart(12) + 'gzip'.padStart(12));
  for (const f of files) log(f.name.padEnd(40) + kb(f.raw).padStart(12) + kb(f.gzip).padStart(12));
  const result = checkBudgets(files, budgets);
  log('');
  for (const c of result.checks) {
    const mark = c.size <= c.budget ? 'ok  ' : 'OVER';
    log(`${mark} ${c.label.padEnd(36)}${kb(c.size).padStart(12)} / ${kb(c.budget)}`);
  }
  const panel = files.find((f) => /^panel-[\w-]+\.js$/.test(f.name));
  const lazy = panel ? lazyChunksOf(readFileSync(path.join(dir, panel.name), 'utf8')) : [];
  for (const name of lazy) {
    const chunk = files.find((f) => f.name === path.normalize(name));
    if (!chunk) result.problems.push(`the panel imports ${name}, which is not in dist`);
    else log(`     ${`${name} (on first use)`.padEnd(36)}${kb(chunk.gzip).padStart(12)}`);
  }
  for (const problem of result.problems) log(`error: ${problem}`);
  return { ...result, ok: result.problems.length === 0 };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const dir = process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '../dist');
  process.exitCode = report(dir).ok ? 0 : 1;
}
