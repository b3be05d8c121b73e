// Where `pnpm mock` serves unless told otherwise. The mock's URL is its own
// setting, never a server of the published spec (openapi/redocly.yaml's
// rule/no-local-servers keeps it out).
export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_PORT = 4010;
