import { expect, waitUntil } from '@open-wc/testing';
import { getDefaultJourney, setDefaultJourney, type JourneyHandle } from '../src/base/journey.js';
import { fixtureJourney } from '../src/fixtures/journey.js';

describe('the page default journey', () => {
  afterEach(() => setDefaultJourney(undefined));

  it('waits for a configuration made right after an element asked, and makes one journey, not two', async () => {
    setDefaultJourney(undefined);
    // An element defined by one chunk asks first …
    const asked = getDefaultJourney();
    // … and the page's configuration arrives in the same turn, from a later module.
    const made: JourneyHandle[] = [];
    setDefaultJourney(() => {
      const { journey } = fixtureJourney();
      made.push(journey);
      return journey;
    });
    const configured = getDefaultJourney();
    await waitUntil(() => made.length > 0, 'the configured journey is made');
    await new Promise((r) => setTimeout(r, 20));
    expect(made.length).to.equal(1);
    expect(configured).to.equal(made[0]);
    // What the first element holds now forwards to the configured journey.
    await waitUntil(() => asked.getSnapshot().context.catalog !== null, 'the first handle follows');
    expect(asked.getSnapshot().context.leadId).to.equal(made[0]!.getSnapshot().context.leadId);
  });
});
