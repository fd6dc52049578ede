import { defineConfig } from 'vitest/config';

// The built assets go straight into the jar's META-INF/resources: Spring Boot serves them at `/`.
export default defineConfig({
  base: './',
  build: {
    outDir: 'target/classes/META-INF/resources',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 200,
  },
  server: {
    // `npm run dev` next to `./mvnw -pl server -am spring-boot:run`
    proxy: { '/api': 'http://localhost:8080' },
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
  },
});
