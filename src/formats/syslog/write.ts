import type { SyslogMessage } from './types.js';

const escape = (value: string): string => value.replace(/["\\\]]/g, (c) => `\\${c}`);
const nil = (value: string | null): string => (value === null || value === '' ? '-' : value);

/** Writes an RFC 5424 message (no framing). The MSG gets a BOM when it is not plain ASCII. */
export function formatSyslog5424(message: SyslogMessage): string {
  const pri = message.facility * 8 + message.severity;
  const elements = Object.entries(message.structuredData).map(([id, params]) => {
    const pairs = Object.entries(params).map(([name, value]) => ` ${name}="${escape(value)}"`);
    return `[${id}${pairs.join('')}]`;
  });
  const sd = elements.length === 0 ? '-' : elements.join('');
  const head = `<${String(pri)}>1 ${nil(message.timestamp)} ${nil(message.hostname)} ${nil(message.appName)} ${nil(message.procId)} ${nil(message.msgId)} ${sd}`;
  if (message.message === '') return head;
  // eslint-disable-next-line no-control-regex
  const bom = /^[\x00-\x7f]*$/.test(message.message) ? '' : '\uFEFF';
  return `${head} ${bom}${message.message}`;
}
