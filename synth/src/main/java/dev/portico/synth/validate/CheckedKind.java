package dev.portico.synth.validate;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * One kind Portico checks: the {@code apiVersion} and {@code kind} it is read as, the model class,
 * the defaults the API server applies before validating it, and its field rules. Each API family
 * lists its kinds in a table ({@link RuleFamily#kinds()}), as Istio's schema collections carry
 * their validation functions.
 *
 * @param apiVersion e.g. {@code networking.k8s.io/v1}
 * @param kind e.g. {@code Ingress}
 * @param type the model class objects of this kind are read into
 * @param defaults what the API server fills in before it validates (identity for most kinds);
 *     rules and analyzers see the result
 * @param rules the field rules
 */
public record CheckedKind<T extends HasMetadata>(
    String apiVersion, String kind, Class<T> type, UnaryOperator<T> defaults, Rules<T> rules) {

  /** The field rules of one kind. */
  @FunctionalInterface
  public interface Rules<T> {
    /**
     * Checks one object.
     *
     * @param original the object as written
     * @param defaulted the object after {@link CheckedKind#defaults()}; {@code original} itself
     *     for kinds without defaults
     */
    void check(Check check, T original, T defaulted);
  }

  /** The field rules of a kind that the API server checks as written. */
  @FunctionalInterface
  public interface PlainRules<T> {
    void check(Check check, T object);
  }

  public CheckedKind {
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(defaults, "defaults");
    Objects.requireNonNull(rules, "rules");
  }

  /** A kind checked as written. */
  public static <T extends HasMetadata> CheckedKind<T> of(String apiVersion, String kind, Class<T> type,
      PlainRules<T> rules) {
    return new CheckedKind<>(apiVersion, kind, type, UnaryOperator.identity(),
        (check, original, defaulted) -> rules.check(check, original));
  }

  /** {@code apiVersion kind}, the key the reader looks kinds up by. */
  public String key() {
    return apiVersion + " " + kind;
  }

  /** Applies {@link #defaults()} to an object of this kind. */
  HasMetadata applyDefaults(HasMetadata object) {
    return defaults.apply(type.cast(object));
  }

  /** Runs the rules on an object of this kind and its defaulted form. */
  void check(Check check, HasMetadata original, HasMetadata defaulted) {
    rules.check(check, type.cast(original), type.cast(defaulted));
  }
}
