#!/usr/bin/env node
import { run } from '../dist/server/cli/main.js';

await run(process.argv);
