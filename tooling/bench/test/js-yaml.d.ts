// js-yaml ships no types; the test uses only `load`.
declare module "js-yaml" {
  export function load(text: string): unknown;
}
