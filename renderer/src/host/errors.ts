/** A host call that failed; the message is one readable line, shown as is. */
export class HostError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'HostError';
  }
}
