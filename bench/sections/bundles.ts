import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from '../lib/processes.js';

export interface BundleRow {
  bundle: string;
  bytes: number;
  gzipBytes: number;
}

function measure(bundle: string, file: string): BundleRow {
  const raw = readFileSync(file);
  return { bundle, bytes: raw.length, gzipBytes: gzipSync(raw, { level: 9 }).length };
}

/** What a page downloads: our launcher, panel chunk and SDK, next to deep-chat's published bundle. */
export function benchBundles(): { rows: BundleRow[]; deepChatRatio: number } {
  const widgetDist = path.join(ROOT, 'packages/widget/dist');
  const panel = readdirSync(widgetDist).find((name) => /^panel-.*\.js$/.test(name));
  const rows = [
    measure('widget.js (launcher)', path.join(widgetDist, 'widget.js')),
    ...(panel
      ? [measure(`${panel} (panel, with Lit, Markdown and the SDK)`, path.join(widgetDist, panel))]
      : []),
    measure(
      '@repruv/client-sdk (minified)',
      path.join(ROOT, 'packages/client-sdk/dist/index.min.js'),
    ),
    measure(
      'deep-chat 2.x (deepChat.bundle.js)',
      path.join(ROOT, 'node_modules/deep-chat/dist/deepChat.bundle.js'),
    ),
  ];
  const ours = rows.filter(
    (row) => row.bundle.startsWith('widget.js') || row.bundle.startsWith('panel'),
  );
  const oursTotal = ours.reduce((sum, row) => sum + row.gzipBytes, 0);
  const deepChat = rows.at(-1)!.gzipBytes;
  return { rows, deepChatRatio: deepChat / oursTotal };
}
