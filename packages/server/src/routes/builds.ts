import type { Hono } from 'hono';
import type { ServerContext } from '../context.js';

/** `POST /builds` and `GET /builds/{code}`. */
export function buildRoutes(_api: Hono, _ctx: ServerContext): void {}
