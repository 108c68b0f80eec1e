package dev.portico.synth.validate.kubernetes;

import dev.portico.dsl.format.DeclarationRules;
import dev.portico.synth.validate.Check;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.PodSet;
import java.util.ArrayList;
import java.util.List;

/**
 * An app's pods, by the rules in {@link DeclarationRules#appPods} that the annotation processor
 * applies too: selector labels, and container ports whose names are IANA service
 * names ({@code validateContainerPorts}), numbers 1-65535, and names and (number, protocol) pairs
 * unique within the app.
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
    List<DeclarationRules.PortDeclaration> declared = new ArrayList<>(ports.size());
    for (PodSet.ContainerPort port : ports) {
      declared.add(new DeclarationRules.PortDeclaration(port.name(), port.number(), port.protocol()));
    }
    for (DeclarationRules.Problem problem : DeclarationRules.appPods(app.labels(), declared)) {
      check.error(problem.rule(), problem.field(), problem.message());
    }
  }
}
