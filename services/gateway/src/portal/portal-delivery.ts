// The web portal as the gateway serves it: files from portal/dist (Vite writes `.br` and `.gz`
// siblings of every text file at build), the compressed one when the browser asks for it;
// hashed assets cached for a year (their name changes with their content), everything else,
// index.html first, revalidated on every load so a new release is picked up at once.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

/** Vite's output names: `assets/<name>-<8+ char hash>.<ext>` (and their compressed siblings). */
const HASHED = /\/assets\/[^/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+(?:\.(?:br|gz))?$/;

export const cacheControlFor = (path: string): string => (HASHED.test(path.replace(/\\/g, '/')) ? IMMUTABLE : REVALIDATE);

export type Encoding = 'br' | 'gzip' | null;

/** The best encoding the request accepts among those we keep (brotli, then gzip); q=0 refuses one. */
export function preferredEncoding(acceptEncoding: string | undefined): Encoding {
  if (!acceptEncoding) return null;
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name = '', ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    accepted.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  const quality = (name: string) => accepted.get(name) ?? (accepted.get('*') ?? 0);
  if (quality('br') > 0) return 'br';
  if (quality('gzip') > 0) return 'gzip';
  return null;
}

interface IndexForms {
  identity: Buffer;
  br: Buffer | null;
  gzip: Buffer | null;
}

async function readIndex(portalDir: string): Promise<IndexForms> {
  const optional = (name: string) => (existsSync(join(portalDir, name)) ? readFile(join(portalDir, name)) : Promise.resolve(null));
  const [identity, br, gzip] = await Promise.all([readFile(join(portalDir, 'index.html')), optional('index.html.br'), optional('index.html.gz')]);
  return { identity, br, gzip };
}

/** Sends index.html (for `/` and every client-side route), compressed when asked, never cached unrevalidated. */
function sendIndex(index: IndexForms, req: FastifyRequest, reply: FastifyReply): void {
  const wanted = preferredEncoding(req.headers['accept-encoding']);
  const body = wanted === 'br' ? index.br : wanted === 'gzip' ? index.gzip : null;
  void reply.header('cache-control', REVALIDATE).header('vary', 'Accept-Encoding').type('text/html; charset=utf-8');
  if (body && wanted) void reply.header('content-encoding', wanted);
  void reply.send(body ?? index.identity);
}

/**
 * Serves the built portal at `/` with a fallback to index.html for client routes (a GET that
 * matches no API route, file or other route lands there: find-my-way tries wildcards last).
 */
export async function servePortal(app: NestFastifyApplication, portalDir: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: portalDir,
    prefix: '/',
    wildcard: false,
    decorateReply: false,
    preCompressed: true,
    // Our own Cache-Control below (send's default is `public, max-age=0`).
    cacheControl: false,
    index: false,
    // The compressed siblings are found by preCompressed, not asked for by name.
    globIgnore: ['**/*.br', '**/*.gz'],
    setHeaders: (reply, path) => {
      void reply.header('cache-control', cacheControlFor(path));
    },
  });
  const fastify = app.getHttpAdapter().getInstance();
  const index = await readIndex(portalDir);
  fastify.get('/', (req, reply) => sendIndex(index, req, reply));
  fastify.get('/*', (req, reply) => {
    if (req.url.startsWith('/api/')) {
      void reply.status(404).send({ statusCode: 404, error: 'Not Found', code: 'ROUTE.NOT_FOUND', message: `No route GET ${req.url.split('?')[0]}` });
      return;
    }
    sendIndex(index, req, reply);
  });
}
