package dev.portico.synth.validate.kubernetes;

import dev.portico.dsl.format.Formats;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** {@code ValidateNonSpecialIP}: addresses that cannot be a Service's external IP. */
final class SpecialIps {
  private SpecialIps() {}

  /** What is wrong with a syntactically valid IP, or null when it is an ordinary address. */
  static String problem(String ip) {
    byte[] bytes = bytes(ip);
    if (bytes == null) {
      return null;
    }
    if (isAllZero(bytes)) {
      return "may not be unspecified (0.0.0.0 or ::)";
    }
    if (bytes.length == 4) {
      int a = bytes[0] & 0xff;
      int b = bytes[1] & 0xff;
      int c = bytes[2] & 0xff;
      if (a == 127) {
        return "may not be in the loopback range (127.0.0.0/8, ::1/128)";
      }
      if (a == 169 && b == 254) {
        return "may not be in the link-local range (169.254.0.0/16, fe80::/10)";
      }
      if (a == 224 && b == 0 && c == 0) {
        return "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)";
      }
      return null;
    }
    boolean loopback = true;
    for (int i = 0; i < 15; i++) {
      loopback &= bytes[i] == 0;
    }
    if (loopback && bytes[15] == 1) {
      return "may not be in the loopback range (127.0.0.0/8, ::1/128)";
    }
    if ((bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xc0) == 0x80) {
      return "may not be in the link-local range (169.254.0.0/16, fe80::/10)";
    }
    if ((bytes[0] & 0xff) == 0xff && (bytes[1] & 0x0f) == 0x02) {
      return "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)";
    }
    return null;
  }

  /**
   * True for an IPv6 address that is not IPv4-mapped, as {@code netutils.IsIPv6String} decides
   * (Go's {@code To4()} turns {@code ::ffff:a.b.c.d} into IPv4, so it counts as IPv4); false for
   * IPv4 and for anything that is not an IP.
   */
  static boolean isIpv6Family(String ip) {
    byte[] bytes = bytes(ip);
    return bytes != null && bytes.length == 16;
  }

  /** The address bytes (4 for IPv4 and IPv4-mapped IPv6, else 16), or null when not an IP. */
  private static byte[] bytes(String ip) {
    if (Formats.isIpv4(ip)) {
      String[] parts = ip.split("\\.");
      byte[] out = new byte[4];
      for (int i = 0; i < 4; i++) {
        out[i] = (byte) Integer.parseInt(parts[i].replaceFirst("^0+(?=.)", ""));
      }
      return out;
    }
    if (!Formats.isIpv6(ip)) {
      return null;
    }
    try {
      // a literal containing ':' is parsed, never looked up; Formats.isIpv6 already vetted its form
      byte[] raw = InetAddress.getByName(ip).getAddress();
      return raw;
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static boolean isAllZero(byte[] bytes) {
    for (byte b : bytes) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }
}
