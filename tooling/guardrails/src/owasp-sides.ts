// Where a finding of the owasp check stands: the side of the contract (request,
// response or document) a JSON path of the bundled document is on, and the path as text.
import { HTTP_METHODS, isObject, type Json, reachable } from "./spec-graph.ts";

export type Side = "request" | "response" | "document";

/** A function placing a JSON path (as segments) of `doc` on its side. */
export function sideOf(doc: Record<string, Json>): (path: readonly (string | number)[]) => Side {
  const requestRoots: Json[] = [];
  const responseRoots: Json[] = [];
  const components = isObject(doc.components) ? doc.components : {};
  for (const item of Object.values(isObject(doc.paths) ? doc.paths : {})) {
    if (!isObject(item)) {
      continue;
    }
    if (item.parameters) {
      requestRoots.push(item.parameters);
    }
    for (const [method, operation] of Object.entries(item)) {
      if (!HTTP_METHODS.has(method) || !isObject(operation)) {
        continue;
      }
      if (operation.parameters) {
        requestRoots.push(operation.parameters);
      }
      if (operation.requestBody) {
        requestRoots.push(operation.requestBody);
      }
      if (operation.responses) {
        responseRoots.push(operation.responses);
      }
    }
  }
  for (const kind of ["parameters", "requestBodies"]) {
    if (components[kind]) {
      requestRoots.push(components[kind]);
    }
  }
  for (const kind of ["responses", "headers"]) {
    if (components[kind]) {
      responseRoots.push(components[kind]);
    }
  }
  const fromRequests = reachable(doc, requestRoots);
  const fromResponses = reachable(doc, responseRoots);

  return (path) => {
    const [top, second, third, fourth] = path.map(String);
    if (top === "paths" && third !== undefined) {
      if (third === "parameters") {
        return "request";
      }
      if (HTTP_METHODS.has(third)) {
        if (fourth === "requestBody" || fourth === "parameters") {
          return "request";
        }
        if (fourth === "responses") {
          return "response";
        }
      }
      return "document";
    }
    if (top === "components" && second !== undefined) {
      if (second === "parameters" || second === "requestBodies") {
        return "request";
      }
      if (second === "responses" || second === "headers") {
        return "response";
      }
      if (third === undefined) {
        return "document";
      }
      const key = `${second}/${third}`;
      if (fromRequests.has(key)) {
        return "request";
      }
      if (fromResponses.has(key)) {
        return "response";
      }
    }
    return "document";
  };
}

/** A JSON path as `a.b["c/d"][0]`. */
export function formatPath(path: readonly (string | number)[]): string {
  return path
    .map((segment, i) => {
      if (typeof segment === "number") {
        return `[${segment}]`;
      }
      if (/^[A-Za-z_$][\w$-]*$/.test(segment)) {
        return i === 0 ? segment : `.${segment}`;
      }
      return `[${JSON.stringify(segment)}]`;
    })
    .join("");
}
