package dev.portico.synth.validate;

import dev.portico.dsl.format.Formats;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An app's pods as Pod validation would see them: selector labels, and container ports whose
 * names are IANA service names ({@code validateContainerPorts}), numbers 1-65535, and names and
 * (number, protocol) pairs unique within the app.
 */
final class AppRules {
  private AppRules() {}

  static void check(PodSet app, List<Finding> out) {
    List<PodSet.ContainerPort> ports = app.ports();
    Check check = new Check(app.description(), path -> {
      if (path.startsWith("ports[")) {
        return ports.get(Integer.parseInt(path.substring(6, path.indexOf(']')))).location();
      }
      return app.location();
    }, out);
    MetadataRules.labels(check, "selector", app.labels());
    Set<String> names = new HashSet<>();
    Map<String, Integer> numbers = new HashMap<>();
    for (int i = 0; i < ports.size(); i++) {
      PodSet.ContainerPort port = ports.get(i);
      String path = "ports[" + i + "]";
      if (port.name() != null) {
        check.formatErrors("app.port-name", path + ".name", port.name(), Formats.ianaServiceName(port.name()),
            ServiceRules.ianaSuggestion(port.name()));
        if (!names.add(port.name())) {
          check.error("app.port-name-duplicate", path + ".name",
              Messages.quote(port.name()) + " is used by an earlier port of the app; container port names must be unique");
        }
      }
      for (String problem : Formats.portNumber(port.number())) {
        check.error("app.port-number", path + ".containerPort", port.number() + " " + problem);
      }
      Integer earlier = numbers.putIfAbsent(port.number() + "/" + port.protocol(), i);
      if (earlier != null) {
        check.error("app.port-duplicate", path, "port " + port.number() + "/" + port.protocol()
            + " is already declared by ports[" + earlier + "] of the app");
      }
    }
  }
}
