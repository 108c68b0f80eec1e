package dev.portico.synth.validate.istio;

import dev.portico.dsl.format.Formats;
import dev.portico.synth.validate.Check;
import dev.portico.synth.validate.Messages;
import dev.portico.synth.validate.MetadataRules;
import io.fabric8.istio.api.api.networking.v1alpha3.ExecHealthCheckConfig;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPHeader;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPHealthCheckConfig;
import io.fabric8.istio.api.api.networking.v1alpha3.ReadinessProbe;
import io.fabric8.istio.api.api.networking.v1alpha3.ReadinessProbeExec;
import io.fabric8.istio.api.api.networking.v1alpha3.ReadinessProbeGrpc;
import io.fabric8.istio.api.api.networking.v1alpha3.ReadinessProbeHttpGet;
import io.fabric8.istio.api.api.networking.v1alpha3.ReadinessProbeTcpSocket;
import io.fabric8.istio.api.api.networking.v1alpha3.TCPHealthCheckConfig;
import io.fabric8.istio.api.api.networking.v1alpha3.WorkloadGroup;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An Istio WorkloadGroup (networking.istio.io v1, v1beta1 and v1alpha3, which share one schema) as
 * istio/istio's webhook validation accepts it: {@code ValidateWorkloadGroup} in
 * {@code pkg/config/validation/validation.go} (a template; valid metadata labels) with
 * {@code validateReadinessProbe} ({@code agent.ValidatePort}, {@code ValidateProbeHeaderName}); and
 * the CRD's rules on the template (those of a WorkloadEntry but the required address, see
 * {@link WorkloadEntryRules#entry}), on metadata (at most 256 labels and annotations) and on the probe
 * (non-negative counts, a command of non-empty words). The webhook knows the httpGet, tcpSocket and exec
 * probes; a probe without a method, or with grpc, which the CRD allows, it rejects ("unknown health
 * check method").
 */
final class WorkloadGroupRules {
  static final WorkloadEntryRules.Ids TEMPLATE = new WorkloadEntryRules.Ids("workloadgroup.template-address",
      "workloadgroup.template-unix-ports", "workloadgroup.template-port", "workloadgroup.template-labels",
      "workloadgroup.template-length");
  /** CRD {@code maxProperties} of {@code metadata.labels} and {@code metadata.annotations}. */
  static final int METADATA_MAX = 256;
  /** {@code validProbeHeaderNameRegex}, as Kubernetes' probe headers. */
  private static final Pattern PROBE_HEADER_NAME = Pattern.compile("[-A-Za-z0-9]+");

  private WorkloadGroupRules() {}

  static void check(Check check, ObjectMeta metadata, WorkloadGroup spec) {
    MetadataRules.check(check, metadata, Formats::dns1123Subdomain);
    IstioSecurityFormats.dryRunUnsupported(check, "workloadgroup.dry-run-annotation", "WorkloadGroup", metadata);
    if (spec == null || spec.getTemplate() == null) {
      check.error("workloadgroup.template", spec == null ? "spec" : "spec.template", "is required: the "
          + "WorkloadEntry each joining workload gets (e.g. {ports: {http: 8080}, serviceAccount: vm}); its address "
          + "is filled in on registration");
    } else {
      WorkloadEntryRules.entry(check, TEMPLATE, "spec.template", spec.getTemplate(), false);
    }
    if (spec == null) {
      return;
    }
    if (spec.getMetadata() != null) {
      Map<String, String> labels = spec.getMetadata().getLabels();
      Map<String, String> annotations = spec.getMetadata().getAnnotations();
      IstioFormats.labels(check, "workloadgroup.metadata", "spec.metadata.labels", labels);
      if (labels != null && labels.size() > METADATA_MAX) {
        check.error("workloadgroup.metadata", "spec.metadata.labels", labels.size() + " labels are too many; at "
            + "most " + METADATA_MAX);
      }
      if (annotations != null && annotations.size() > METADATA_MAX) {
        check.error("workloadgroup.metadata", "spec.metadata.annotations", annotations.size() + " annotations "
            + "are too many; at most " + METADATA_MAX);
      }
    }
    if (spec.getProbe() != null) {
      probe(check, "spec.probe", spec.getProbe());
    }
  }

  /** {@code validateReadinessProbe} and the CRD's {@code minimum: 0} on the counts. */
  private static void probe(Check check, String path, ReadinessProbe probe) {
    nonNegative(check, path + ".periodSeconds", probe.getPeriodSeconds());
    nonNegative(check, path + ".initialDelaySeconds", probe.getInitialDelaySeconds());
    nonNegative(check, path + ".timeoutSeconds", probe.getTimeoutSeconds());
    nonNegative(check, path + ".successThreshold", probe.getSuccessThreshold());
    nonNegative(check, path + ".failureThreshold", probe.getFailureThreshold());
    var method = probe.getHealthCheckMethod();
    if (method instanceof ReadinessProbeHttpGet http) {
      httpGet(check, path + ".httpGet", http.getHttpGet());
    } else if (method instanceof ReadinessProbeTcpSocket tcp) {
      TCPHealthCheckConfig socket = tcp.getTcpSocket();
      if (socket == null) {
        check.error("workloadgroup.probe-method", path + ".tcpSocket", "is empty; give the port to connect to, "
            + "e.g. {port: 8080}");
      } else {
        port(check, path + ".tcpSocket.port", socket.getPort());
      }
    } else if (method instanceof ReadinessProbeExec exec) {
      ExecHealthCheckConfig command = exec.getExec();
      List<String> words = command == null || command.getCommand() == null ? List.of() : command.getCommand();
      if (words.isEmpty()) {
        check.error("workloadgroup.probe-exec", path + ".exec.command", "is required: the command to run, e.g. "
            + "[\"cat\", \"/tmp/healthy\"]");
      }
      for (int i = 0; i < words.size(); i++) {
        if (words.get(i) == null || words.get(i).isEmpty()) {
          check.error("workloadgroup.probe-exec", path + ".exec.command[" + i + "]", "is empty; every word of the "
              + "command must be non-empty");
        }
      }
    } else if (method instanceof ReadinessProbeGrpc) {
      check.error("workloadgroup.probe-method", path + ".grpc", "is not accepted by Istio's validating webhook, "
          + "which knows only httpGet, tcpSocket and exec readiness probes; use one of those");
    } else {
      check.error("workloadgroup.probe-method", path, "has no health check: set one of httpGet (e.g. {port: 8080, "
          + "path: /ready}), tcpSocket ({port: 8080}) or exec ({command: [...]}), or remove the probe");
    }
  }

  private static void httpGet(Check check, String path, HTTPHealthCheckConfig http) {
    if (http == null) {
      check.error("workloadgroup.probe-method", path, "is empty; give at least the port, e.g. {port: 8080, path: "
          + "/ready}");
      return;
    }
    port(check, path + ".port", http.getPort());
    String scheme = http.getScheme();
    if (scheme != null && !scheme.isEmpty() && !scheme.equals("HTTP") && !scheme.equals("HTTPS")) {
      check.error("workloadgroup.probe-http", path + ".scheme", Messages.quote(scheme) + " must be \"HTTP\" or "
          + "\"HTTPS\" (upper case)");
    }
    List<HTTPHeader> headers = http.getHttpHeaders() == null ? List.of() : http.getHttpHeaders();
    for (int i = 0; i < headers.size(); i++) {
      HTTPHeader header = headers.get(i);
      String headerPath = path + ".httpHeaders[" + i + "]";
      if (header == null) {
        check.error("workloadgroup.probe-http", headerPath, "is null; give a header name and value");
      } else if (header.getName() == null || header.getName().isEmpty()) {
        check.error("workloadgroup.probe-http", headerPath + ".name", "is required: a header name, e.g. "
            + "\"X-Probe\"");
      } else if (!PROBE_HEADER_NAME.matcher(header.getName()).matches()) {
        check.error("workloadgroup.probe-http", headerPath + ".name", Messages.quote(header.getName())
            + " is not a probe header name: letters, digits and '-' only");
      }
    }
  }

  private static void port(Check check, String path, Long port) {
    long number = port == null ? 0 : port;
    for (String problem : IstioFormats.port(number)) {
      check.error("workloadgroup.probe-port", path, number + " " + problem);
    }
  }

  private static void nonNegative(Check check, String path, Integer value) {
    if (value != null && value < 0) {
      check.error("workloadgroup.probe", path, value + " must not be negative");
    }
  }
}
