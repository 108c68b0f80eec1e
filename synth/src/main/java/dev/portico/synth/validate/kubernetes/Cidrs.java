package dev.portico.synth.validate.kubernetes;

import dev.portico.dsl.format.Formats;
import java.util.Arrays;

/**
 * CIDRs as Go's {@code netutils.ParseCIDRSloppy} reads them (an IPv4 octet's leading zeros are
 * decimal), for {@code ValidateIPBlock}'s containment test and for checking which addresses a
 * NetworkPolicy admits. IPv4 and IPv6 ranges never contain each other.
 */
final class Cidrs {
  private Cidrs() {}

  /**
   * A parsed range: the network address (host bits cleared) and the prefix length.
   *
   * @param network 4 or 16 bytes
   */
  record Range(byte[] network, int prefix) {
    int bits() {
      return network.length * 8;
    }

    /** {@code net.IPNet.Contains} of another range's network address, and a longer or equal prefix. */
    boolean contains(Range other) {
      return network.length == other.network.length && prefix <= other.prefix
          && Arrays.equals(mask(other.network, prefix), network);
    }

    /** Whether the two ranges share any address. */
    boolean overlaps(Range other) {
      if (network.length != other.network.length) {
        return false;
      }
      int shorter = Math.min(prefix, other.prefix);
      return Arrays.equals(mask(network, shorter), mask(other.network, shorter));
    }
  }

  /** The range {@code value} denotes, or null when it is not a CIDR. */
  static Range parse(String value) {
    if (value == null || !Formats.isCidr(value)) {
      return null;
    }
    int slash = value.indexOf('/');
    byte[] address = address(value.substring(0, slash));
    if (address == null) {
      return null;
    }
    int prefix = Integer.parseInt(value.substring(slash + 1).replaceFirst("^0+(?=.)", ""));
    return new Range(mask(address, prefix), prefix);
  }

  private static byte[] address(String text) {
    if (Formats.isIpv4(text)) {
      String[] octets = text.split("\\.");
      byte[] out = new byte[4];
      for (int i = 0; i < 4; i++) {
        out[i] = (byte) Integer.parseInt(octets[i]);
      }
      return out;
    }
    return Formats.isIpv6(text) ? ipv6(text) : null;
  }

  private static byte[] ipv6(String text) {
    String head = text;
    byte[] tail = null;
    int lastColon = text.lastIndexOf(':');
    if (text.indexOf('.', lastColon) >= 0) {
      tail = address(text.substring(lastColon + 1));
      head = text.substring(0, lastColon + 1) + "0:0";
    }
    int[] groups = new int[8];
    int doubleColon = head.indexOf("::");
    String[] left;
    String[] right;
    if (doubleColon >= 0) {
      String l = head.substring(0, doubleColon);
      String r = head.substring(doubleColon + 2);
      left = l.isEmpty() ? new String[0] : l.split(":");
      right = r.isEmpty() ? new String[0] : r.split(":");
    } else {
      left = head.split(":");
      right = new String[0];
    }
    for (int i = 0; i < left.length; i++) {
      groups[i] = Integer.parseInt(left[i], 16);
    }
    for (int i = 0; i < right.length; i++) {
      groups[8 - right.length + i] = Integer.parseInt(right[i], 16);
    }
    byte[] out = new byte[16];
    for (int i = 0; i < 8; i++) {
      out[2 * i] = (byte) (groups[i] >> 8);
      out[2 * i + 1] = (byte) groups[i];
    }
    if (tail != null) {
      System.arraycopy(tail, 0, out, 12, 4);
    }
    return out;
  }

  private static byte[] mask(byte[] address, int prefix) {
    byte[] out = address.clone();
    for (int bit = prefix; bit < out.length * 8; bit++) {
      out[bit / 8] &= (byte) ~(0x80 >> (bit % 8));
    }
    return out;
  }
}
