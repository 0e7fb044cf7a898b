#!/usr/bin/env node
// `npm run dev`: the reference server from source (API, inbox, embed bundle) on 4310 and Vite
// with hot reload for the demo pages, proxying to it. Ctrl-C stops both.
import { spawn } from 'node:child_process';

const children = [spawn(process.execPath, ['packages/embed/build.mjs'], { stdio: 'inherit' })];
children[0].on('exit', () => {
  children.push(
    spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'packages/server/src/bin.ts'], {
      stdio: 'inherit',
      env: { ...process.env, PORT: process.env.API_PORT ?? '4310' },
    }),
    spawn(process.execPath, ['node_modules/vite/bin/vite.js'], { stdio: 'inherit' }),
  );
});
const stop = () => {
  for (const child of children) child.kill('SIGTERM');
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
