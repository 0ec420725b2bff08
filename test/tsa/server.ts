// Serves a TimestampAuthority over HTTP on 127.0.0.1 (RFC 3161 section 3.4: POST application/timestamp-query).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTimestampAuthority, type TimestampAuthority } from './authority.ts';

export interface RunningTsa {
  url: string;
  authority: TimestampAuthority;
  close(): Promise<void>;
}

export async function startTsa(options: { port?: number; authority?: TimestampAuthority } = {}): Promise<RunningTsa> {
  const authority = options.authority ?? (await createTimestampAuthority());
  const server: Server = createServer((req, res) => {
    if (req.method !== 'POST' || req.headers['content-type'] !== 'application/timestamp-query') {
      res.writeHead(req.method === 'POST' ? 415 : 405).end();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > 64 * 1024) req.destroy();
      else chunks.push(c);
    });
    req.on('end', () => {
      authority
        .respond(Buffer.concat(chunks))
        .then((body) => res.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(body))
        .catch((err) => res.writeHead(500).end(String(err)));
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/tsa`,
    authority,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
