package dev.portico.synth.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.portico.dsl.SourceLocation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** A valid baseline Service and the pods it selects, plus helpers to validate and inspect findings. */
public final class Fixtures {
  public static final String GROUP = "g";
  public static final SourceLocation APP_LOCATION = new SourceLocation("Shop.java", 10);

  private Fixtures() {}

  /**
   * Service/shop/web: ClusterIP, selector app=web, ports http 80 -> "http" and metrics 9090 -> 9090.
   * It is valid against {@link #webPods()}.
   */
  public static Service web() {
    return new ServiceBuilder()
        .withNewMetadata().withName("web").withNamespace("shop").addToLabels("app", "web").endMetadata()
        .withNewSpec()
        .withType("ClusterIP")
        .addToSelector("app", "web")
        .addNewPort().withName("http").withPort(80).withProtocol("TCP").withTargetPort(new IntOrString("http")).endPort()
        .addNewPort().withName("metrics").withPort(9090).withProtocol("TCP").withTargetPort(new IntOrString(9090)).endPort()
        .endSpec()
        .build();
  }

  /** A copy of {@link #web()} changed by {@code mutation}. */
  public static Service web(Consumer<Service> mutation) {
    Service service = web();
    mutation.accept(service);
    return service;
  }

  /** The app web in namespace shop: http=8080/TCP, metrics=9090/TCP, and 9090 over UDP and SCTP too. */
  public static PodSet webPods() {
    return new PodSet("App(web)", "shop", Map.of("app", "web"), List.of(
        new PodSet.ContainerPort("http", 8080, "TCP", new SourceLocation("Shop.java", 11)),
        new PodSet.ContainerPort("metrics", 9090, "TCP", new SourceLocation("Shop.java", 12)),
        new PodSet.ContainerPort(null, 9090, "UDP", new SourceLocation("Shop.java", 13)),
        new PodSet.ContainerPort(null, 9090, "SCTP", new SourceLocation("Shop.java", 14))),
        APP_LOCATION, GROUP);
  }

  public static Resource resource(HasMetadata object) {
    return new Resource(object, path -> SourceLocation.of("t.yaml"), GROUP);
  }

  public static List<Finding> validate(HasMetadata... objects) {
    return validate(Scope.CLOSED, objects);
  }

  public static List<Finding> validate(Scope scope, HasMetadata... objects) {
    return Validator.validate(Arrays.stream(objects).map(Fixtures::resource).toList(), List.of(webPods()), scope);
  }

  public static ServiceSpec spec(Service service) {
    return service.getSpec();
  }

  public static ObjectMeta meta(Service service) {
    return service.getMetadata();
  }

  public static ServicePort port(Service service, int index) {
    return service.getSpec().getPorts().get(index);
  }

  public static void type(Service service, String type) {
    service.getSpec().setType(type);
  }

  /** Turns {@code service} into an ExternalName Service for db.example.com. */
  public static void externalName(Service service) {
    service.getSpec().setType("ExternalName");
    service.getSpec().setExternalName("db.example.com");
  }

  @SafeVarargs
  public static <T> ArrayList<T> list(T... values) {
    ArrayList<T> list = new ArrayList<>(values.length);
    for (T value : values) {
      list.add(value);
    }
    return list;
  }

  public static String describe(List<Finding> findings) {
    return findings.isEmpty() ? "(no findings)"
        : findings.stream().map(f -> "  " + f.format()).collect(Collectors.joining("\n", "\n", ""));
  }

  /** The one finding with {@code rule} at {@code path}; fails when there is none or several. */
  public static Finding find(List<Finding> findings, String rule, String path) {
    List<Finding> matching = findings.stream().filter(f -> f.rule().equals(rule) && f.path().equals(path)).toList();
    if (matching.isEmpty()) {
      fail("no [" + rule + "] finding at " + path + " among:" + describe(findings));
    }
    return matching.get(0);
  }

  /** There is a finding of {@code rule}, {@code severity} at exactly {@code path} whose message contains {@code text}. */
  public static Finding assertFinding(List<Finding> findings, String rule, Severity severity, String path, String text) {
    List<Finding> matching = findings.stream().filter(f -> f.rule().equals(rule) && f.path().equals(path)).toList();
    if (matching.isEmpty()) {
      fail("no [" + rule + "] finding at " + path + " among:" + describe(findings));
    }
    for (Finding finding : matching) {
      assertEquals(severity, finding.severity(), finding::format);
      if (finding.message().contains(text)) {
        return finding;
      }
    }
    fail("no [" + rule + "] finding at " + path + " mentions " + text + ":" + describe(matching));
    return null;
  }

  public static void assertClean(List<Finding> findings) {
    assertTrue(findings.isEmpty(), () -> "expected no findings, got:" + describe(findings));
  }

  public static void assertNoErrors(List<Finding> findings) {
    assertTrue(findings.stream().noneMatch(Finding::isError), () -> "expected no errors, got:" + describe(findings));
  }
}
