#!/usr/bin/env node
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const built = join(__dirname, '..', 'out', 'cli', 'kluis.cjs');
if (!existsSync(built)) {
  process.stderr.write('kluis: the CLI is not built yet. Run "npm run build" (or "npm run build:cli") first.\n');
  process.exit(2);
}
require(built);
