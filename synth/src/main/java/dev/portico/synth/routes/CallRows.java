package dev.portico.synth.routes;

import dev.portico.synth.routes.RouteTable.CallRow;
import dev.portico.synth.validate.Call;
import dev.portico.synth.validate.PodSet;
import dev.portico.synth.validate.Reachability;
import dev.portico.synth.validate.Resource;
import dev.portico.synth.validate.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The {@link CallRow}s of a table: each declared call, checked against the objects' policies; none
 * when no object restricts who may call whom (no NetworkPolicy, AuthorizationPolicy or
 * PeerAuthentication), where every call is admitted and the rows would say nothing.
 */
final class CallRows {
  private CallRows() {}

  static List<CallRow> of(List<Resource> resources, List<PodSet> apps, List<Call> calls) {
    if (calls.isEmpty() || resources.stream().noneMatch(CallRows::restricts)) {
      return List.of();
    }
    Reachability reachability = Reachability.of(resources, apps, Scope.CLOSED);
    List<CallRow> rows = new ArrayList<>();
    for (Call call : calls) {
      Reachability.Result result = reachability.check(call);
      rows.add(new CallRow(call.kind().label(), call.source().description(), call.to(),
          call.ports().stream().map(Call.TargetPort::toString).collect(Collectors.joining(", ")), call.via(),
          word(result.network().outcome()), result.network().reason(),
          result.mesh() == null ? null : word(result.mesh().outcome()),
          result.mesh() == null ? null : result.mesh().reason(), word(result.outcome())));
    }
    return rows;
  }

  private static boolean restricts(Resource resource) {
    return resource.object() instanceof io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy
        || resource.object() instanceof io.fabric8.istio.api.security.v1.AuthorizationPolicy
        || resource.object() instanceof io.fabric8.istio.api.security.v1.PeerAuthentication;
  }

  private static String word(Call.Outcome outcome) {
    return outcome.name().toLowerCase(Locale.ROOT);
  }
}
