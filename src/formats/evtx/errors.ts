/** The reader's own failure inside a record or chunk; always caught and turned into a diagnostic. */
export class EvtxFormatError extends Error {
  override readonly name = 'EvtxFormatError';

  constructor(
    message: string,
    /** Offset inside the chunk where the problem was found. */
    readonly at: number,
  ) {
    super(message);
  }
}
