// Kept in step with package.json's version (checked by test/cli/version.test.ts).
export const VERSION = '0.1.0';
