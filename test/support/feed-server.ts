/**
 * A local feed publisher for sync tests: a real node:http server on an ephemeral port that serves
 * what each test puts at a path, answers conditional requests as a CDN does (ETag, Last-Modified,
 * 304), and records every request it saw so tests can assert on the server side.
 */
import {
  createServer,
  type IncomingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
}

/** Answers a request itself. */
export type Handler = (request: SeenRequest, res: ServerResponse) => void;

export interface StaticFile {
  readonly body: string | Uint8Array;
  readonly etag?: string;
  readonly lastModified?: string;
  readonly contentType?: string;
}

export interface FeedServer {
  /** The absolute URL of `path` on this server. */
  url(path: string): string;
  /** Serves `file` at `path`, honouring If-None-Match and If-Modified-Since. */
  file(path: string, file: StaticFile): void;
  /** Answers `path` with `handler`. */
  route(path: string, handler: Handler): void;
  /** Every request so far, in order. */
  readonly requests: SeenRequest[];
  /** The requests for `path`. */
  seen(path: string): SeenRequest[];
  close(): Promise<void>;
}

function serveStatic(file: StaticFile, request: SeenRequest, res: ServerResponse): void {
  const headers: Record<string, string> = {
    'content-type': file.contentType ?? 'application/octet-stream',
  };
  if (file.etag !== undefined) headers['etag'] = file.etag;
  if (file.lastModified !== undefined) headers['last-modified'] = file.lastModified;
  const ifNoneMatch = request.headers['if-none-match'];
  const ifModifiedSince = request.headers['if-modified-since'];
  const notModified =
    ifNoneMatch !== undefined
      ? file.etag !== undefined && ifNoneMatch === file.etag
      : ifModifiedSince !== undefined &&
        file.lastModified !== undefined &&
        Date.parse(file.lastModified) <= Date.parse(ifModifiedSince);
  if (notModified) {
    res.writeHead(304, headers).end();
    return;
  }
  res.writeHead(200, headers).end(file.body);
}

export async function startFeedServer(): Promise<FeedServer> {
  const routes = new Map<string, Handler>();
  const requests: SeenRequest[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const request: SeenRequest = {
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
    };
    requests.push(request);
    const handler = routes.get(url.pathname);
    if (handler === undefined) res.writeHead(404).end('not found');
    else handler(request, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  return {
    url: (path) => `${base}${path}`,
    file: (path, file) => {
      routes.set(path, (request, res) => {
        serveStatic(file, request, res);
      });
    },
    route: (path, handler) => {
      routes.set(path, handler);
    },
    requests,
    seen: (path) => requests.filter((r) => r.path === path),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
