// Which servers the suite may be turned on (this machine, unless told otherwise),
// and with what: a token. Light on purpose: the CLI checks both before it loads
// the suite (the spec, its validators, Prism), so a wrong call fails at once.
const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

/** The target as a URL, refused unless it is this machine (or `allowRemote`). */
export function checkedTarget(target: string, allowRemote = false): URL {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new TypeError(`--target must be a URL such as http://127.0.0.1:8080, not ${JSON.stringify(target)}.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new TypeError(`--target must be an http or https URL, not ${url.protocol}.`);
  }
  if (!LOCAL_HOSTS.has(url.hostname) && !allowRemote) {
    throw new TypeError(
      `--target ${url.origin} is not this machine. The suite sends hundreds of requests, creating resources on the way; pass --allow-remote to run it against another host (a staging server, never production).`,
    );
  }
  return url;
}

/** Throws unless a token was given. */
export function requireToken(token: string): void {
  if (!token) {
    throw new TypeError("A token is required: set BILLING_API_TOKEN or pass --token.");
  }
}
