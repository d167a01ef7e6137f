/**
 * Builds the command line once (`npm run build:cli`, also run by `npm run build` and by
 * `prepare` at install): `src/cli/main.ts` and all of `src/core` it reaches, with every
 * dependency inlined, as one Node ESM file `dist-cli/threadline.mjs`. `bin/threadline.mjs`
 * loads it, so a call starts without compiling TypeScript.
 */
import { defineConfig } from 'vite';

export default defineConfig({
  // No public/ copy and no app plugins: this is a Node program, not the web app.
  publicDir: false,
  logLevel: 'warn',
  // The database drivers of `threadline serve` stay external: PGlite carries its WebAssembly and data files.
  ssr: { noExternal: true, external: ['pg', '@electric-sql/pglite'], target: 'node' },
  build: {
    ssr: 'src/cli/main.ts',
    outDir: 'dist-cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
    copyPublicDir: false,
    rollupOptions: {
      output: { format: 'es', entryFileNames: 'threadline.mjs', codeSplitting: false },
    },
  },
});
