package dev.portico.synth.validate.istio;

import dev.portico.dsl.format.Formats;
import dev.portico.synth.validate.Check;
import dev.portico.synth.validate.Messages;
import dev.portico.synth.validate.MetadataRules;
import io.fabric8.istio.api.api.networking.v1alpha3.WorkloadEntry;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.Map;
import java.util.TreeMap;

/**
 * An Istio WorkloadEntry (networking.istio.io v1, v1beta1 and v1alpha3, which share one schema) as
 * istio/istio's webhook validation accepts it: {@code ValidateWorkloadEntry} / {@code validateWorkloadEntry}
 * in {@code pkg/config/validation/validation.go} (FQDN addresses allowed) with {@code ValidatePortName},
 * {@code agent.ValidatePort}, {@code ValidateUnixAddress}, {@code agent.ValidateFQDN} and
 * {@code labels.Instance.Validate}; and the CRD's rules ("Address is required" unless network is set,
 * "UDS may not include ports", "port name must be valid" with {@code size(key) < 63}, "port must be
 * between 1-65535", the length and count limits). A WorkloadGroup's template is checked by the CRD's
 * share of these rules ({@link #entry}).
 */
final class WorkloadEntryRules {
  /**
   * The rule ids a kind reports entry findings under.
   *
   * @param address the address (required, unix socket path, IP or DNS name)
   * @param unixPorts ports on a unix-socket address
   * @param port port names and numbers, and their count
   * @param labels label keys and values, and their count
   * @param length a field longer than the CRD allows
   */
  record Ids(String address, String unixPorts, String port, String labels, String length) {}

  static final Ids IDS = new Ids("workloadentry.address", "workloadentry.unix-ports", "workloadentry.port",
      "workloadentry.labels", "workloadentry.length");
  /** CRD {@code maxLength} of {@code address}. */
  static final int ADDRESS_MAX = 256;
  /** CRD {@code maxLength} of {@code network} and {@code locality}. */
  static final int NETWORK_MAX = 2048;
  /** CRD {@code maxLength} of {@code serviceAccount}. */
  static final int SERVICE_ACCOUNT_MAX = 253;
  /** CRD {@code maxProperties} of {@code ports}. */
  static final int PORTS_MAX = 128;
  /** CRD {@code maxProperties} of {@code labels}. */
  static final int LABELS_MAX = 256;
  /** The CRD's {@code size(key) < 63} on port names, one shorter than a DNS label may be. */
  static final int PORT_NAME_MAX = 62;

  private WorkloadEntryRules() {}

  static void check(Check check, ObjectMeta metadata, WorkloadEntry spec) {
    MetadataRules.check(check, metadata, Formats::dns1123Subdomain);
    IstioSecurityFormats.dryRunUnsupported(check, "workloadentry.dry-run-annotation", "WorkloadEntry", metadata);
    if (spec == null) {
      check.error("workloadentry.address", "spec.address", "is required: the workload's IP address or DNS name "
          + "(or set network for a workload reached through that network's gateway)");
      return;
    }
    entry(check, IDS, "spec", spec, true);
  }

  /**
   * One entry: a WorkloadEntry's spec ({@code webhook}: with the webhook's address rules) or a
   * WorkloadGroup's template (the CRD's rules only: its address is filled in when a workload joins).
   */
  static void entry(Check check, Ids ids, String path, WorkloadEntry entry, boolean webhook) {
    String address = entry.getAddress() == null ? "" : entry.getAddress();
    boolean unix = address.startsWith(IstioFormats.UNIX_PREFIX);
    if (address.length() > ADDRESS_MAX) {
      check.error(ids.length(), path + ".address", "is " + address.length() + " characters long; at most "
          + ADDRESS_MAX);
    } else if (unix) {
      for (String problem : IstioFormats.unixAddress(address.substring(IstioFormats.UNIX_PREFIX.length()))) {
        check.error(ids.address(), path + ".address", Messages.quote(address) + " " + problem);
      }
    } else if (webhook && address.isEmpty()) {
      if (entry.getNetwork() == null || entry.getNetwork().isEmpty()) {
        check.error(ids.address(), path + ".address", "is required: the workload's IP address or DNS name, e.g. "
            + "\"10.0.0.7\" or \"vm1.example.com\" (or set network for a workload reached through its gateway)");
      } else {
        check.warning(ids.address(), path + ".address", "is not set while network is "
            + Messages.quote(entry.getNetwork()) + "; traffic reaches the workload only through that network's "
            + "gateway");
      }
    } else if (webhook && !IstioFormats.isIp(address)) {
      for (String problem : IstioFormats.fqdn(address)) {
        check.error(ids.address(), path + ".address", Messages.quote(address) + " is not an IP address, and as a DNS "
            + "name it " + problem + "; e.g. \"10.0.0.7\", \"vm1.example.com\" or \"unix:///var/run/app.sock\"");
      }
    }
    Map<String, Long> ports = new TreeMap<>();
    if (entry.getPorts() != null) {
      entry.getPorts().forEach((k, v) -> ports.put(k == null ? "" : k, v));
    }
    if (unix && !ports.isEmpty()) {
      check.error(ids.unixPorts(), path + ".ports", "must be empty for the unix domain socket "
          + Messages.quote(address) + "; a socket has no ports");
    }
    if (ports.size() > PORTS_MAX) {
      check.error(ids.port(), path + ".ports", ports.size() + " ports are too many; at most " + PORTS_MAX);
    }
    for (var port : ports.entrySet()) {
      String portPath = path + ".ports[" + port.getKey() + "]";
      String name = port.getKey();
      if (!IstioFormats.isDns1123Label(name) || name.length() > PORT_NAME_MAX) {
        check.error(ids.port(), portPath, Messages.quote(name) + " must be a port name: letters, digits and '-', "
            + "starting and ending with a letter or digit, at most " + PORT_NAME_MAX + " characters (the CRD's "
            + "limit), e.g. \"http\"" + Messages.tryInstead(name, Formats.suggestDns1123Label(name)));
      }
      long number = port.getValue() == null ? 0 : port.getValue();
      for (String problem : IstioFormats.port(number)) {
        check.error(ids.port(), portPath, number + " " + problem);
      }
    }
    if (entry.getLabels() != null && entry.getLabels().size() > LABELS_MAX) {
      check.error(ids.labels(), path + ".labels", entry.getLabels().size() + " labels are too many; at most "
          + LABELS_MAX);
    }
    if (webhook) {
      IstioFormats.labels(check, ids.labels(), path + ".labels", entry.getLabels());
    }
    length(check, ids, path + ".network", entry.getNetwork(), NETWORK_MAX);
    length(check, ids, path + ".locality", entry.getLocality(), NETWORK_MAX);
    length(check, ids, path + ".serviceAccount", entry.getServiceAccount(), SERVICE_ACCOUNT_MAX);
  }

  private static void length(Check check, Ids ids, String path, String value, int max) {
    if (value != null && value.length() > max) {
      check.error(ids.length(), path, "is " + value.length() + " characters long; at most " + max);
    }
  }
}
