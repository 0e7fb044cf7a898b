import { newBuildCode } from '@showroom/core';
import type { Lead } from '@showroom/core';

const uuid = (): string => crypto.randomUUID();

/**
 * A valid `showroom.lead/1` lead, varied by `i`: a full brand-site lead with build, finance and
 * a test drive (like spec/lead.md), a dealer-site lead with a home test drive, and a minimal
 * kiosk lead with contact details only.
 */
export function makeLead(i = 0): Lead {
  const id = uuid();
  const base = {
    schema: 'showroom.lead/1' as const,
    id,
    createdAt: '2026-11-22T10:15:30+08:00',
    consent: {
      contact: true as const,
      shareWithDealer: true,
      marketing: i % 2 === 0,
      textVersion: '2026-11-01',
      at: '2026-11-22T10:15:12+08:00',
    },
  };
  if (i % 3 === 2)
    return {
      ...base,
      source: { channel: 'kiosk', kioskId: 'popup-jingan-01' },
      customer: { name: `Kiosk Visitor ${i}`, email: `visitor${i}@example.com` },
    };
  const interest = {
    catalogId: 'aurora-cn-2027',
    modelId: 'a6',
    modelYear: 2027,
    make: 'Aurora',
    modelName: 'Aurora A6',
    trimId: 'a6-lr',
    trimName: 'Long Range',
    configId: 'a6~a6-lr~paint-red~pkg-sport~wheel-21',
    options: [
      { id: 'paint-red', code: 'P31', name: 'Crimson', group: 'paint', price: 12000 },
      { id: 'pkg-sport', code: 'S02', name: 'Sport package', group: 'packages', price: 20000 },
    ],
    price: { currency: 'CNY', total: 313900, base: 279900, options: 32000, fees: 2000 },
    finance: {
      method: 'finance' as const,
      termMonths: 36,
      downPayment: 94170,
      monthly: 6489,
      aprPercent: 3.99,
    },
    buildCode: newBuildCode(),
    buildUrl: 'https://www.aurora.example/a6?showroom-build=a6~a6-lr~paint-red~pkg-sport~wheel-21',
  };
  const journey = {
    grade: 'hot' as const,
    score: 82,
    tags: ['bev', 'finance', 'test-drive-booked'],
    focus: ['Compared Long Range and Performance', 'Opened finance 3 times'],
    steps: [{ at: '2026-11-22T10:02:01+08:00', event: 'configurator.trim', detail: 'a6-lr' }],
  };
  if (i % 3 === 1)
    return {
      ...base,
      source: { channel: 'dealer-site', site: 'dealer.example', dealerId: 'sh-pudong' },
      customer: {
        name: `Anna Schmidt ${i}`,
        email: `anna${i}@example.com`,
        phone: '+4915112345678',
        preferredContact: 'email',
      },
      interest,
      appointment: {
        service: 'home-test-drive',
        bookingId: `bk_${i}`,
        start: '2026-11-28T10:00:00+08:00',
        end: '2026-11-28T11:00:00+08:00',
        timeZone: 'Asia/Shanghai',
        address: { street: '世纪大道 100 号', city: '上海', postcode: '200120' },
      },
      journey,
    };
  return {
    ...base,
    source: {
      channel: 'brand-site',
      site: 'www.aurora.example',
      page: 'https://www.aurora.example/a6',
      dealerId: 'sh-pudong',
    },
    customer: {
      name: '王小明',
      givenName: '小明',
      familyName: '王',
      phone: '+8613812345678',
      preferredContact: 'phone',
    },
    interest,
    appointment: {
      service: 'test-drive',
      bookingId: `bk_${i}`,
      start: '2026-11-28T10:00:00+08:00',
      end: '2026-11-28T10:45:00+08:00',
      timeZone: 'Asia/Shanghai',
      location: { id: 'sh-pudong', name: 'Aurora Space Pudong' },
    },
    journey,
    comments: 'Prefers weekend mornings',
  };
}
