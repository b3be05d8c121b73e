// The note at the top of the reference that says where the code samples send
// their requests: the spec's first server (the base URL of every curl sample,
// and the client's default), whether that host is a placeholder, and how to
// point the samples at the local mock instead. scripts/build.ts puts it in the
// description the page is built from; the published spec is left as it is.

/**
 * Where `pnpm mock` listens unless told otherwise: @billing-api/mock's
 * DEFAULT_HOST and DEFAULT_PORT (test/samples-host.test.ts keeps them equal;
 * the build does not load the mock to read them).
 */
export const MOCK_URL = "http://127.0.0.1:4010";

/** Names reserved for documentation and testing (RFC 2606, RFC 6761): nothing real answers under them. */
const RESERVED_DOMAINS = ["example", "example.com", "example.net", "example.org", "test", "invalid"];

/** A server of the spec, as the note reads it. */
export interface Server {
  url: string;
  description?: string;
}

/** Whether `server` is a stand-in: its host is under a reserved domain, or its description calls it a placeholder. */
export function isPlaceholder(server: Server): boolean {
  const { hostname } = new URL(server.url);
  return (
    RESERVED_DOMAINS.some((domain) => hostname === domain || hostname.endsWith(`.${domain}`)) ||
    /placeholder/i.test(server.description ?? "")
  );
}

/** Where "The mock server" of content/getting-started.md is on the page (Redoc routes by the URL's hash). */
const MOCK_SECTION = "#/section/getting-started/the-mock-server";

/** The note, in Markdown: a section that names the samples' host, says whether it is a placeholder, and how to use the mock instead. */
export function samplesHostNote(server: Server, mockUrl = MOCK_URL): string {
  const where = `send their requests to \`${server.url}\`, the ${isPlaceholder(server) ? "spec's" : "API's"} server (\`createBillingClient\` uses it when given no \`baseUrl\`).`;
  const instead = `send them to the mock server instead ([The mock server](${MOCK_SECTION}) below): run \`npx billing-api-mock\` (\`pnpm mock\` in the repository), which listens on \`${mockUrl}\`, then`;
  return [
    "## Where the samples send requests",
    "",
    `The curl and TypeScript samples of every operation ${where}`,
    isPlaceholder(server)
      ? `**That host is a placeholder**: the API has no public host yet, so nothing answers there. Until it has one, ${instead}`
      : `To try them without calling the API, ${instead}`,
    "",
    `- curl: replace \`${server.url}\` with \`${mockUrl}\`;`,
    `- TypeScript: pass \`baseUrl: "${mockUrl}"\` to \`createBillingClient\`.`,
    "",
    "The mock accepts any token that starts with `test`, such as `BILLING_API_TOKEN=test`.",
  ].join("\n");
}
