// The fingerprint handshake from the hooks' side: a bundle built from an older schema, against the
// current server. An older bundle is the generated hook run on its own, older descriptor; here that
// is the seed's descriptor carrying the contract the older schema generated.
import { waitFor } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  leaderboardNamespace,
  useLeaderboardSocket,
  useNamespaceSocket,
  type LeaderboardSocketOptions,
  type LeaderboardSocketResult,
  type NamespaceDescriptor,
} from '../generated/ts';
import { renderRealtime } from './support/render';
import { TestServer } from './support/server';

let server: TestServer;
beforeAll(async () => {
  server = await TestServer.start();
});
afterAll(() => server?.stop());

const alice = { token: 'user:7:team:5,6:roles:rep' };

interface ContractJSON {
  types: { name: string; fields?: { name: string; type: string; optional?: boolean }[] }[];
}

/** The leaderboard descriptor of a bundle whose schema differed as edit says. */
function olderBundle(edit: (c: ContractJSON) => void): NamespaceDescriptor {
  const contract = leaderboardNamespace.contract;
  if (!contract) throw new Error('the generated descriptor carries no contract');
  const older = JSON.parse(contract.text) as ContractJSON;
  edit(older);
  return { ...leaderboardNamespace, contract: { fingerprint: 'older', text: JSON.stringify(older) } };
}

function type(c: ContractJSON, name: string) {
  const t = c.types.find((x) => x.name === name);
  if (!t?.fields) throw new Error(`no struct ${name} in the contract`);
  return t.fields;
}

function renderBundle(desc: NamespaceDescriptor, options: LeaderboardSocketOptions) {
  return renderRealtime(server, () => useNamespaceSocket<LeaderboardSocketResult>(desc, options, 'useLeaderboardSocket'), { auth: alice });
}

describe('stale bundles', () => {
  it('the current bundle connects and is not stale', async () => {
    const onStale = vi.fn();
    const { result, unmount } = renderRealtime(server, () => useLeaderboardSocket({ tvDisplay: true, onStale }), { auth: alice });
    await waitFor(() => expect(result.current.connected).toBe(true));
    expect(result.current.stale).toBe(false);
    expect(onStale).not.toHaveBeenCalled();
    unmount();
  });

  it('a bundle the server breaks is refused: stale, schema_mismatch, the schema-declared onStale called once', async () => {
    // The older schema's RankingUpdate had a required region, which the server no longer sends.
    const desc = olderBundle((c) => type(c, 'RankingUpdate').push({ name: 'region', type: 'string' }));
    const onStale = vi.fn();
    const { result, unmount } = renderBundle(desc, { tvDisplay: true, onStale });
    await waitFor(() => expect(result.current.stale).toBe(true));
    expect(leaderboardNamespace.stale).toBe('onStale');
    expect(result.current.state).toBe('error');
    expect(result.current.connected).toBe(false);
    expect(result.current.error?.code).toBe('schema_mismatch');
    const details = result.current.error?.details as { changes: string[]; server: string };
    expect(details.changes).toEqual(['RankingUpdate.region: required field removed (/leaderboard rank:changed, /leaderboard rankings:update)']);
    expect(details.server).toBe(leaderboardNamespace.contract?.fingerprint);
    expect(onStale).toHaveBeenCalledTimes(1);
    unmount();
  });

  it('a bundle the server does not break connects: an optional field it lacks is fine', async () => {
    // The older schema had no LeaderboardEntry.change; the server sends it, the bundle ignores it.
    const desc = olderBundle((c) => {
      const fields = type(c, 'LeaderboardEntry');
      fields.splice(fields.findIndex((f) => f.name === 'change'), 1);
    });
    const onStale = vi.fn();
    const { result, unmount } = renderBundle(desc, { tvDisplay: true, onStale });
    await waitFor(() => expect(result.current.connected).toBe(true));
    expect(result.current.stale).toBe(false);
    expect(onStale).not.toHaveBeenCalled();
    unmount();
  });
});
