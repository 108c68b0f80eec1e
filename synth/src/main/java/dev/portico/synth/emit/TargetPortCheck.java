package dev.portico.synth.emit;

import dev.portico.dsl.App;
import dev.portico.dsl.Port;
import dev.portico.dsl.Service;
import dev.portico.dsl.ServicePort;
import dev.portico.dsl.ServiceType;
import dev.portico.dsl.StackModel;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Severity;
import java.util.List;

/**
 * A Service's target must be one of its app's own {@link Port}s. A Port of the same name but
 * another number (or the same number without the name) still renders a target port the pods have,
 * by name or by number, so the rendered objects look right while the Service reaches a port the
 * user did not mean; this compares the declarations, at the line that made the Service port.
 * Targets that name or number no port of the app are left to {@code service.target-port-declared}'s
 * analyzer, which sees the rendered objects.
 */
final class TargetPortCheck {
  private TargetPortCheck() {}

  static void check(StackModel stack, List<Finding> findings) {
    for (Service service : stack.services()) {
      App app = service.app().orElse(null);
      if (app == null || service.type() instanceof ServiceType.ExternalName) {
        continue;
      }
      for (int i = 0; i < service.ports().size(); i++) {
        ServicePort port = service.ports().get(i);
        Port target = port.target().orElse(null);
        if (target == null || declared(app, target)) {
          continue;
        }
        Port reached = reached(app, target);
        if (reached == null) {
          continue;
        }
        findings.add(new Finding("service.target-port-declared", Severity.ERROR, port.location(),
            "Service/" + stack.namespace() + "/" + service.name(), "spec.ports[" + i + "].targetPort",
            "targets " + target + " (declared at " + target.location() + "), which is not one of app "
                + HttpNames.quote(app.name()) + "'s ports; rendered as targetPort "
                + (target.name().isPresent() ? HttpNames.quote(target.name().get()) : String.valueOf(target.number()))
                + " it would reach " + reached + " (declared at " + reached.location() + "); target the app's own Port "
                + "constant, or declare the port on the app"));
      }
    }
  }

  /** Whether {@code target} is one of the app's ports: same name, number and protocol (appProtocol aside). */
  private static boolean declared(App app, Port target) {
    for (Port port : app.ports()) {
      if (port.number() == target.number() && port.protocol() == target.protocol() && port.name().equals(target.name())) {
        return true;
      }
    }
    return false;
  }

  /** The app's port a target port renders to: by name when the target has one, else by number. */
  private static Port reached(App app, Port target) {
    for (Port port : app.ports()) {
      if (port.protocol() != target.protocol()) {
        continue;
      }
      if (target.name().isPresent() ? target.name().equals(port.name()) : port.number() == target.number()) {
        return port;
      }
    }
    return null;
  }
}
