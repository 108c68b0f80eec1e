package dev.portico.synth;

/** A mistake in how Portico was called (unknown stack, bad {@code --set}); the CLI exits 2 with its message. */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
