// How the journey machine is made: actors given when it is made (one build of its states, as
// `createJourney` does) behave as provided ones, and the shared `journeyMachine`, made on first
// use, is a machine like any other.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createActor } from 'xstate';
import { StateMachine } from 'xstate';
import { createJourneyMachine, createMemorySource, journeyActors, journeyMachine } from '@showroom/core';
import { testCatalog, until } from './journey-support.js';

const ready = { active: { build: { ready: 'idle' } } } as const;

describe('journey machine: making it', () => {
  it('runs with the actors given when it is made, and says which ones are missing', async () => {
    const source = createMemorySource({ catalog: testCatalog(), seed: 7 });
    const { loadCatalog } = journeyActors(source);
    const actor = createActor(createJourneyMachine({ actors: { loadCatalog } }), {
      input: { channel: 'brand-site', locale: 'en' },
    }).start();
    const s = await until(actor, (snap) => snap.matches(ready), 'the build');
    assert.equal(s.context.configId, 'a6~a6-lr~paint-white~wheel-19');
    actor.send({ type: 'advisor.check' });
    const failed = await until(
      actor,
      (snap) => (snap.value as { active: Record<string, unknown> }).active['advisor'] === 'failed',
      'the advisor failure',
    );
    assert.equal(failed.context.errors.advisor?.code, 'not_provided');
    actor.stop();
  });

  it('shares a journeyMachine that is made on first use and works as any machine', async () => {
    assert.ok(journeyMachine instanceof StateMachine);
    assert.equal(journeyMachine.id, 'journey');
    assert.equal(journeyMachine.root.states['active']?.type, 'parallel');
    const source = createMemorySource({ catalog: testCatalog(), seed: 7 });
    const machine = journeyMachine.provide({ actors: journeyActors(source) });
    const actor = createActor(machine, { input: { channel: 'brand-site', locale: 'en' } }).start();
    const s = await until(actor, (snap) => snap.matches(ready), 'the build');
    assert.equal(s.context.price?.total, 281900);
    assert.ok(journeyMachine.resolveState({ value: s.value, context: s.context }).matches(ready));
    actor.stop();
  });
});
