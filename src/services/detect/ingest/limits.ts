/** Named caps for detection ingest: every size and count a sender controls is bounded here. */

/** Default largest syslog frame (TCP) or datagram (UDP) read, in bytes. */
export const DEFAULT_SYSLOG_MAX_FRAME_BYTES = 64 * 1024;
/** Default events handed to `onBatch` at once. */
export const DEFAULT_BATCH_SIZE = 500;
/** Default longest time an event waits in an open batch, in milliseconds. */
export const DEFAULT_FLUSH_MS = 250;
/** Items queued or being handled past which TCP and TLS sockets are paused. */
export const DEFAULT_HIGH_WATER_ITEMS = 20_000;
/** Items queued at or below which paused sockets resume. */
export const DEFAULT_LOW_WATER_ITEMS = 5_000;
/** Items queued past which UDP datagrams are dropped (and counted). */
export const DEFAULT_UDP_QUEUE_CAP = 50_000;
/** UDP senders with an open batch at once; past it, every open batch is flushed. */
export const MAX_UDP_OPEN_BATCHES = 1_024;
/** TCP and TLS connections at once, per listener. */
export const DEFAULT_MAX_CONNECTIONS = 1_024;
/** Receive buffer asked of the kernel for the UDP socket (it may grant less). */
export const DEFAULT_UDP_RECV_BUFFER_BYTES = 4 * 1024 * 1024;
/** TLS handshake must finish within this, in milliseconds. */
export const TLS_HANDSHAKE_TIMEOUT_MS = 10_000;

/** Longest JSON message or record read as an event, in characters. */
export const MAX_JSON_RECORD_CHARS = 1024 * 1024;
/** Deepest nesting of a JSON event. */
export const MAX_JSON_DEPTH = 32;
/** Values (of any kind, counted over the whole tree) in one JSON event. */
export const MAX_JSON_VALUES = 20_000;

/** Default largest HTTP ingest body, in bytes. */
export const DEFAULT_INGEST_BODY_BYTES = 16 * 1024 * 1024;

/** Bytes of a file the sniffer looks at. */
export const SNIFF_BYTES = 16 * 1024;
/** Longest text line read from a log file, in bytes; longer lines are rejected. */
export const MAX_LOG_LINE_BYTES = 1024 * 1024;
