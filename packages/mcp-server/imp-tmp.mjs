const t = performance.now();
await import(process.argv[2]);
process.stdout.write(String(Math.round(performance.now() - t)));
