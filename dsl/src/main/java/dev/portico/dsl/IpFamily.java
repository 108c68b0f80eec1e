package dev.portico.dsl;

/** An IP family of a Service's cluster IPs. */
public enum IpFamily {
  IPV4("IPv4"),
  IPV6("IPv6");

  private final String value;

  IpFamily(String value) {
    this.value = value;
  }

  /** The value as written in a manifest. */
  public String value() {
    return value;
  }
}
