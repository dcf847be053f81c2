/** Caps on what classification reads from one event, so a hostile record costs a bounded amount. */

/** IP addresses kept per event. */
export const MAX_EVENT_IPS = 16;
/** Characters kept of a host name; a longer value is not taken as a host name. */
export const MAX_HOST_CHARS = 255;
/** Characters of a time text that are parsed; a longer text is not a time. */
export const MAX_TIME_CHARS = 64;
/** Characters of a log name (channel, Zeek path, EVE event type) used as a service. */
export const MAX_SERVICE_CHARS = 128;
/** Windows log-source decisions (channel, provider, event ID) remembered. */
export const MAX_CACHED_LOGSOURCES = 1_024;
