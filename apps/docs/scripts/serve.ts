// `pnpm docs:serve`: serves the built reference on 127.0.0.1 (port 8080, or PORT),
// under DOCS_BASE_PATH as the build was made for (default /).
import { serveDocs } from "../src/serve.ts";
import { basePath } from "../src/site.ts";

const port = process.env.PORT === undefined ? 8080 : Number(process.env.PORT);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a TCP port number (0-65535), got ${JSON.stringify(process.env.PORT)}.`);
  process.exit(2);
}
try {
  const { url, close } = await serveDocs({ port, basePath: basePath(process.env.DOCS_BASE_PATH) });
  console.log(`API reference at ${url} (Ctrl-C to stop)`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, async () => {
      await close();
      process.exit(0);
    });
  }
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
