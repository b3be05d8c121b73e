// What the unit tests send and answer, read from the spec rather than written
// out: the first request example of creating a checkout session, and the
// example of its success.
import { createRequire } from "node:module";
import { firstRequestExample, type Node, readSpec } from "@billing-api/openapi/reader";

const spec = createRequire(import.meta.url)("@billing-api/openapi/openapi.json") as Node;
const operation = readSpec(spec).operations.find((o) => o.id === "createCheckoutSession")!;

/** A valid request body of `createCheckoutSession`. */
export const SESSION_REQUEST = firstRequestExample(operation) as { customer_id: string; plan_version_id: string };
/** The documented answer to it. */
export const SESSION_ANSWER = Object.values(operation.success.examples)[0] as { session: { id: string } };
