package dev.portico.dsl;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one stack declared for one environment, frozen: the input to synthesis.
 *
 * @param stack the stack's name
 * @param namespace the namespace of every resource
 * @param environment the environment it was defined for
 * @param apps the apps, in declaration order
 * @param services the Services, in declaration order
 * @param exposures the HTTP exposures, in declaration order
 * @param httpTarget what the exposures render to
 * @param httpTargetLocation where the target was chosen (the stack's class when it was not)
 * @param mesh what the stack declared for the service mesh
 * @param access who may call whom
 * @param declaredNamespace the stack's Namespace object; null when the stack does not declare it
 * @param location where the stack's definition class is
 */
public record StackModel(
    String stack,
    String namespace,
    String environment,
    List<App> apps,
    List<Service> services,
    List<HttpExposure> exposures,
    HttpTarget httpTarget,
    SourceLocation httpTargetLocation,
    MeshModel mesh,
    AccessModel access,
    StackNamespace declaredNamespace,
    SourceLocation location) {

  public StackModel {
    Objects.requireNonNull(stack, "stack");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(environment, "environment");
    apps = List.copyOf(apps);
    services = List.copyOf(services);
    exposures = List.copyOf(exposures);
    Objects.requireNonNull(httpTarget, "httpTarget");
    Objects.requireNonNull(httpTargetLocation, "httpTargetLocation");
    Objects.requireNonNull(mesh, "mesh");
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(location, "location");
  }

  /** The stack's Namespace object, when it declares one. */
  public Optional<StackNamespace> namespaceObject() {
    return Optional.ofNullable(declaredNamespace);
  }

  /**
   * True when the stack has a service mesh: it declared something for it, or its Namespace turns
   * on sidecar injection.
   */
  public boolean hasMesh() {
    return !mesh.isEmpty() || declaredNamespace != null && declaredNamespace.sidecarInjection();
  }
}
