import { normalizeBuildCode } from './code.js';
import { parseUrl } from './runtime.js';

/** The query parameter that carries a build in a page URL. */
export const BUILD_LINK_PARAM = 'showroom-build';

/** What a build link carries: the configuration itself, or the code of a saved build. */
export type BuildLinkTarget = { configId: string } | { code: string };

function isBuildParam(pair: string): boolean {
  const key = pair.split('=', 1)[0] ?? '';
  try {
    return decodeURIComponent(key.replace(/\+/g, ' ')) === BUILD_LINK_PARAM;
  } catch {
    return false;
  }
}

/**
 * The page URL that opens `configId` (a config id, or a build code): `baseUrl` with
 * `?showroom-build=<configId>` set, replacing any build already there and keeping every other
 * parameter and the fragment as they were. The `~` of config ids stays readable. Needs no server.
 *
 * @throws TypeError when `baseUrl` is not an absolute URL.
 */
export function buildLink(baseUrl: string, configId: string): string {
  const url = parseUrl(baseUrl);
  if (!url) throw new TypeError(`buildLink: not an absolute URL: ${baseUrl}`);
  const kept = url.search
    .replace(/^\?/, '')
    .split('&')
    .filter((pair) => pair !== '' && !isBuildParam(pair));
  kept.push(`${BUILD_LINK_PARAM}=${encodeURIComponent(configId)}`);
  url.search = `?${kept.join('&')}`;
  return url.href;
}

/**
 * Reads the build a page URL carries in `?showroom-build=`: `{ configId }` for a configuration
 * (config ids always hold `~`), `{ code }` (canonical) for a valid build code, or `null` when the
 * URL carries neither. Never throws.
 */
export function readBuildLink(url: string): BuildLinkTarget | null {
  const parsed = typeof url === 'string' ? parseUrl(url) : null;
  const value = parsed?.searchParams.get(BUILD_LINK_PARAM)?.trim();
  if (!value || value.length > 4096) return null;
  if (value.includes('~')) return { configId: value };
  const code = normalizeBuildCode(value);
  return code === null ? null : { code };
}
