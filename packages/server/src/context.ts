import type { Advisor, Location } from '@showroom/core';
import type { Db } from './db/db.js';
import { migrate } from './db/migrations.js';
import { purgeKeys } from './idempotency.js';
import { SeedSchema } from './seed/schema.js';
import type { Seed, SeedAdvisor, SeedLocation } from './seed/schema.js';
import { insertSlots, planSlots } from './slots.js';
import type { ServerConfig } from './config.js';

/** The locations and advisors, read from the database once it is seeded. */
export interface Directory {
  locations: SeedLocation[];
  byId: Map<string, SeedLocation>;
  advisors: SeedAdvisor[];
  /** Advisors as slots show them. */
  advisorCards: Map<string, Advisor>;
}

/** Everything a route needs: storage, the clock, settings, the catalog and the directory. */
export interface ServerContext {
  db: Db;
  now: () => number;
  config: ServerConfig;
  /** The catalog document as served. */
  catalog: unknown;
  /** Migrates, seeds and plans slots once; every data route awaits it. */
  ready(): Promise<void>;
  directory(): Directory;
  /** Makes sure slots exist for the coming days (cheap unless the day changed). */
  ensureSlots(): Promise<void>;
}

/** A location as the API shows it. */
export function toLocation(loc: SeedLocation): Location {
  const out: Location = {
    id: loc.id,
    name: loc.name,
    address: loc.address,
    city: loc.city,
    geo: loc.geo,
    timeZone: loc.timeZone,
    services: loc.services,
  };
  if (loc.postcode !== undefined) out.postcode = loc.postcode;
  if (loc.phone !== undefined) out.phone = loc.phone;
  return out;
}

/**
 * Writes the seed: locations (with their fleet) and advisors are upserted, so a changed seed
 * takes effect on the next start. Slots already cut are kept with their bookings.
 */
export async function writeSeed(db: Db, seed: Seed): Promise<void> {
  const valid = SeedSchema.parse(seed);
  await db.transaction(async (tx) => {
    for (const [position, loc] of valid.locations.entries()) {
      const { fleet, ...doc } = loc;
      await tx.run(
        `INSERT INTO locations (id, position, time_zone, lat, lng, doc) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET position = excluded.position, time_zone = excluded.time_zone,
           lat = excluded.lat, lng = excluded.lng, doc = excluded.doc`,
        [loc.id, position, loc.timeZone, loc.geo.lat, loc.geo.lng, JSON.stringify(doc)],
      );
      await tx.run('DELETE FROM fleet WHERE location_id = ?', [loc.id]);
      for (const car of fleet) {
        await tx.run('INSERT INTO fleet (location_id, model_id, trim_id, cars) VALUES (?, ?, ?, ?)', [
          loc.id,
          car.modelId,
          car.trimId,
          car.cars,
        ]);
      }
    }
    for (const [position, adv] of valid.advisors.entries()) {
      await tx.run(
        `INSERT INTO advisors (id, position, time_zone, doc) VALUES (?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET position = excluded.position, time_zone = excluded.time_zone, doc = excluded.doc`,
        [adv.id, position, adv.timeZone, JSON.stringify(adv)],
      );
    }
  });
}

/** Reads locations, fleet and advisors back from the database. */
export async function readDirectory(db: Db): Promise<Directory> {
  const rows = await db.all<{ id: string; doc: string }>(
    'SELECT id, doc FROM locations ORDER BY position, id',
  );
  const fleet = await db.all<{ location_id: string; model_id: string; trim_id: string; cars: number }>(
    'SELECT location_id, model_id, trim_id, cars FROM fleet ORDER BY location_id, model_id, trim_id',
  );
  const locations = rows.map((r) => ({
    ...(JSON.parse(r.doc) as Omit<SeedLocation, 'fleet'>),
    fleet: fleet
      .filter((f) => f.location_id === r.id)
      .map((f) => ({ modelId: f.model_id, trimId: f.trim_id, cars: f.cars })),
  }));
  const advisors = (await db.all<{ doc: string }>('SELECT doc FROM advisors ORDER BY position, id')).map(
    (r) => JSON.parse(r.doc) as SeedAdvisor,
  );
  return {
    locations,
    byId: new Map(locations.map((l) => [l.id, l])),
    advisors,
    advisorCards: new Map(advisors.map((a) => [a.id, { id: a.id, name: a.name, languages: a.languages }])),
  };
}

/** Builds the context for an app; nothing touches the database until `ready()`. */
export function createContext(options: {
  db: Db;
  now: () => number;
  config: ServerConfig;
  catalog: unknown;
  seed: Seed;
}): ServerContext {
  const { db, now } = options;
  let directory: Directory | undefined;
  let readying: Promise<void> | undefined;
  let slotsDay: string | undefined;
  let planning: Promise<void> | undefined;

  const ensureSlots = async () => {
    const day = new Date(now()).toISOString().slice(0, 10);
    if (slotsDay === day) return;
    planning ??= (async () => {
      const dir = directory ?? (await readDirectory(db));
      await db.transaction((tx) => insertSlots(tx, planSlots(dir, now())));
      // Fresh statistics let the planner pick the place-and-trim index for alternatives.
      await db.run('ANALYZE slots');
      await purgeKeys(db, now());
      // Past slots nobody booked are of no use; booked ones stay with their bookings.
      await db.run(
        `DELETE FROM slots WHERE end_ms < ?
         AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.slot_id = slots.id)
         AND NOT EXISTS (SELECT 1 FROM calls c WHERE c.slot_id = slots.id)`,
        [now() - 7 * 86_400_000],
      );
      slotsDay = day;
    })().finally(() => (planning = undefined));
    await planning;
  };

  return {
    db,
    now,
    config: options.config,
    catalog: options.catalog,
    ready() {
      readying ??= (async () => {
        await migrate(db, now());
        await writeSeed(db, options.seed);
        directory = await readDirectory(db);
        await ensureSlots();
      })();
      readying.catch(() => (readying = undefined));
      return readying;
    },
    directory() {
      if (!directory) throw new Error('The server context is not ready');
      return directory;
    },
    ensureSlots,
  };
}
