import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

// The Flask server serves dist/ at "/"; during `npm run dev` API calls go to
// a local server (CAMWALK_API, default port 5055) so the app talks to real data.
const api = process.env.CAMWALK_API || 'http://127.0.0.1:5055';

export default defineConfig({
  build: {
    target: 'es2020',
    sourcemap: false,
    rollupOptions: {
      output: {
        // Organiser and public-map chunks get a prefix so that the service
        // worker leaves them out of the precache: walkers never download them.
        chunkFileNames: (chunk) =>
          chunk.moduleIds.length &&
          chunk.moduleIds.every((id) => /\/src\/ui\/(organise|public)\//.test(id))
            ? 'assets/org-[name]-[hash].js'
            : 'assets/[name]-[hash].js',
      },
    },
  },
  server: { proxy: { '/api': api } },
  test: {
    environment: 'node',
    setupFiles: ['test/setup.js'],
    // One process runs many files: a process per file spent 20 of the 24 s the
    // tests took starting up. test/setup.js gives each test a fresh page's state;
    // vi.stubGlobal's stubs are undone after each test.
    isolate: false,
    unstubGlobals: true,
    include: ['test/**/*.test.js'],
  },
  plugins: [
    VitePWA({
      // injectManifest: our own worker holds the listeners (update prompt,
      // Background Sync); strategies live beside it in src/sw/strategies.js.
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.js',
      // 'prompt': a new version waits until the walker accepts it, so a
      // half-filled camera form is never lost to a silent reload.
      registerType: 'prompt',
      injectRegister: false,
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        globIgnores: ['**/assets/org-*', '**/assets/organise-*', '**/assets/public-*'],
      },
      manifest: {
        name: 'camwalk — cartographier les caméras',
        short_name: 'camwalk',
        description: 'Relever les caméras de surveillance à pied, même sans réseau.',
        lang: 'fr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        background_color: '#f6f4ef',
        theme_color: '#1d3b53',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          {
            src: '/icons/icon-maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
          { src: '/icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
    }),
  ],
});
