// A small static server for the built page, with the cross-origin isolation headers that
// SharedArrayBuffer (and so real threads) needs.
//   node web/server/serve.mjs [--root DIR] [--port N] [--host H] [--no-isolation]
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm', '.json': 'application/json; charset=utf-8',
  '.png': 'image/png', '.svg': 'image/svg+xml', '.ttf': 'font/ttf', '.md': 'text/markdown; charset=utf-8',
  '.data': 'application/octet-stream', '.ico': 'image/x-icon',
};

export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  // cross-origin: a course page on another site may embed the page in an iframe (the embed API
  // then only obeys the origin the embedder names in the URL).
  'Cross-Origin-Resource-Policy': 'cross-origin',
};

// Resolves a URL path inside root: { file } or { status } (400 for a path that does not decode,
// 403 for one that leaves the root). path.relative, not a prefix test: a root of
// build/web/site must not serve build/web/site-other.
export function fileFor(root, urlPath) {
  let path;
  try { path = decodeURIComponent(urlPath.split('?')[0]); } catch { return { status: 400 }; }
  if (path.includes('\0')) return { status: 400 };
  if (path.endsWith('/')) path += 'index.html';
  const full = join(root, path);
  const rel = relative(root, full);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return { status: 403 };
  return { file: full };
}

const REASONS = { 400: 'bad request\n', 403: 'forbidden\n', 404: 'not found\n' };

export function startServer({ root, port = 8000, host = '127.0.0.1', isolation = true }) {
  root = resolve(root);
  const server = createServer((req, res) => {
    const headers = { 'Cache-Control': 'no-cache', ...(isolation ? ISOLATION_HEADERS : {}) };
    const refuse = (status) => {
      res.writeHead(status, { ...headers, 'Content-Type': 'text/plain' });
      res.end(REASONS[status]);
    };
    let target;
    try { target = fileFor(root, new URL(req.url, 'http://x').pathname); } catch { target = { status: 400 }; }
    if (target.status) return refuse(target.status);
    const { file } = target;
    let stat = null;
    try { stat = statSync(file); } catch { stat = null; }
    if (!stat || !stat.isFile()) return refuse(404);
    // Revalidation instead of a second download: every pthread worker loads the same script.
    const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { ...headers, ETag: etag });
      res.end();
      return;
    }
    res.writeHead(200, {
      ...headers,
      ETag: etag,
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': stat.size,
    });
    if (req.method === 'HEAD') return res.end();
    // A file that vanishes or cannot be read ends this response, never the server.
    createReadStream(file).on('error', () => res.destroy()).pipe(res);
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok(server));
  });
}

function parseArgs(argv) {
  const opts = { root: 'build/web/site', port: 8000, host: '127.0.0.1', isolation: true };
  for (let i = 0; i < argv.length; ++i) {
    const a = argv[i];
    if (a === '--root') opts.root = argv[++i];
    else if (a === '--port') opts.port = Number(argv[++i]);
    else if (a === '--host') opts.host = argv[++i];
    else if (a === '--no-isolation') opts.isolation = false;
    else throw new Error(`unknown option ${a} (valid: --root DIR, --port N, --host H, --no-isolation)`);
  }
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535)
    throw new Error('--port must be a whole number from 0 to 65535');
  return opts;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let opts;
  try { opts = parseArgs(process.argv.slice(2)); } catch (e) {
    console.error(`serve: ${e.message}`);
    process.exit(2);
  }
  startServer(opts).then((server) => {
    const { port } = server.address();
    console.log(`Interleave is served at http://${opts.host}:${port}/ ` +
      `(${opts.isolation ? 'cross-origin isolated' : 'WITHOUT isolation headers'}; Ctrl-C stops)`);
  }, (e) => {
    console.error(`serve: cannot listen on ${opts.host}:${opts.port}: ${e.message}`);
    process.exit(1);
  });
}
