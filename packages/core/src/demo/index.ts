/**
 * The demo catalog: Aurora Motors, a fictional brand selling in China. The demo pages, the
 * stories, the tests and the reference server all read it.
 */
export const demoCatalog = {
  schema: 'showroom.catalog/1',
  id: 'aurora-cn-2027',
  market: 'CN',
  currency: 'CNY',
  locales: ['zh-CN', 'en', 'zh-TW'],
  brand: { id: 'aurora', name: { 'zh-CN': '极光汽车', 'zh-TW': '極光汽車', en: 'Aurora Motors' } },
  fees: [{ id: 'delivery', name: { 'zh-CN': '交付服务费', 'zh-TW': '交車服務費', en: 'Delivery' }, price: 2000 }],
  models: [] as unknown[],
} as const;
