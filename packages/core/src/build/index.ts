export {
  BUILD_CODE_ALPHABET,
  BUILD_CODE_LENGTH,
  BUILD_CODE_PATTERN,
  newBuildCode,
  buildCodeFromBytes,
  normalizeBuildCode,
  isBuildCode,
} from './code.js';
export { BUILD_LINK_PARAM, buildLink, readBuildLink } from './link.js';
export type { BuildLinkTarget } from './link.js';
export { recheckBuild } from './recheck.js';
export type { BuildRecheck } from './recheck.js';
