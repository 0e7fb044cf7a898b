import type { Seed, WeeklyHours } from './schema.js';

const every = (range: string, days: (keyof WeeklyHours)[]): WeeklyHours =>
  Object.fromEntries(days.map((d) => [d, [range]]));
const WEEK: (keyof WeeklyHours)[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const WEEKDAYS: (keyof WeeklyHours)[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

/** Shopping-mall showrooms: open every day, late on Friday and Saturday. */
const mall: WeeklyHours = { ...every('10:00-21:00', WEEK), fri: ['10:00-22:00'], sat: ['10:00-22:00'] };
/** Delivery centres: Monday to Saturday, office hours. */
const centre: WeeklyHours = every('09:00-18:00', [...WEEKDAYS, 'sat']);
/** Home test drives go out Tuesday to Sunday. */
const homeDays: WeeklyHours = every('10:00-18:00', ['tue', 'wed', 'thu', 'fri', 'sat', 'sun']);

/**
 * The demo seed: Aurora showrooms in Shanghai, Hangzhou and Taipei, and a studio in Munich
 * (Europe/Berlin, so the demo crosses daylight-saving changes), with the demo catalog's cars
 * on site and a team of advisors for video and phone consultations. Addresses are fictional.
 */
export const demoSeed: Seed = {
  locations: [
    {
      id: 'sh-pudong',
      name: 'Aurora Space Pudong',
      address: '浦东新区世纪大道 1888 号',
      city: '上海',
      postcode: '200120',
      geo: { lat: 31.2353, lng: 121.5055 },
      timeZone: 'Asia/Shanghai',
      phone: '+862150001888',
      services: ['test-drive', 'home-test-drive'],
      hours: mall,
      closed: [],
      fleet: [
        { modelId: 'a6', trimId: 'a6-lr', cars: 2 },
        { modelId: 'a6', trimId: 'a6-perf', cars: 1 },
        { modelId: 's7', trimId: 's7-awd', cars: 1 },
        { modelId: 'e3', trimId: 'e3-plus', cars: 1 },
      ],
      homeTestDrive: { radiusKm: 25, cars: 2, hours: homeDays },
    },
    {
      id: 'sh-jingan',
      name: 'Aurora Space Jing’an',
      address: '静安区南京西路 1366 号',
      city: '上海',
      postcode: '200040',
      geo: { lat: 31.2286, lng: 121.4512 },
      timeZone: 'Asia/Shanghai',
      phone: '+862162881366',
      services: ['test-drive'],
      hours: mall,
      closed: [],
      fleet: [
        { modelId: 'a6', trimId: 'a6-lr', cars: 1 },
        { modelId: 's7', trimId: 's7-gt', cars: 1 },
        { modelId: 'e3', trimId: 'e3-city', cars: 1 },
      ],
    },
    {
      id: 'sh-hongqiao',
      name: 'Aurora Delivery Centre Hongqiao',
      address: '闵行区申长路 988 号',
      city: '上海',
      postcode: '201107',
      geo: { lat: 31.1942, lng: 121.3185 },
      timeZone: 'Asia/Shanghai',
      phone: '+862154330988',
      services: ['test-drive', 'home-test-drive'],
      hours: centre,
      closed: [],
      fleet: [
        { modelId: 'a6', trimId: 'a6-sr', cars: 2 },
        { modelId: 'a6', trimId: 'a6-lr', cars: 3 },
        { modelId: 'a6', trimId: 'a6-perf', cars: 2 },
        { modelId: 's7', trimId: 's7-rwd', cars: 2 },
        { modelId: 's7', trimId: 's7-awd', cars: 2 },
        { modelId: 's7', trimId: 's7-gt', cars: 1 },
        { modelId: 'e3', trimId: 'e3-city', cars: 2 },
        { modelId: 'e3', trimId: 'e3-plus', cars: 2 },
      ],
      homeTestDrive: { radiusKm: 40, cars: 3, hours: homeDays },
    },
    {
      id: 'hz-xihu',
      name: 'Aurora Space West Lake',
      address: '西湖区延安路 518 号',
      city: '杭州',
      postcode: '310006',
      geo: { lat: 30.2595, lng: 120.1642 },
      timeZone: 'Asia/Shanghai',
      phone: '+8657187010518',
      services: ['test-drive'],
      hours: mall,
      closed: [],
      fleet: [
        { modelId: 'a6', trimId: 'a6-lr', cars: 1 },
        { modelId: 's7', trimId: 's7-awd', cars: 1 },
        { modelId: 'e3', trimId: 'e3-plus', cars: 1 },
      ],
    },
    {
      id: 'hz-binjiang',
      name: 'Aurora Delivery Centre Binjiang',
      address: '滨江区江南大道 3688 号',
      city: '杭州',
      postcode: '310051',
      geo: { lat: 30.2085, lng: 120.2108 },
      timeZone: 'Asia/Shanghai',
      phone: '+8657186663688',
      services: ['test-drive', 'home-test-drive'],
      hours: centre,
      closed: [],
      fleet: [
        { modelId: 'a6', trimId: 'a6-sr', cars: 1 },
        { modelId: 'a6', trimId: 'a6-lr', cars: 2 },
        { modelId: 'a6', trimId: 'a6-perf', cars: 1 },
        { modelId: 's7', trimId: 's7-rwd', cars: 1 },
        { modelId: 'e3', trimId: 'e3-city', cars: 1 },
      ],
      homeTestDrive: { radiusKm: 30, cars: 2, hours: homeDays },
    },
    {
      id: 'tp-xinyi',
      name: 'Aurora Space Xinyi',
      address: '信義區松高路 19 號',
      city: '台北',
      postcode: '110',
      geo: { lat: 25.0396, lng: 121.5671 },
      timeZone: 'Asia/Taipei',
      phone: '+886227220019',
      services: ['test-drive'],
      hours: { ...every('11:00-21:30', WEEK), fri: ['11:00-22:00'], sat: ['11:00-22:00'] },
      closed: [],
      fleet: [
        { modelId: 'a6', trimId: 'a6-lr', cars: 1 },
        { modelId: 'a6', trimId: 'a6-perf', cars: 1 },
        { modelId: 's7', trimId: 's7-gt', cars: 1 },
      ],
    },
    {
      id: 'tp-neihu',
      name: 'Aurora Centre Neihu',
      address: '內湖區瑞光路 399 號',
      city: '台北',
      postcode: '114',
      geo: { lat: 25.0781, lng: 121.5757 },
      timeZone: 'Asia/Taipei',
      phone: '+886287970399',
      services: ['test-drive', 'home-test-drive'],
      hours: every('09:30-18:30', [...WEEKDAYS, 'sat']),
      closed: [],
      fleet: [
        { modelId: 'a6', trimId: 'a6-lr', cars: 2 },
        { modelId: 's7', trimId: 's7-awd', cars: 1 },
        { modelId: 'e3', trimId: 'e3-plus', cars: 1 },
      ],
      homeTestDrive: { radiusKm: 20, cars: 1, hours: every('10:00-18:00', ['sat', 'sun']) },
    },
    {
      id: 'muc-schwabing',
      name: 'Aurora Studio München',
      address: 'Leopoldstraße 120',
      city: 'München',
      postcode: '80804',
      geo: { lat: 48.1649, lng: 11.5862 },
      timeZone: 'Europe/Berlin',
      phone: '+4989381200',
      services: ['test-drive'],
      // Closed on Sundays, as German showrooms are.
      hours: { ...every('10:00-19:00', WEEKDAYS), sat: ['10:00-16:00'] },
      closed: ['2026-12-24', '2026-12-25', '2026-12-26', '2027-01-01'],
      fleet: [
        { modelId: 'a6', trimId: 'a6-perf', cars: 1 },
        { modelId: 's7', trimId: 's7-gt', cars: 1 },
      ],
    },
  ],
  advisors: [
    {
      id: 'wang-jun',
      name: '王俊',
      languages: ['zh-CN'],
      timeZone: 'Asia/Shanghai',
      hours: every('09:00-18:00', WEEKDAYS),
    },
    {
      id: 'li-na',
      name: '李娜',
      languages: ['zh-CN', 'en'],
      timeZone: 'Asia/Shanghai',
      hours: every('12:00-21:00', ['wed', 'thu', 'fri', 'sat', 'sun']),
    },
    {
      id: 'zhao-lei',
      name: '赵磊',
      languages: ['zh-CN'],
      timeZone: 'Asia/Shanghai',
      hours: every('09:00-18:00', ['sat', 'sun', 'mon']),
    },
    {
      id: 'chen-ya-ting',
      name: '陳雅婷',
      languages: ['zh-TW', 'zh-CN', 'en'],
      timeZone: 'Asia/Taipei',
      hours: every('10:00-19:00', [...WEEKDAYS, 'sat']),
    },
    {
      id: 'anna-becker',
      name: 'Anna Becker',
      languages: ['de', 'en'],
      timeZone: 'Europe/Berlin',
      hours: every('09:00-17:00', WEEKDAYS),
    },
  ],
};
