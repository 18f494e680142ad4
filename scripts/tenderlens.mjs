#!/usr/bin/env node
/**
 * The `tenderlens` command (package.json `bin`). The CLI is TypeScript under src/cli; tsx (a
 * devDependency, present after `npm ci`) compiles it on the fly, so there is no build step.
 */
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
const code = await main(process.argv.slice(2));
process.exitCode = code;
// Native DuckDB or a stray handle must not keep a finished command alive; an unref'd timer
// fires only if the process did not end on its own.
setTimeout(() => process.exit(code), 200).unref();
