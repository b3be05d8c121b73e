// The error startMock rejects with when the mock's process could not listen on
// the port it was given (taken, or not allowed): `code` is the system's
// (EADDRINUSE, EACCES, …), so that a caller can say which of its own options
// picks another port.
export class MockListenError extends Error {
  override readonly name = "MockListenError";
  /** The system's code: EADDRINUSE when another process holds the port. */
  readonly code: string;
  readonly host: string;
  readonly port: number;

  constructor(code: string, host: string, port: number, reason: string) {
    super(`The mock could not listen: ${reason}; give startMock another port, or none for one the OS picks`);
    this.code = code;
    this.host = host;
    this.port = port;
  }
}
