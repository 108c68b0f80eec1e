package dev.portico.synth.routes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.synth.report.PrettyJson;
import dev.portico.synth.routes.RouteTable.HttpRoute;
import dev.portico.synth.routes.RouteTable.ServiceRoute;
import dev.portico.synth.routes.RouteTable.Target;

/** {@link RouteTable#json()}: keys in record order, every key present (null when unknown), '\n' line ends. */
final class JsonFormat {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonFormat() {}

  static String render(RouteTable table) {
    ObjectNode root = MAPPER.createObjectNode();
    ArrayNode services = root.putArray("services");
    for (ServiceRoute route : table.services()) {
      ObjectNode node = services.addObject();
      node.put("namespace", route.namespace());
      node.put("service", route.service());
      node.put("type", route.type());
      node.put("port", route.port());
      node.put("dns", route.dns());
      node.put("proxyUrl", route.proxyUrl());
      node.put("nodePort", route.nodePort());
      node.put("loadBalancer", route.loadBalancer());
      node.put("externalIps", route.externalIps());
      node.put("externalName", route.externalName());
      node.put("app", route.app());
    }
    ArrayNode http = root.putArray("http");
    for (HttpRoute route : table.http()) {
      ObjectNode node = http.addObject();
      node.put("host", route.host());
      node.put("match", route.match());
      node.put("path", route.path());
      ObjectNode headers = node.putObject("headers");
      route.headers().forEach(headers::put);
      ArrayNode backends = node.putArray("backends");
      for (Target target : route.backends()) {
        ObjectNode backend = backends.addObject();
        backend.put("namespace", target.namespace());
        backend.put("service", target.service());
        backend.put("port", target.port());
        backend.put("weight", target.weight());
      }
      node.put("tls", route.tls());
      node.put("httpsRedirect", route.httpsRedirect());
      node.put("via", route.via());
    }
    ArrayNode mesh = root.putArray("mesh");
    for (RouteTable.MeshRouteRow route : table.mesh()) {
      ObjectNode node = mesh.addObject();
      node.put("namespace", route.namespace());
      node.put("host", route.host());
      node.put("order", route.order());
      node.put("match", route.match());
      ArrayNode destinations = node.putArray("destinations");
      for (RouteTable.MeshDestination destination : route.destinations()) {
        ObjectNode out = destinations.addObject();
        out.put("host", destination.host());
        out.put("subset", destination.subset());
        out.put("weight", destination.weight());
        out.put("port", destination.port());
      }
      ArrayNode policies = node.putArray("policies");
      route.policies().forEach(policies::add);
      node.put("via", route.via());
    }
    ArrayNode calls = root.putArray("calls");
    for (RouteTable.CallRow row : table.calls()) {
      ObjectNode node = calls.addObject();
      node.put("kind", row.kind());
      node.put("from", row.from());
      node.put("to", row.to());
      node.put("ports", row.ports());
      node.put("via", row.via());
      ObjectNode network = node.putObject("networkPolicy");
      network.put("outcome", row.network());
      network.put("reason", row.networkReason());
      if (row.mesh() == null) {
        node.putNull("mesh");
      } else {
        ObjectNode meshVerdict = node.putObject("mesh");
        meshVerdict.put("outcome", row.mesh());
        meshVerdict.put("reason", row.meshReason());
      }
      node.put("outcome", row.outcome());
    }
    return PrettyJson.write(root);
  }
}
