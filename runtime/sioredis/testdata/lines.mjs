// What the scripts driving a cluster test share: observations as JSON lines
// on stdout, commands as JSON lines on stdin, and binary values written as
// {"$bin": "<hex>"} both ways.
import { createInterface } from 'node:readline';

export const report = (t, v) => process.stdout.write(JSON.stringify({ t, v }) + '\n');

const fail = (err) => {
  report('fail', String(err?.stack ?? err));
  process.exit(1);
};
process.on('unhandledRejection', fail);

// onCommand calls handle with each command line, one at a time.
export const onCommand = (handle) => {
  let chain = Promise.resolve();
  createInterface({ input: process.stdin })
    .on('line', (line) => {
      chain = chain.then(() => handle(JSON.parse(line))).catch(fail);
    })
    .on('close', () => chain.then(() => process.exit(0)));
};

// fromWire turns {"$bin": hex} into Buffers; toWire does the reverse.
export const fromWire = (v) => {
  if (Array.isArray(v)) return v.map(fromWire);
  if (v && typeof v === 'object') {
    if (typeof v.$bin === 'string') return Buffer.from(v.$bin, 'hex');
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fromWire(x)]));
  }
  return v;
};
export const toWire = (v) => {
  if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) return { $bin: Buffer.from(v).toString('hex') };
  if (Array.isArray(v)) return v.map(toWire);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toWire(x)]));
  return v;
};
