package dev.portico.dsl.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.dsl.App;
import dev.portico.dsl.Backend;
import dev.portico.dsl.HttpExposure;
import dev.portico.dsl.HttpHost;
import dev.portico.dsl.HttpTarget;
import dev.portico.dsl.PathMatch;
import dev.portico.dsl.Port;
import dev.portico.dsl.Service;
import dev.portico.dsl.ServicePort;
import dev.portico.dsl.Split;
import dev.portico.dsl.Stack;
import dev.portico.dsl.StackDefinition;
import dev.portico.dsl.StackModel;
import dev.portico.dsl.Tls;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The HTTP exposure DSL as a user sees it (this package is outside dev.portico.dsl, like user code). */
class HttpExposureTest {
  static final Port HTTP = Port.http(8080);
  static final Port ADMIN = Port.tcp("admin", 9000);

  private static StackModel define(Consumer<Stack> body) {
    return Stack.define(new StackDefinition() {
      @Override
      public String name() {
        return "demo";
      }

      @Override
      public void define(Stack stack) {
        body.accept(stack);
      }
    }, "default", Map.of());
  }

  @Test
  void declaresHostsPathsAndTargetInOrderWithTheirLines() {
    StackModel model = define(stack -> {
      Service web = stack.expose(stack.app("web", HTTP));
      stack.httpTarget(HttpTarget.gateway("eg"));
      stack.http("site", site -> site
          .host("b.example.com", host -> host.path("/", web))
          .host("a.example.com", host -> host
              .tls(Tls.secret("a-tls"))
              .path(PathMatch.exact("/healthz"), Backend.of(web), p -> p.timeout(Duration.ofSeconds(5)))));
    });
    HttpExposure site = model.exposures().get(0);
    assertEquals(List.of("b.example.com", "a.example.com"), site.hosts().stream().map(HttpHost::hostname).toList());
    HttpHost a = site.hosts().get(1);
    assertEquals("a-tls", a.tlsSecretName().orElseThrow());
    assertEquals(PathMatch.Type.EXACT, a.paths().get(0).match().type());
    assertEquals(Duration.ofSeconds(5), a.paths().get(0).timeout().orElseThrow());
    assertEquals("HttpExposureTest.java", a.paths().get(0).location().file());
    assertTrue(a.paths().get(0).location().line() > a.location().line() - 1);
    assertInstanceOf(HttpTarget.OwnGateway.class, model.httpTarget());
    assertEquals("HttpExposureTest.java", model.httpTargetLocation().file());
    assertTrue(site.sslRedirect(), "TLS hosts redirect plain HTTP by default");
    assertFalse(site.sslRedirectSet());
  }

  @Test
  void theDefaultTargetIsAnIngressOfTheDefaultClass() {
    StackModel model = define(stack -> {});
    assertEquals(HttpTarget.ingress(), model.httpTarget());
    assertTrue(((HttpTarget.Ingress) model.httpTarget()).ingressClassName().isEmpty());
  }

  @Test
  void aBackendIsAServicePortNeverAName() {
    define(stack -> {
      App app = stack.app("two", HTTP, ADMIN);
      Service two = stack.expose(app);
      Service one = stack.expose(stack.app("one", HTTP));
      assertEquals(9000, Backend.of(two, ADMIN).port().port());
      assertEquals(8080, Backend.of(one).port().port());
      ServicePort only = one.ports().get(0);
      assertEquals(only, Backend.of(one, only).port());
      IllegalArgumentException several = assertThrows(IllegalArgumentException.class, () -> Backend.of(two));
      assertTrue(several.getMessage().contains("2 ports"), several.getMessage());
      IllegalArgumentException notTargeted = assertThrows(IllegalArgumentException.class, () -> Backend.of(one, ADMIN));
      assertTrue(notTargeted.getMessage().contains("no port of Service(demo/one) targets"), notTargeted.getMessage());
      IllegalArgumentException foreign = assertThrows(IllegalArgumentException.class,
          () -> Backend.of(one, two.ports().get(0)));
      assertTrue(foreign.getMessage().contains("is not a port of Service(demo/one)"), foreign.getMessage());
    });
  }

  @Test
  void splitsAreImmutableAndKeepTheirWeights() {
    define(stack -> {
      Service a = stack.expose(stack.app("a", HTTP));
      Service b = stack.expose(stack.app("b", HTTP));
      Split canary = Split.canary(Backend.of(a), Backend.of(b), 10);
      assertEquals(List.of(90, 10), canary.backends().stream().map(Split.Weighted::weight).toList());
      Split byHeader = canary.byHeader("x-canary", "always");
      assertTrue(canary.header().isEmpty(), "byHeader returns a copy");
      assertEquals(new Split.Header("x-canary", "always"), byHeader.header().orElseThrow());
      Split three = Split.of(Backend.of(a), 3).and(Backend.of(b), 1);
      assertEquals(2, three.backends().size());
      assertEquals(1, Split.of(Backend.of(a), 3).backends().size(), "and returns a copy");
    });
  }

  @Test
  void certManagerNamesTheSecretAfterTheHost() {
    Tls tls = Tls.certManager(Tls.Issuer.cluster("letsencrypt"));
    assertEquals("shop-example-com-tls", tls.secretName("shop.example.com"));
    assertEquals("wildcard-example-com-tls", tls.secretName("*.Example.com"));
    assertEquals("cert-manager.io/cluster-issuer", Tls.Issuer.cluster("x").annotation());
    assertEquals("cert-manager.io/issuer", Tls.Issuer.namespaced("x").annotation());
    assertEquals("fixed", Tls.secret("fixed").secretName("anything.example.com"));
  }

  @Test
  void pathMatchesAreValuesWithSortedHeaders() {
    PathMatch match = PathMatch.prefix("/api").withHeader("x-b", "2").withHeader("x-a", "1");
    assertEquals(List.of("x-a", "x-b"), List.copyOf(match.headers().keySet()));
    assertEquals(match, PathMatch.prefix("/api").withHeader("x-a", "1").withHeader("x-b", "2"));
    assertFalse(match.equals(PathMatch.exact("/api").withHeader("x-a", "1").withHeader("x-b", "2")));
    assertTrue(PathMatch.prefix("/api").headers().isEmpty(), "withHeader returns a copy");
  }

  @Test
  void sharedGatewaysAttachToNamedListeners() {
    HttpTarget.SharedGateway shared = HttpTarget.sharedGateway("infra", "public");
    assertEquals("http", shared.httpListener());
    assertEquals("https", shared.httpsListener());
    HttpTarget.SharedGateway custom = shared.listeners("web", "websecure");
    assertEquals(List.of("web", "websecure"), List.of(custom.httpListener(), custom.httpsListener()));
  }

  @Test
  void exposuresCannotBeAddedAfterDefine() {
    Stack[] escaped = new Stack[1];
    define(stack -> escaped[0] = stack);
    assertThrows(IllegalStateException.class, () -> escaped[0].http("late", site -> {}));
    assertThrows(IllegalStateException.class, () -> escaped[0].httpTarget(HttpTarget.ingress()));
  }
}
