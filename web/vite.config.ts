/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

// Build output lives under target/ so that Maven's clean removes it and the launcher's change detection ignores it.
export default defineConfig({
  plugins: [preact()],
  build: {
    outDir: 'target/dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2020',
    sourcemap: false,
    reportCompressedSize: false,
  },
  server: {
    // `npm run dev` talks to a platform started with ./deltastream run (REST through the gateway).
    proxy: { '/api': 'http://127.0.0.1:8000' },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    // CI machines are shared and loaded: a first fetch or render can take seconds there.
    testTimeout: 30_000,
  },
});
