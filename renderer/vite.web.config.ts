import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// The same renderer, built for the loopback test host (npm run start:web, e2e tests).
export default defineConfig({
  root: resolve(__dirname),
  base: './',
  plugins: [react()],
  build: { outDir: resolve(__dirname, '../out/web'), emptyOutDir: true },
});
