// App shell size of the walkers' PWA: every JS and CSS file of pwa/dist,
// raw and gzipped (level 9, as a server would send it), with the part the
// first screen loads apart from the chunks loaded later (exifr on the first
// photo). Prints figures; the goal (≤ 150 KB gzipped) is judged by people.
//   cd pwa && npm run build && node ../bench/pwa_shell_size.js
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'pwa', 'dist');

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const html = readFileSync(join(dist, 'index.html'), 'utf8');
const rows = files(dist)
  .filter((f) => /\.(js|css)$/.test(f) && !f.endsWith('sw.js') && !/workbox-/.test(f))
  .map((f) => {
    const bytes = readFileSync(f);
    const name = relative(dist, f);
    return { name, raw: bytes.length, gz: gzipSync(bytes, { level: 9 }).length, initial: html.includes(name) };
  });

const kb = (n) => (n / 1024).toFixed(1).padStart(7);
console.log('file'.padEnd(40), 'raw KB', ' gzip KB', ' loaded');
for (const r of rows) console.log(r.name.padEnd(40), kb(r.raw), kb(r.gz), r.initial ? ' first screen' : ' later');
const sum = (list, key) => list.reduce((s, r) => s + r[key], 0);
const first = rows.filter((r) => r.initial);
console.log('first screen (JS+CSS, gzip):'.padEnd(40), kb(sum(first, 'gz')), 'KB');
console.log('whole shell (JS+CSS, gzip):'.padEnd(40), kb(sum(rows, 'gz')), 'KB');
const sw = join(dist, 'sw.js');
console.log('service worker sw.js (gzip):'.padEnd(40), kb(gzipSync(readFileSync(sw), { level: 9 }).length), 'KB');
