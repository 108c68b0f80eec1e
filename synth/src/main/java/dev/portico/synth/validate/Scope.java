package dev.portico.synth.validate;

/** How much of the world the checked objects are, which decides whether a missing reference is an error. */
public enum Scope {
  /** A synthesized stack: everything a reference can point at is in it, so a dangling reference is an error. */
  CLOSED,
  /** Files given to {@code portico validate}: what a reference points at may live elsewhere, so a missing target is a warning. */
  OPEN;

  /**
   * The advice that fits the reader of a finding: {@code forStack}, which may name the DSL, for a
   * synthesized stack; {@code forYaml}, which speaks of YAML fields only, for {@code portico validate}.
   */
  public String advice(String forStack, String forYaml) {
    return this == CLOSED ? forStack : forYaml;
  }
}
