// Preloaded with `node -r` into a measured process: prints its peak RSS (MB)
// on stderr at exit as one tagged line the bench reads back.
process.on('exit', () => {
    process.stderr.write(`\n@@maxrss ${(process.resourceUsage().maxRSS / 1024).toFixed(1)}\n`);
});
