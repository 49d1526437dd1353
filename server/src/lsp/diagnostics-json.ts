/**
 * The server's connection. Over stdio its writer sends a publishDiagnostics (or a full report answering a pull)
 * whose diagnostics carry their own JSON (`DIAGNOSTICS_JSON`, diagnostics.ts) as those bytes, instead of serialising every diagnostic of
 * the file again on each keystroke (9,600 diagnostics are 4.8 MB even without their fixes: tens of ms of
 * `JSON.stringify`). The bytes are exactly what `JSON.stringify` gives (tested); every other message, and
 * every other transport (`--node-ipc`, sockets, pipes), is as `createConnection` makes it.
 */
import {
  createConnection,
  ProposedFeatures,
  StreamMessageWriter,
  type Connection,
  type ContentTypeEncoderOptions,
  type Message,
} from 'vscode-languageserver/node';
import { format } from 'node:util';
import { asciiJson, DIAGNOSTICS_JSON } from './diagnostics-cache';

/** Where the diagnostics go in the serialised message (a string that JSON never writes unescaped in a string). */
const MARK = '\u0000scalelint-diagnostics\u0000';
const MARK_JSON = JSON.stringify(MARK);

/** The JSON (ASCII) of diagnostics as sent: their prepared bytes when they carry them, else `JSON.stringify`. */
export function itemsJson(diagnostics: readonly unknown[]): Buffer {
  const prepared = (diagnostics as unknown as Record<symbol, unknown>)[DIAGNOSTICS_JSON];
  return typeof prepared === 'function' ? (prepared as () => Buffer)() : Buffer.from(asciiJson(JSON.stringify(diagnostics)));
}

/**
 * A message's bytes, all ASCII: a publishDiagnostics, or a full diagnostic report answering a pull, with prepared
 * JSON spliced, anything else `JSON.stringify`. With
 * `reuse`, a publish is written into a buffer kept for the next one (valid until then: the writer sends
 * one message at a time, the next encoded only when the last is written).
 */
export function encodeMessage(msg: Message, charset: BufferEncoding = 'utf-8', reuse = false): Buffer {
  const m = msg as Message & { method?: string; params?: { diagnostics?: unknown }; result?: { kind?: unknown; items?: unknown } | null };
  const published = m.method === 'textDocument/publishDiagnostics';
  const diagnostics = published ? m.params?.diagnostics : m.method === undefined && m.result?.kind === 'full' ? m.result.items : undefined;
  const prepared = diagnostics && (diagnostics as Record<symbol, unknown>)[DIAGNOSTICS_JSON];
  if (typeof prepared !== 'function' || charset !== 'utf-8') return Buffer.from(asciiJson(JSON.stringify(msg, undefined, 0)), charset);
  const marked = published ? { ...m, params: { ...m.params, diagnostics: MARK } } : { ...m, result: { ...m.result, items: MARK } };
  const text = asciiJson(JSON.stringify(marked, undefined, 0));
  const at = text.indexOf(MARK_JSON);
  const frame = prepared as (head: Buffer, tail: Buffer, into?: Buffer) => Buffer;
  const out = frame(Buffer.from(text.slice(0, at)), Buffer.from(text.slice(at + MARK_JSON.length)), reuse ? scratch : undefined);
  if (reuse && out.buffer !== scratch?.buffer) scratch = Buffer.allocUnsafeSlow(Math.ceil(out.length * 1.25)); // for the next one
  return out;
}

/** The buffer the stdio writer's publishes are written into (grown as needed). */
let scratch: Buffer | undefined;

/** `createConnection(ProposedFeatures.all)`, with the writer above when the transport is stdio. */
export function createServerConnection(): Connection {
  if (!process.argv.slice(2).includes('--stdio')) return createConnection(ProposedFeatures.all);
  const writer = new StreamMessageWriter(process.stdout, {
    charset: 'utf-8',
    contentTypeEncoder: { name: 'application/json', encode: (msg: Message, options: ContentTypeEncoderOptions) => Promise.resolve(encodeMessage(msg, options.charset as BufferEncoding, true)) },
  });
  // The input as a stream: the connection ends the process when it closes, as with `--stdio`.
  const connection = createConnection(ProposedFeatures.all, process.stdin, writer as never);
  // What `--stdio` does besides: nothing may print to stdout, which carries the protocol.
  console.log = (...args: unknown[]) => connection.console.log(format(...args));
  console.info = (...args: unknown[]) => connection.console.info(format(...args));
  console.debug = (...args: unknown[]) => connection.console.log(format(...args));
  console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
  console.error = (...args: unknown[]) => connection.console.error(format(...args));
  return connection;
}
