/**
 * Integration setup: a query sent to a pg client that is still busy (Promise.all inside a
 * PostgreSQL transaction) only warns in pg 8 and fails in pg 9, so here it fails the run.
 */
process.on('warning', (w) => {
  if (/already executing a query/.test(w.message)) {
    throw new Error(`Overlapping queries on one PostgreSQL client (use db/together.ts): ${w.message}`);
  }
});
