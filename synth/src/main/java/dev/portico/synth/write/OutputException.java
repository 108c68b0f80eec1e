package dev.portico.synth.write;

/**
 * The output folder cannot take this run's output: it is locked by another run, not writable,
 * full, has something in the way, or holds a corrupt file list. Nothing was changed (or every
 * change was undone); the message says what to do. The CLI exits 1 with it.
 */
public final class OutputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public OutputException(String message) {
    super(message);
  }
}
