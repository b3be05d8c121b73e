// The operations of a bundled spec as the one spec reader
// (@billing-api/openapi/reader) reads them, in the order the spec lists them.
import { type Node, type Operation, readSpec } from "@billing-api/openapi/reader";

/**
 * Every operation of a parsed, bundled spec, read by `readSpec`, in the spec's
 * own order: its paths as listed, and each path's methods as listed (the order
 * Redoc's sidebar shows them in). `readSpec` itself sorts them by operationId.
 */
export function operationsInSpecOrder(spec: Node): Operation[] {
  const { operations } = readSpec(spec);
  const paths: Node = spec.paths ?? {};
  const pathOrder = Object.keys(paths);
  const position = ({ path, method }: Operation): [number, number] => [pathOrder.indexOf(path), Object.keys(paths[path]).indexOf(method)];
  return operations
    .map((operation) => ({ operation, at: position(operation) }))
    .sort((a, b) => a.at[0] - b.at[0] || a.at[1] - b.at[1])
    .map(({ operation }) => operation);
}
