import path from 'node:path';
import type { NextConfig } from 'next';

/**
 * The default `output` (a `.next` directory) is what `web/server` serves in-process with
 * `next({ dev: false })`; `standalone` emits its own server.js and cannot be combined with a
 * custom server. Next.js 16 no longer lints during `next build` (the `eslint` option is
 * gone): the workspace's ESLint runs as the `lint` target instead.
 */
const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // NEXT_DIST_DIR lets two builds of one checkout live side by side (e.g. parallel previews).
  distDir: process.env.NEXT_DIST_DIR || '.next',
  typescript: { ignoreBuildErrors: false },
  // The workspace root holds node_modules and the lockfile; say so instead of letting
  // Turbopack and file tracing guess it.
  turbopack: { root: path.join(__dirname, '..') },
  outputFileTracingRoot: path.join(__dirname, '..'),
};

export default nextConfig;
