// The dev server (web/server/serve.mjs) on an ephemeral loopback port: bad percent-escapes
// get 400 and the server lives on; nothing outside the root is served, not even a sibling
// folder whose name starts with the root's name.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, fileFor } from '../server/serve.mjs';

let dir, server, port;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'interleave-serve-'));
  mkdirSync(join(dir, 'site/sub'), { recursive: true });
  mkdirSync(join(dir, 'site-other'));
  writeFileSync(join(dir, 'site/index.html'), '<p>home</p>');
  writeFileSync(join(dir, 'site/sub/a b.txt'), 'spaced');
  writeFileSync(join(dir, 'site/app.wasm'), 'wasm');
  writeFileSync(join(dir, 'site-other/secret.txt'), 'secret');
  writeFileSync(join(dir, 'outside.txt'), 'outside');
  server = await startServer({ root: join(dir, 'site'), port: 0, host: '127.0.0.1' });
  ({ port } = server.address());
});
after(async () => {
  server.closeAllConnections();
  await new Promise((ok) => server.close(ok));
  rmSync(dir, { recursive: true, force: true });
});

// A raw GET: the path goes out exactly as written (no client-side normalisation).
function get(path) {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { body += c; });
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

test('files inside the root are served with the isolation headers', async () => {
  const home = await get('/');
  assert.equal(home.status, 200);
  assert.equal(home.body, '<p>home</p>');
  assert.equal(home.headers['cross-origin-opener-policy'], 'same-origin');
  assert.equal(home.headers['cross-origin-embedder-policy'], 'require-corp');
  const spaced = await get('/sub/a%20b.txt');
  assert.equal(spaced.status, 200);
  assert.equal(spaced.body, 'spaced');
  assert.equal((await get('/app.wasm')).headers['content-type'], 'application/wasm');
  assert.equal((await get('/missing.txt')).status, 404);
});

test('a malformed percent-escape gets 400 and the server keeps serving', async () => {
  for (const path of ['/%E0%A4%A', '/%', '/%zz', '/sub/%C3', '/%00']) {
    const r = await get(path);
    assert.equal(r.status, 400, `${path}: ${r.status}`);
  }
  assert.equal((await get('/')).status, 200);
});

test('a sibling folder that shares the root\'s prefix is not served', async () => {
  for (const path of ['/..%2Fsite-other/secret.txt', '/%2e%2e%2fsite-other%2fsecret.txt',
    '/..%2F..%2Foutside.txt', '/sub/..%2F..%2F..%2Fsite-other/secret.txt', '/..%5Csite-other%5Csecret.txt']) {
    const r = await get(path);
    assert.ok(r.status === 403 || r.status === 404, `${path}: ${r.status} ${r.body}`);
    assert.notEqual(r.body, 'secret');
    assert.notEqual(r.body, 'outside');
  }
  // Dot segments that stay inside the root still resolve.
  const inside = await get('/sub/..%2Findex.html');
  assert.equal(inside.status, 200);
  assert.equal(inside.body, '<p>home</p>');
});

test('fileFor decides by path.relative', () => {
  const root = join(dir, 'site');
  assert.deepEqual(fileFor(root, '/%E0%A4%A'), { status: 400 });
  assert.deepEqual(fileFor(root, '/../site-other/secret.txt'), { status: 403 });
  assert.deepEqual(fileFor(root, '/..'), { status: 403 });
  assert.deepEqual(fileFor(root, '/sub/a%20b.txt'), { file: join(root, 'sub/a b.txt') });
  assert.deepEqual(fileFor(root, '/'), { file: join(root, 'index.html') });
});
