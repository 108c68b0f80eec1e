package dev.portico.dsl;

/** Whether a Service is single- or dual-stack. */
public enum IpFamilyPolicy {
  SINGLE_STACK("SingleStack"),
  PREFER_DUAL_STACK("PreferDualStack"),
  REQUIRE_DUAL_STACK("RequireDualStack");

  private final String value;

  IpFamilyPolicy(String value) {
    this.value = value;
  }

  /** The value as written in a manifest. */
  public String value() {
    return value;
  }
}
