// Lockstep between the generated Go server and the generated TypeScript client, for every event of
// the schema: payloads the Go emitters send arrive through the hooks' `on` with identical values
// (times as Date objects of the same instant), and payloads the client sends reach the Go handlers
// intact. The payloads are the test server's fixtures, derived from the schema, so an event the
// schema adds is covered without touching this file.
import { act, waitFor } from '@testing-library/react';
import { afterAll, describe, expect, it } from 'vitest';
import { namespaceDescriptors, useSocket, type NamespaceName } from '../generated/ts';
import { nextEvent, renderRealtime } from './support/render';
import { TestServer, type Json } from './support/server';

const server = await TestServer.start();
afterAll(() => server.stop());
const fixtures = await server.fixtures();

const TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

/**
 * Asserts that got, a value the client delivered, equals wire, the JSON the server sent: the same
 * keys, the same scalars, and a Date of the same instant wherever wire holds a time. Sample strings
 * are never time-like, so every time-like string is a time field.
 */
function expectDelivered(got: unknown, wire: Json | undefined, path = '$'): void {
  if (typeof wire === 'string' && TIME.test(wire)) {
    expect(got, `${path} is a Date`).toBeInstanceOf(Date);
    expect((got as Date).getTime(), path).toBe(Date.parse(wire));
  } else if (Array.isArray(wire)) {
    expect(Array.isArray(got), `${path} is an array`).toBe(true);
    expect((got as unknown[]).length, `${path}.length`).toBe(wire.length);
    wire.forEach((w, i) => expectDelivered((got as unknown[])[i], w, `${path}[${i}]`));
  } else if (wire !== null && typeof wire === 'object') {
    expect(got, `${path} is an object`).toBeTypeOf('object');
    expect(Object.keys(got as object).sort(), `${path} keys`).toEqual(Object.keys(wire).sort());
    for (const [k, w] of Object.entries(wire)) expectDelivered((got as Record<string, unknown>)[k], w, `${path}.${k}`);
  } else {
    expect(got, path).toStrictEqual(wire);
  }
}

/** Asserts that two JSON values are equal, times compared as instants (the client sends milliseconds). */
function expectSameJSON(got: Json, want: Json, path = '$'): void {
  if (typeof want === 'string' && TIME.test(want)) {
    expect(typeof got === 'string' ? Date.parse(got) : got, path).toBe(Date.parse(want));
  } else if (Array.isArray(want)) {
    expect(Array.isArray(got) && got.length, `${path}.length`).toBe(want.length);
    want.forEach((w, i) => expectSameJSON((got as Json[])[i]!, w, `${path}[${i}]`));
  } else if (want !== null && typeof want === 'object') {
    expect(Object.keys(got as object).sort(), `${path} keys`).toEqual(Object.keys(want).sort());
    for (const [k, w] of Object.entries(want)) expectSameJSON((got as Record<string, Json>)[k]!, w, `${path}.${k}`);
  } else {
    expect(got, path).toStrictEqual(want);
  }
}

/** A client payload as an app builds it: the time fields as Date objects. */
function withDates(sample: Json, paths: string[][] | null): unknown {
  const value: unknown = structuredClone(sample);
  let root = value;
  for (const path of paths ?? []) {
    if (path.length === 0) {
      root = new Date(root as string);
      continue;
    }
    const walk = (node: unknown, i: number): void => {
      if (node === null || typeof node !== 'object') return;
      const obj = node as Record<string, unknown>;
      for (const k of path[i] === '*' ? Object.keys(obj) : [path[i]!]) {
        if (!(k in obj)) continue;
        if (i === path.length - 1) obj[k] = new Date(obj[k] as string);
        else walk(obj[k], i + 1);
      }
    };
    walk(root, 0);
  }
  return root;
}

type LooseSocket = {
  on: (event: never, handler: (payload: unknown) => void) => () => void;
  emit: (event: string, ...args: unknown[]) => void;
  emitWithAck: (event: string, ...args: unknown[]) => Promise<unknown>;
};

it('covers every event of every generated descriptor', () => {
  const names = Object.keys(namespaceDescriptors).sort();
  expect(fixtures.namespaces.map((n) => n.name).sort()).toEqual(names);
  for (const ns of fixtures.namespaces) {
    const desc = namespaceDescriptors[ns.name as NamespaceName];
    expect(ns.serverEvents.map((e) => e.event)).toEqual(desc.serverEvents);
    const roomEvents = ns.rooms.flatMap((r) => [r.joinEvent, r.leaveEvent]);
    expect(desc.clientEvents).toEqual([...roomEvents, ...ns.clientEvents.map((e) => e.event)]);
  }
});

describe.each(fixtures.namespaces)('$name', (ns) => {
  async function connect() {
    const rendered = renderRealtime(server, () => useSocket({ namespace: ns.name as NamespaceName }), {
      auth: { session: fixtures.session },
    });
    await waitFor(() => expect(rendered.result.current.connected).toBe(true));
    return rendered;
  }

  it('every server event, through every generated emitter, arrives intact through on', async () => {
    const { result, unmount } = await connect();
    const io = result.current as unknown as LooseSocket;
    for (const room of ns.rooms) {
      await act(() => io.emitWithAck(room.joinEvent, ...room.joinArgs));
    }
    let checked = 0;
    for (const ev of ns.serverEvents) {
      expect(ev.emitters.length, `${ev.event} has an emitter`).toBeGreaterThan(0);
      for (const emitter of ev.emitters) {
        for (const sample of ev.samples ?? [undefined]) {
          const arrived = nextEvent<unknown>(io.on, ev.event);
          await server.emit(ns.name, emitter.method, emitter.params, sample, emitter.message);
          const got = await arrived;
          expectDelivered(got, sample, `${ev.event} via ${emitter.method}`);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(ns.serverEvents.length);
    expect(result.current.error).toBeNull();
    unmount();
  });

  // A namespace without client events (e.g. /leaderboard) has nothing to send.
  if (ns.clientEvents.length > 0) {
    it('every client event reaches the generated Go handler intact', async () => {
      const { result, unmount } = await connect();
      const io = result.current as unknown as LooseSocket;
      for (const ev of ns.clientEvents) {
        for (const sample of ev.samples ?? [undefined]) {
          const before = (await server.received()).length;
          const payload = sample === undefined ? [] : [withDates(sample, ev.payloadTimes)];
          if (ev.ack !== null) {
            const ack = await io.emitWithAck(ev.event, ...payload);
            expectDelivered(ack, ev.ack, `${ev.event} ack`);
          } else {
            io.emit(ev.event, ...payload);
          }
          let got: Awaited<ReturnType<typeof server.received>> = [];
          await waitFor(async () => {
            got = (await server.received()).slice(before);
            expect(got).toHaveLength(1);
          });
          expect(got[0]).toMatchObject({ namespace: ns.name, event: ev.event, method: ev.method });
          expectSameJSON(got[0]!.payload, sample ?? null, ev.event);
        }
      }
      expect(result.current.error).toBeNull();
      unmount();
    });  }
  });
