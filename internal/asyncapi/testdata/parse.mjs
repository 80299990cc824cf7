// Parses an AsyncAPI document (argv[2]) with the official @asyncapi/parser
// and reports its diagnostics and what a tool reading it sees.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Parser } = require('@asyncapi/parser');
const report = (t, v) => process.stdout.write(JSON.stringify({ t, v }) + '\n');

try {
  const { document, diagnostics } = await new Parser().parse(readFileSync(process.argv[2], 'utf8'));
  const pos = (d) => `${d.range?.start?.line + 1}:${d.range?.start?.character + 1}`;
  report('diagnostics', {
    errors: diagnostics.filter((d) => d.severity === 0).map((d) => `${pos(d)} ${d.code}: ${d.message} at ${d.path.join('.')}`),
    warnings: diagnostics.filter((d) => d.severity === 1).map((d) => `${d.code}: ${d.message} at ${d.path.join('.')}`),
  });
  if (!document) process.exit(0);

  const channels = {};
  for (const ch of document.channels()) {
    channels[ch.id()] = {
      address: ch.address(),
      parameters: ch.parameters().all().map((p) => p.id()),
      messages: ch.messages().all().map((m) => m.name()),
    };
  }
  const operations = {};
  for (const op of document.operations()) {
    const reply = op.reply();
    operations[op.id()] = {
      action: op.action(),
      channels: op.channels().all().map((c) => c.id()),
      messages: op.messages().all().map((m) => m.name()),
      reply: reply ? reply.messages().all().map((m) => m.name()) : null,
      security: op.security().map((s) => s.all().map((r) => r.scheme().type())).flat(),
    };
  }
  const payload = (id) => document.components().messages().get(id)?.payload()?.json();
  report('model', {
    title: document.info().title(),
    channels,
    operations,
    achievementEarned: payload('leaderboard.server.achievementEarned'),
    roleplayMessageAck: payload('training.client.roleplayMessage.ack'),
    joinSession: payload('training.client.joinSession'),
  });
} catch (err) {
  report('fail', String(err?.stack ?? err));
}
