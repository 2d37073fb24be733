import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { chooseEncoding, staticFiles } from '../../src/server/staticFiles.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'hm-static-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A built app in miniature: a hashed script, a kraj's boundaries, a tiny file, an image and the page.
const script = `export const places = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => ({ kod: 500000 + i, nazev: `Obec ${i}` })))};\n`;
const boundaries = JSON.stringify({
  type: 'FeatureCollection',
  features: Array.from({ length: 200 }, (_, i) => ({ type: 'Feature', properties: { kod: String(i) }, geometry: null })),
});
mkdirSync(path.join(dir, 'assets'));
mkdirSync(path.join(dir, 'packs', 'CZ041'), { recursive: true });
writeFileSync(path.join(dir, 'assets', 'first-screen-abc123.js'), script);
writeFileSync(path.join(dir, 'packs', 'CZ041', 'obce.display.geojson'), boundaries);
writeFileSync(path.join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
writeFileSync(path.join(dir, 'icon.png'), Buffer.alloc(4096, 7));
const page = `<!doctype html><html><head><title>Hluchá místa</title>${'<!-- padding -->'.repeat(80)}</head><body></body></html>`;
writeFileSync(path.join(dir, 'index.html'), page);
writeFileSync(path.join(dir, '..', `${path.basename(dir)}-secret.txt`), 'not for the web');
afterAll(() => rmSync(path.join(dir, '..', `${path.basename(dir)}-secret.txt`), { force: true }));

const respond = staticFiles(dir, { transformHtml: (html) => html.replace('</head>', '<meta name="x" content="y"></head>') });
const text = (body: Uint8Array | string) => (typeof body === 'string' ? body : Buffer.from(body).toString('utf8'));

describe('the built app, as the shared server serves it', () => {
  it('sends Brotli when the browser takes it, else gzip, else the file as it is; the same bytes every way', async () => {
    const br = await respond('/assets/first-screen-abc123.js', 'gzip, deflate, br, zstd');
    expect(br.headers['Content-Encoding']).toBe('br');
    expect(brotliDecompressSync(br.body as Uint8Array).toString('utf8')).toBe(script);
    expect(br.body.length).toBeLessThan(script.length / 4);

    const gz = await respond('/assets/first-screen-abc123.js', 'gzip, deflate');
    expect(gz.headers['Content-Encoding']).toBe('gzip');
    expect(gunzipSync(gz.body as Uint8Array).toString('utf8')).toBe(script);

    const plain = await respond('/assets/first-screen-abc123.js', undefined);
    expect(plain.headers['Content-Encoding']).toBeUndefined();
    expect(text(plain.body)).toBe(script);

    for (const answer of [br, gz, plain]) {
      expect(answer.headers.Vary).toBe('Accept-Encoding');
      expect(answer.headers['Content-Type']).toBe('text/javascript');
      expect(answer.headers['Cache-Control']).toBe('public, max-age=31536000, immutable');
    }
  });

  it('compresses the packs, revalidates what is not a hashed asset, and leaves images and tiny files alone', async () => {
    const pack = await respond('/packs/CZ041/obce.display.geojson', 'gzip');
    expect(pack.headers['Content-Encoding']).toBe('gzip');
    expect(pack.headers['Cache-Control']).toBe('no-cache');
    expect(gunzipSync(pack.body as Uint8Array).toString('utf8')).toBe(boundaries);
    expect((await respond('/icon.png', 'br')).headers['Content-Encoding']).toBeUndefined();
    expect((await respond('/favicon.svg', 'br')).headers['Content-Encoding']).toBeUndefined();
  });

  it('answers an unknown path with the app, its page changed once, and compressed too', async () => {
    const answer = await respond('/some/route', 'br');
    expect(answer.headers['Content-Type']).toBe('text/html; charset=utf-8');
    expect(answer.headers['Cache-Control']).toBe('no-cache');
    const html = brotliDecompressSync(answer.body as Uint8Array).toString('utf8');
    expect(html).toContain('<meta name="x" content="y"></head>');
    expect(html.match(/<meta name="x"/g)).toHaveLength(1);
  });

  it('refuses what lies outside the folder and names that cannot be decoded', async () => {
    const secret = `/..%2F${path.basename(dir)}-secret.txt`;
    for (const pathname of [secret, '/../etc/passwd', '/%E0%A4%A']) {
      const answer = await respond(pathname, 'gzip');
      expect(answer.status).toBe(404);
      expect(text(answer.body)).not.toContain('not for the web');
    }
  });

  it('serves a rebuilt file anew, not the compressed copy of the old one', async () => {
    const file = path.join(dir, 'assets', 'first-screen-abc123.js');
    await respond('/assets/first-screen-abc123.js', 'br');
    const rebuilt = `${script}// rebuilt\n`;
    writeFileSync(file, rebuilt);
    const later = new Date(Date.now() + 5_000);
    utimesSync(file, later, later);
    const answer = await respond('/assets/first-screen-abc123.js', 'br');
    expect(brotliDecompressSync(answer.body as Uint8Array).toString('utf8')).toBe(rebuilt);
  });

  it('many requests for one file share one compression', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => respond('/packs/CZ041/obce.display.geojson', 'br')));
    expect(new Set(answers.map((answer) => answer.body)).size).toBe(1);
  });
});

describe('chooseEncoding', () => {
  it('reads Accept-Encoding as browsers and proxies send it', () => {
    expect(chooseEncoding('gzip, deflate, br')).toBe('br');
    expect(chooseEncoding('br;q=0, gzip')).toBe('gzip');
    expect(chooseEncoding('gzip;q=0')).toBe('identity');
    expect(chooseEncoding('*')).toBe('br');
    expect(chooseEncoding('*;q=0, gzip;q=0.5')).toBe('gzip');
    expect(chooseEncoding('identity')).toBe('identity');
    expect(chooseEncoding(undefined)).toBe('identity');
    expect(chooseEncoding('')).toBe('identity');
  });
});
