import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The build is started from the repository root (`vite build --config web/vite.config.ts`),
// so the root is pinned to this folder rather than taken from the working directory.
const webRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // antd alone is ~1 MB minified; the default 500 kB warning would fire on every build.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        // Libraries change far less often than the app: separate chunks stay cached across
        // releases, and the browser fetches them in parallel.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/ },
            { name: 'vendor', test: /node_modules[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
