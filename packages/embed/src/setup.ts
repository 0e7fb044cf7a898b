/**
 * Runs once per bundle, before the first element chunk defines its tag: configures the page's
 * journeys from the script tag (see `configureShowroom`).
 */
import { configureShowroom } from './configure.js';
import { getEmbedConfig } from './runtime.js';

void configureShowroom(getEmbedConfig());
