/** Raised when credentials are missing, malformed, expired or not signed by us. */
export class AuthenticationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthenticationError';
  }
}
