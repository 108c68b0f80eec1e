package dev.portico.synth.routes;

import static dev.portico.synth.routes.IngressRoutes.list;

import dev.portico.synth.routes.RouteTable.MeshDestination;
import dev.portico.synth.routes.RouteTable.MeshRouteRow;
import dev.portico.synth.validate.Resource;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjection;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionAbortHttpStatus;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionDelayFixedDelay;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequest;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatch;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchExact;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchPrefix;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchRegex;
import io.fabric8.istio.api.networking.v1.VirtualService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@link MeshRouteRow}s of mesh-bound Istio VirtualServices (no gateways, or {@code mesh}
 * among them): per host and rule, what the rule matches, where requests go with their weights, and
 * the timeout, retries and faults that apply. Gateway-bound ones are external routes ({@link IstioRoutes}).
 */
final class MeshRoutes {
  private MeshRoutes() {}

  static List<MeshRouteRow> of(List<Resource> resources) {
    List<MeshRouteRow> rows = new ArrayList<>();
    for (Resource resource : resources) {
      if (!(resource.object() instanceof VirtualService vs) || vs.getSpec() == null) {
        continue;
      }
      List<String> gateways = list(vs.getSpec().getGateways());
      if (!gateways.isEmpty() && !gateways.contains("mesh")) {
        continue;
      }
      String namespace = ServicePorts.namespace(vs);
      int order = 0;
      for (HTTPRoute rule : list(vs.getSpec().getHttp())) {
        if (rule == null) {
          continue;
        }
        List<MeshDestination> destinations = new ArrayList<>();
        List<HTTPRouteDestination> route = list(rule.getRoute());
        for (HTTPRouteDestination destination : route) {
          if (destination != null && destination.getDestination() != null) {
            var port = destination.getDestination().getPort();
            destinations.add(new MeshDestination(destination.getDestination().getHost(),
                destination.getDestination().getSubset(), route.size() == 1 ? null : destination.getWeight(),
                port == null || port.getNumber() == null ? null : port.getNumber().intValue()));
          }
        }
        for (String host : list(vs.getSpec().getHosts())) {
          rows.add(new MeshRouteRow(namespace, host, order, match(rule), destinations, policies(rule), resource.id()));
        }
        order++;
      }
    }
    return rows;
  }

  /** What a rule takes: {@code *} for every request, else its matches, e.g. {@code header end-user=jason}. */
  private static String match(HTTPRoute rule) {
    List<String> alternatives = new ArrayList<>();
    for (HTTPMatchRequest match : list(rule.getMatch())) {
      if (match == null) {
        continue;
      }
      List<String> conditions = new ArrayList<>();
      if (match.getPort() != null) {
        conditions.add("port " + match.getPort());
      }
      if (match.getUri() != null) {
        conditions.add("uri " + stringMatch(match.getUri()));
      }
      Map<String, StringMatch> headers = match.getHeaders() == null ? Map.of() : new TreeMap<>(match.getHeaders());
      headers.forEach((name, value) -> conditions.add("header " + name + " " + stringMatch(value)));
      alternatives.add(conditions.isEmpty() ? "*" : String.join(" and ", conditions));
    }
    return alternatives.isEmpty() ? "*" : String.join(" or ", alternatives);
  }

  private static String stringMatch(StringMatch match) {
    Object type = match == null ? null : match.getMatchType();
    if (type instanceof StringMatchExact exact) {
      return "= " + exact.getExact();
    }
    if (type instanceof StringMatchPrefix prefix) {
      return "prefix " + prefix.getPrefix();
    }
    if (type instanceof StringMatchRegex regex) {
      return "~ " + regex.getRegex();
    }
    return "present";
  }

  /** Timeout, retries, faults and mirroring, in words. */
  private static List<String> policies(HTTPRoute rule) {
    List<String> policies = new ArrayList<>();
    if (rule.getTimeout() != null) {
      policies.add("timeout " + rule.getTimeout());
    }
    if (rule.getRetries() != null && rule.getRetries().getAttempts() != null) {
      policies.add("retries " + rule.getRetries().getAttempts()
          + (rule.getRetries().getPerTryTimeout() == null ? "" : " x " + rule.getRetries().getPerTryTimeout())
          + (rule.getRetries().getRetryOn() == null ? "" : " on " + rule.getRetries().getRetryOn()));
    }
    HTTPFaultInjection fault = rule.getFault();
    if (fault != null && fault.getDelay() != null) {
      String delay = fault.getDelay().getHttpDelayType() instanceof HTTPFaultInjectionDelayFixedDelay fixed
          ? fixed.getFixedDelay() : "?";
      policies.add("delay " + delay + percent(fault.getDelay().getPercentage()));
    }
    if (fault != null && fault.getAbort() != null) {
      String status = fault.getAbort().getErrorType() instanceof HTTPFaultInjectionAbortHttpStatus http
          ? String.valueOf(http.getHttpStatus()) : "?";
      policies.add("abort " + status + percent(fault.getAbort().getPercentage()));
    }
    if (!list(rule.getMirrors()).isEmpty() || rule.getMirror() != null) {
      policies.add("mirrored");
    }
    if (rule.getRedirect() != null) {
      policies.add("redirect " + rule.getRedirect().getUri());
    }
    return policies;
  }

  private static String percent(io.fabric8.istio.api.api.networking.v1alpha3.Percent percent) {
    if (percent == null || percent.getValue() == null) {
      return "";
    }
    double value = percent.getValue();
    return " (" + (value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value)) + "%)";
  }
}
