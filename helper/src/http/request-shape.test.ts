// The body cap through a real Node server: a declared Content-Length is judged from the header, a chunked body
// while it streams; both get 413 past the limit and pass under it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { onError } from './errors.ts';
import { BodyBudget, requestShape } from './request-shape.ts';

const LIMIT = 1000;
/** Bytes of request bodies the helper holds at once, over all requests. */
const BUDGET = 1500;
let server: ServerType;
let port: number;
let inHandler = 0;
let mostInHandler = 0;
let release: () => void = () => {};
let held: Promise<void> = Promise.resolve();

beforeAll(async () => {
  const app = new Hono();
  app.onError(onError);
  app.use('*', requestShape(() => LIMIT, new BodyBudget(BUDGET)));
  app.post('/echo', async (c) => c.json({ bytes: (await c.req.text()).length }));
  app.post('/hold', async (c) => {
    inHandler++;
    mostInHandler = Math.max(mostInHandler, inHandler);
    const text = await c.req.text();
    await held;
    inHandler--;
    return c.json({ bytes: text.length });
  });
  port = await new Promise<number>((resolve) => {
    server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => resolve(info.port));
  });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Sends a raw request; `open` keeps our side open until the server closes (as a browser does while it waits). */
function raw(head: string, body: string, open = false): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => (open ? socket.write(`${head}\r\n\r\n${body}`) : socket.end(`${head}\r\n\r\n${body}`)));
    let data = '';
    socket.on('data', (c) => (data += c.toString()));
    socket.on('close', () => resolve(data));
    socket.on('error', reject);
  });
}

const json = (size: number) => JSON.stringify({ pad: 'x'.repeat(size - 10) });
const chunked = (text: string) => `${text.length.toString(16)}\r\n${text}\r\n0\r\n\r\n`;
const head = (extra: string) => `POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nConnection: close\r\n${extra}`;

describe('request body cap', () => {
  it('judges a declared length from the header', async () => {
    const small = json(LIMIT);
    expect(await raw(head(`Content-Length: ${small.length}`), small)).toMatch(/^HTTP\/1\.1 200/);
    const big = json(LIMIT + 1);
    const refused = await raw(head(`Content-Length: ${big.length}`), big);
    expect(refused).toMatch(/^HTTP\/1\.1 413/);
    expect(refused).toMatch(/payload_too_large/);
  });

  it('counts a chunked body while it streams', async () => {
    expect(await raw(head('Transfer-Encoding: chunked'), chunked(json(LIMIT)))).toMatch(/^HTTP\/1\.1 200/);
    expect(await raw(head('Transfer-Encoding: chunked'), chunked(json(LIMIT + 1)))).toMatch(/^HTTP\/1\.1 413/);
  });

  it('cannot be fooled by a small Content-Length followed by more bytes: the route never sees more than declared', async () => {
    const answer = await raw(head('Content-Length: 20'), json(LIMIT + 500));
    // Node's parser reads the rest as a next request, which is malformed: 400, with or without the first answer.
    expect(answer).toMatch(/HTTP\/1\.1 400/);
    for (const m of answer.matchAll(/"bytes":(\d+)/g)) expect(Number(m[1])).toBe(20);
  });

  it('holds at most the global budget of bodies at once: later uploads wait their turn, none is lost', async () => {
    held = new Promise<void>((r) => (release = r));
    const body = json(900); // two of these exceed the 1500-byte budget
    const answers = Promise.all(Array.from({ length: 4 }, () => raw(head(`Content-Length: ${body.length}`).replace('/echo', '/hold'), body, true)));
    await new Promise((r) => setTimeout(r, 300));
    expect(inHandler).toBe(1);
    release();
    for (const a of await answers) expect(a).toMatch(/^HTTP\/1\.1 200[\s\S]*"bytes":900/);
    expect(mostInHandler).toBe(1);
  });
});
