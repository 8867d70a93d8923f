#!/usr/bin/env node
// React's development build records a performance measure for every render and runs out of
// memory in a long session: production mode must be set before anything imports React, hence
// the dynamic import below (static imports would be hoisted above this line).
process.env.NODE_ENV = 'production';

const { main } = await import('../dist/cli/main.js');
const code = await main(process.argv.slice(2));
// Open sockets and timers of stopped sources must not keep a finished command alive.
process.exit(code);
