import { expect } from '@open-wc/testing';
import { runScenario } from './support/scenario.js';

describe('connector under faults', () => {
  it('1,000 leads through 5xx, 429, hangs, dropped answers and offline spells: none lost, none stored twice', async function () {
    this.timeout(120_000);
    const result = await runScenario({ leads: 1000, name: `chaos-${crypto.randomUUID()}`, seed: 7 });
    console.log(`1,000 leads under faults: ${JSON.stringify(result)}`);
    expect(result.receiverErrors).to.deep.equal([]);
    expect(result).to.include({
      sent: 1000,
      stored: 1000,
      lost: 0,
      duplicated: 0,
      deadLetters: 0,
      deliveredEvents: 1000,
    });
    // Answers lost after the receiver stored the lead force a retry that it deduplicates.
    expect(result.deliveries).to.be.greaterThan(1000);
    expect(result.pendingAtReconnect).to.be.greaterThan(0);
  });
});
