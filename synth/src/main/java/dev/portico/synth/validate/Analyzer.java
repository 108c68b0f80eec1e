package dev.portico.synth.validate;

/** A check across objects (a selector that matches no pods, two owners of one host), run once over everything. */
@FunctionalInterface
public interface Analyzer {
  void analyze(Analysis analysis);
}
