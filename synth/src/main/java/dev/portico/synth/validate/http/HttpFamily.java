package dev.portico.synth.validate.http;

import dev.portico.synth.validate.Analyzer;
import dev.portico.synth.validate.CheckedKind;
import dev.portico.synth.validate.RuleFamily;
import java.util.List;

/**
 * Checks of HTTP exposure across families: Ingresses, Gateway API routes and Istio gateways
 * compared with each other and with the Services they route to. It checks no kind of its own.
 */
public final class HttpFamily implements RuleFamily {
  private static final List<Analyzer> ANALYZERS = List.of(HttpAnalyzers::analyze);

  @Override
  public List<CheckedKind<?>> kinds() {
    return List.of();
  }

  @Override
  public List<Analyzer> analyzers() {
    return ANALYZERS;
  }
}
