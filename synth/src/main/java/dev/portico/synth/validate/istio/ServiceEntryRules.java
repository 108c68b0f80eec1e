package dev.portico.synth.validate.istio;

import dev.portico.dsl.format.Formats;
import dev.portico.synth.validate.Check;
import dev.portico.synth.validate.Messages;
import dev.portico.synth.validate.MetadataRules;
import io.fabric8.istio.api.api.networking.v1alpha3.ServiceEntryResolution;
import io.fabric8.istio.api.api.networking.v1alpha3.ServicePort;
import io.fabric8.istio.api.api.networking.v1alpha3.WorkloadEntry;
import io.fabric8.istio.api.networking.v1.ServiceEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An Istio ServiceEntry as istio/istio's webhook validation accepts it: {@code ValidateServiceEntry} in
 * {@code pkg/config/validation/validation.go}, with {@code validateWorkloadEntry} for STATIC endpoints,
 * {@code ValidateAlphaWorkloadSelector}, {@code validateExportTo} and the agent helpers for hosts,
 * addresses and ports. Resolution and location are enums, so only their combinations are checked.
 *
 * <p>Not reported: the warning upstream gives for TCP ports without addresses, which depends on
 * whether istiod allocates addresses (a mesh setting Portico cannot see). Resolution DYNAMIC_DNS, which
 * the validation read does not know (it rejects it as unsupported), is only warned about, as newer Istio
 * versions define it.
 */
final class ServiceEntryRules {
  private ServiceEntryRules() {}

  static void check(Check check, ServiceEntry entry) {
    MetadataRules.check(check, entry.getMetadata(), Formats::dns1123Subdomain);
    var spec = entry.getSpec();
    if (spec == null) {
      check.error("serviceentry.hosts-required", "spec", "spec is required, with hosts, ports and a resolution");
      return;
    }
    ServiceEntryResolution resolution =
        spec.getResolution() == null ? ServiceEntryResolution.NONE : spec.getResolution();
    if (spec.getWorkloadSelector() != null) {
      IstioFormats.workloadSelector(check, "serviceentry.workload-selector", "spec.workloadSelector.labels",
          spec.getWorkloadSelector().getLabels());
      if (!list(spec.getEndpoints()).isEmpty()) {
        check.error("serviceentry.endpoints-selector", "spec.workloadSelector", "cannot be combined with endpoints; "
            + "select workloads by labels or list endpoints, not both");
      }
    }
    List<String> hosts = list(spec.getHosts());
    hosts(check, hosts);
    boolean cidr = addresses(check, list(spec.getAddresses()));
    if (cidr && resolution != ServiceEntryResolution.NONE && resolution != ServiceEntryResolution.STATIC) {
      check.error("serviceentry.cidr-resolution", "spec.resolution", Messages.quote(resolution.name())
          + " cannot be used with CIDR addresses; use NONE or STATIC, or list single IP addresses");
    }
    List<ServicePort> ports = list(spec.getPorts());
    Set<String> portNames = ports(check, ports);
    List<WorkloadEntry> endpoints = list(spec.getEndpoints());
    switch (resolution) {
      case NONE -> {
        if (!endpoints.isEmpty()) {
          check.error("serviceentry.endpoints-none", "spec.endpoints", "must be empty with resolution NONE (traffic "
              + "goes to the address the client asked for); use resolution STATIC or DNS to list endpoints");
        }
        if (spec.getWorkloadSelector() != null) {
          check.warning("serviceentry.selector-resolution", "spec.workloadSelector", "has no effect with resolution "
              + "NONE; use resolution STATIC to send traffic to the selected workloads");
        }
      }
      case STATIC -> {
        for (int i = 0; i < endpoints.size(); i++) {
          staticEndpoint(check, "spec.endpoints[" + i + "]", endpoints.get(i), portNames);
        }
      }
      case DNS, DNS_ROUND_ROBIN -> dns(check, spec, resolution, hosts, ports, endpoints, portNames);
      default -> check.warning("serviceentry.resolution", "spec.resolution", Messages.quote(resolution.name())
          + " is rejected by Istio versions before it was introduced; make sure the mesh runs one that supports it, "
          + "or use DNS");
    }
    if (resolution != ServiceEntryResolution.NONE && hosts.size() > 1) {
      for (int i = 0; i < ports.size(); i++) {
        ServicePort port = ports.get(i);
        if (port != null && !IstioFormats.isHttp(port.getProtocol()) && !IstioFormats.isTls(port.getProtocol())) {
          check.error("serviceentry.multiple-hosts", "spec.ports[" + i + "].protocol", Messages.quote(
              port.getProtocol() == null ? "" : port.getProtocol()) + " cannot tell " + hosts.size()
              + " hosts apart (only HTTP and TLS carry the host name); use one host per ServiceEntry, an HTTP or TLS "
              + "protocol, or resolution NONE");
          break;
        }
      }
    }
    String namespace = entry.getMetadata() == null ? null : entry.getMetadata().getNamespace();
    IstioFormats.exportTo(check, "serviceentry.export-to", namespace, spec.getExportTo(), true, false);
  }

  private static <T> List<T> list(List<T> values) {
    return values == null ? List.of() : values;
  }

  private static long number(Long value) {
    return value == null ? 0 : value;
  }

  private static void hosts(Check check, List<String> hosts) {
    if (hosts.isEmpty()) {
      check.error("serviceentry.hosts-required", "spec.hosts", "at least one host is required, e.g. "
          + "\"api.example.com\"");
    }
    for (int i = 0; i < hosts.size(); i++) {
      String host = hosts.get(i) == null ? "" : hosts.get(i);
      String path = "spec.hosts[" + i + "]";
      if (host.equals("*")) {
        check.error("serviceentry.host", path, "\"*\" is not allowed in a ServiceEntry; name the hosts, e.g. "
            + "\"api.example.com\" or \"*.example.com\"");
        continue;
      }
      for (String problem : IstioFormats.host(host)) {
        check.error("serviceentry.host", path, Messages.quote(host) + " " + problem);
      }
      if (IstioFormats.isPartialWildcard(host)) {
        check.warning("serviceentry.host-partial-wildcard", path, Messages.quote(host) + " has a partial wildcard, "
            + "which Istio matches as a whole first label; write \"*.example.com\" style wildcards");
      }
    }
  }

  /** {@code agent.ValidateIPSubnet} for each address; true when one is a CIDR block. */
  private static boolean addresses(Check check, List<String> addresses) {
    boolean cidr = false;
    for (int i = 0; i < addresses.size(); i++) {
      String address = addresses.get(i) == null ? "" : addresses.get(i);
      cidr |= address.contains("/");
      for (String problem : IstioFormats.ipOrCidr(address)) {
        check.error("serviceentry.address", "spec.addresses[" + i + "]", Messages.quote(address) + " " + problem);
      }
    }
    return cidr;
  }

  /** Port names (DNS-1123 labels), numbers and protocols, each name and number once; returns the names. */
  private static Set<String> ports(Check check, List<ServicePort> ports) {
    Map<String, Integer> names = new HashMap<>();
    Map<Long, Integer> numbers = new HashMap<>();
    for (int i = 0; i < ports.size(); i++) {
      String path = "spec.ports[" + i + "]";
      ServicePort port = ports.get(i);
      if (port == null) {
        check.error("serviceentry.null-entry", path, "is null; a port needs a number, a protocol and a name");
        continue;
      }
      String name = port.getName() == null ? "" : port.getName();
      Integer earlierName = names.putIfAbsent(name, i);
      if (earlierName != null) {
        check.error("serviceentry.port-name-duplicate", path + ".name", Messages.quote(name)
            + " is already the name of spec.ports[" + earlierName + "]; port names must be unique");
      }
      long number = number(port.getNumber());
      Integer earlierNumber = numbers.putIfAbsent(number, i);
      if (earlierNumber != null) {
        check.error("serviceentry.port-number-duplicate", path + ".number", number
            + " is already the number of spec.ports[" + earlierNumber + "]; port numbers must be unique");
      }
      if (number(port.getTargetPort()) != 0) {
        for (String problem : IstioFormats.port(number(port.getTargetPort()))) {
          check.error("serviceentry.target-port", path + ".targetPort", port.getTargetPort() + " " + problem);
        }
      }
      if (!IstioFormats.isDns1123Label(name)) {
        check.error("serviceentry.port-name", path + ".name", name.isEmpty()
            ? "is required: a DNS-1123 label such as \"https\""
            : Messages.quote(name) + " must be a DNS-1123 label (" + IstioFormats.LABEL_TEXT + ")"
                + Messages.tryInstead(name, Formats.suggestDns1123Label(name)));
      }
      String protocol = port.getProtocol();
      if (protocol != null && !protocol.isEmpty() && IstioFormats.protocol(protocol) == null) {
        check.error("serviceentry.port-protocol", path + ".protocol", Messages.quote(protocol) + " is not a protocol "
            + "Istio knows; use " + Messages.oneOf(IstioFormats.PROTOCOLS) + " (any case), or leave it out to "
            + "detect it");
      }
      for (String problem : IstioFormats.port(number)) {
        check.error("serviceentry.port-number", path + ".number", number + " " + problem);
      }
    }
    return new HashSet<>(names.keySet());
  }

  /** {@code validateWorkloadEntry} with FQDN addresses refused: an IP address or a unix socket. */
  private static void staticEndpoint(Check check, String path, WorkloadEntry endpoint, Set<String> portNames) {
    if (endpoint == null) {
      check.error("serviceentry.null-entry", path, "is null; an endpoint needs an address");
      return;
    }
    String address = endpoint.getAddress() == null ? "" : endpoint.getAddress();
    if (address.isEmpty()) {
      if (endpoint.getNetwork() == null || endpoint.getNetwork().isEmpty()) {
        check.error("serviceentry.endpoint-address", path + ".address", "is required: the endpoint's IP address "
            + "(resolution STATIC), e.g. \"10.0.0.7\"");
        return;
      }
      check.warning("serviceentry.endpoint-address", path + ".address", "is not set while network is "
          + Messages.quote(endpoint.getNetwork()) + "; traffic reaches it only through that network's gateway");
    }
    boolean unix = address.startsWith(IstioFormats.UNIX_PREFIX);
    if (unix) {
      for (String problem : IstioFormats.unixAddress(address.substring(IstioFormats.UNIX_PREFIX.length()))) {
        check.error("serviceentry.endpoint-address", path + ".address", Messages.quote(address) + " " + problem);
      }
      if (endpoint.getPorts() != null && !endpoint.getPorts().isEmpty()) {
        check.error("serviceentry.unix-endpoint", path + ".ports", "must be empty for the unix domain socket "
            + Messages.quote(address));
      }
    } else if (!address.isEmpty() && !IstioFormats.isIp(address)) {
      check.error("serviceentry.endpoint-address", path + ".address", Messages.quote(address) + " is not an IP "
          + "address; resolution STATIC needs IPs (e.g. \"10.0.0.7\"), use resolution DNS for host names");
    }
    endpointPorts(check, path, endpoint, portNames);
    IstioFormats.labels(check, "serviceentry.endpoint-labels", path + ".labels", endpoint.getLabels());
    if (unix && portNames.size() != 1) {
      check.error("serviceentry.unix-endpoint", path + ".address", Messages.quote(address) + " is a unix domain "
          + "socket, which needs exactly one port in spec.ports (there are " + portNames.size() + ")");
    }
  }

  private static void endpointPorts(Check check, String path, WorkloadEntry endpoint, Set<String> portNames) {
    Map<String, Long> ports = new TreeMap<>();
    if (endpoint.getPorts() != null) {
      endpoint.getPorts().forEach((k, v) -> ports.put(k == null ? "" : k, v));
    }
    for (var entry : ports.entrySet()) {
      String portPath = path + ".ports[" + entry.getKey() + "]";
      long number = number(entry.getValue());
      if (!portNames.contains(entry.getKey())) {
        check.error("serviceentry.endpoint-port", portPath, Messages.quote(entry.getKey()) + " (" + number
            + ") is not a port name of this ServiceEntry; use one of " + Messages.list(portNames.stream()
                .filter(n -> !n.isEmpty()).sorted().toList()));
      }
      if (!IstioFormats.isDns1123Label(entry.getKey())) {
        check.error("serviceentry.endpoint-port", portPath, Messages.quote(entry.getKey())
            + " must be a port name: a DNS-1123 label (" + IstioFormats.LABEL_TEXT + ")");
      }
      for (String problem : IstioFormats.port(number)) {
        check.error("serviceentry.endpoint-port", portPath, number + " " + problem);
      }
    }
  }

  /** The DNS and DNS_ROUND_ROBIN branch of {@code ValidateServiceEntry}. */
  private static void dns(Check check, io.fabric8.istio.api.api.networking.v1alpha3.ServiceEntry spec,
      ServiceEntryResolution resolution, List<String> hosts, List<ServicePort> ports, List<WorkloadEntry> endpoints,
      Set<String> portNames) {
    if (endpoints.isEmpty()) {
      for (int i = 0; i < hosts.size(); i++) {
        String host = hosts.get(i) == null ? "" : hosts.get(i);
        if (!IstioFormats.fqdn(host).isEmpty() && !host.equals("*") && IstioFormats.host(host).isEmpty()) {
          check.error("serviceentry.dns-hosts", "spec.hosts[" + i + "]", Messages.quote(host) + " cannot be "
              + "resolved: with resolution " + resolution.name() + " and no endpoints, every host must be a DNS name "
              + "without wildcards; list endpoints, or use resolution NONE for wildcard hosts");
        }
      }
    }
    if (resolution == ServiceEntryResolution.DNS_ROUND_ROBIN && endpoints.size() > 1) {
      check.error("serviceentry.dns-round-robin", "spec.endpoints", endpoints.size() + " endpoints are listed; "
          + "resolution DNS_ROUND_ROBIN takes at most one (use resolution DNS for several)");
    }
    for (int i = 0; i < endpoints.size(); i++) {
      String path = "spec.endpoints[" + i + "]";
      WorkloadEntry endpoint = endpoints.get(i);
      if (endpoint == null) {
        check.error("serviceentry.null-entry", path, "is null; an endpoint needs an address");
        continue;
      }
      String address = endpoint.getAddress() == null ? "" : endpoint.getAddress();
      if (!IstioFormats.isIp(address) && !IstioFormats.fqdn(address).isEmpty()) {
        check.error("serviceentry.endpoint-address", path + ".address", Messages.quote(address) + " must be a DNS "
            + "name (e.g. \"eu.api.example.com\") or an IP address");
      }
      IstioFormats.labels(check, "serviceentry.endpoint-labels", path + ".labels", endpoint.getLabels());
      endpointPorts(check, path, endpoint, portNames);
    }
    if (spec.getWorkloadSelector() != null) {
      check.warning("serviceentry.selector-resolution", "spec.workloadSelector", "has no effect with resolution "
          + resolution.name() + "; use resolution STATIC to send traffic to the selected workloads");
    }
    if (!list(spec.getAddresses()).isEmpty() && hosts.size() > 1) {
      for (int i = 0; i < ports.size(); i++) {
        ServicePort port = ports.get(i);
        if (port != null && IstioFormats.isTcp(port.getProtocol())) {
          check.warning("serviceentry.tcp-hosts-address", "spec.hosts", hosts.size() + " hosts share the addresses "
              + "on TCP port " + number(port.getNumber()) + ", so they cannot be told apart; use one host per "
              + "ServiceEntry");
          break;
        }
      }
    }
  }
}
