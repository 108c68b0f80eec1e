package dev.portico.synth.validate;

import java.util.Locale;

/** How bad a finding is: an error stops synthesis and fails {@code portico validate}; a warning does not. */
public enum Severity {
  ERROR,
  WARNING;

  /** {@code error} or {@code warning}, as findings print it. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
