import { createMemorySource, parseCatalog, type ShowroomSource } from '@showroom/core';
import { demoCatalog } from '@showroom/core/demo';

/**
 * The in-memory source over the demo catalog that the default journey uses when the page
 * configured none. Loaded with `import()`, so its catalog and slot planning stay out of the
 * element chunks.
 */
export function demoSource(pageUrl?: string): ShowroomSource {
  return createMemorySource({ catalog: parseCatalog(demoCatalog).catalog, ...(pageUrl ? { pageUrl } : {}) });
}
