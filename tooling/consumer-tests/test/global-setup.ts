// One consumer project, one Prism mock and two servers for every test file:
// a server that accepts connections and never answers, and a port nobody
// listens on. Everything listens on 127.0.0.1 and is stopped by teardown.
import { createServer, type Server, type Socket } from "node:net";
import { freePort, startMock } from "@billing-api/mock";
import type { TestProject } from "vitest/node";
import { createConsumerProject } from "../src/project.ts";

export interface ConsumerContext {
  /** The fresh project: the packed packages installed with npm, and the fixtures. */
  projectDir: string;
  packages: Array<{ name: string; version: string }>;
  mockUrl: string;
  silentUrl: string;
  closedUrl: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    consumer: ConsumerContext;
  }
}

function listenSilently(): Promise<{ server: Server; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    // A client that gives up resets the connection; that is expected here.
    socket.on("error", () => {});
    socket.on("close", () => sockets.delete(socket));
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve({ server, sockets }));
  });
}

export default async function setup(project: TestProject) {
  const [consumer, mock, silent, closedPort] = await Promise.all([
    createConsumerProject(),
    startMock({ logLevel: "warn" }),
    listenSilently(),
    freePort(),
  ]);
  const address = silent.server.address() as { port: number };
  project.provide("consumer", {
    projectDir: consumer.dir,
    packages: consumer.packages.map(({ name, version }) => ({ name, version })),
    mockUrl: mock.url,
    silentUrl: `http://127.0.0.1:${address.port}`,
    closedUrl: `http://127.0.0.1:${closedPort}`,
  });

  return async () => {
    for (const socket of silent.sockets) {
      socket.destroy();
    }
    await new Promise((resolve) => silent.server.close(resolve));
    await mock.stop();
    consumer.remove();
  };
}
