/** `?a=1&b=x&b=y&c[d]=2`: openapi-fetch's default query (arrays exploded, objects as deepObject), undefined and null left out. */
export function queryString(query: Record<string, unknown>): string {
  const pairs: string[] = [];
  const add = (name: string, value: unknown) => {
    if (value === undefined || value === null) {
      return;
    }
    if (Array.isArray(value)) {
      for (const item of value) {
        add(name, item);
      }
    } else if (typeof value === "object") {
      for (const [key, inner] of Object.entries(value)) {
        add(`${name}[${key}]`, inner);
      }
    } else {
      pairs.push(`${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`);
    }
  };
  for (const [name, value] of Object.entries(query)) {
    add(name, value);
  }
  return pairs.length ? `?${pairs.join("&")}` : "";
}
