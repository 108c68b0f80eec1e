package dev.portico.synth.validate.http;

import dev.portico.synth.validate.Analyzer;
import dev.portico.synth.validate.CheckedKind;
import dev.portico.synth.validate.RuleFamily;
import java.util.List;

/**
 * Checks of HTTP exposure across families: Ingresses, Gateway API routes and Istio gateways
 * compared with each other and with the Services they route to ({@link HttpAnalyzers}), Gateway
 * API's cross-namespace references against ReferenceGrants ({@link ReferenceGrants}), the classes
 * Gateways and Ingresses name ({@link ClassReferences}), and where routes and ListenerSets attach
 * ({@link RouteParents}). It checks no kind of its own.
 */
public final class HttpFamily implements RuleFamily {
  private static final List<Analyzer> ANALYZERS = List.of(HttpAnalyzers::analyze, ReferenceGrants::analyze,
      ClassReferences::analyze, RouteParents::analyze);

  @Override
  public List<CheckedKind<?>> kinds() {
    return List.of();
  }

  @Override
  public boolean covers(Class<?> type) {
    return false;
  }

  @Override
  public boolean covers(String apiVersion) {
    return false;
  }

  @Override
  public List<Analyzer> analyzers() {
    return ANALYZERS;
  }
}
