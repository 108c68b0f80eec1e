package dev.portico.dsl.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.dsl.App;
import dev.portico.dsl.Parameter;
import dev.portico.dsl.Port;
import dev.portico.dsl.Protocol;
import dev.portico.dsl.Service;
import dev.portico.dsl.ServicePort;
import dev.portico.dsl.ServiceType;
import dev.portico.dsl.SourceLocation;
import dev.portico.dsl.Stack;
import dev.portico.dsl.StackDefinition;
import dev.portico.dsl.StackModel;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The DSL as a user sees it (this package is outside dev.portico.dsl, like user code). */
class StackTest {
  static final Parameter<Integer> REPLICAS = Parameter.integer("replicas", 2, "how many");

  private static StackModel define(String environment, Map<String, Object> settings, Consumer<Stack> body) {
    StackDefinition definition = new StackDefinition() {
      @Override
      public String name() {
        return "demo";
      }

      @Override
      public List<String> environments() {
        return List.of("staging", "prod");
      }

      @Override
      public List<Parameter<?>> parameters() {
        return List.of(REPLICAS);
      }

      @Override
      public void define(Stack stack) {
        body.accept(stack);
      }
    };
    return Stack.define(definition, environment, settings);
  }

  @Test
  void appsDefaultToTheNameLabelAndKeepPortOrder() {
    Port http = Port.http(8080);
    Port metrics = Port.metrics(9090);
    StackModel model = define("prod", Map.of(), stack -> stack.app("web", http, metrics));
    App web = model.apps().get(0);
    assertEquals(Map.of("app.kubernetes.io/name", "web"), web.selector());
    assertEquals(List.of(http, metrics), web.ports());
    assertEquals("demo", model.namespace(), "namespace defaults to the stack name");
  }

  @Test
  void customSelectorReplacesTheDefault() {
    StackModel model = define("prod", Map.of(), stack -> stack.app("my-app", a -> a.selector("app", "MyApp")));
    assertEquals(Map.of("app", "MyApp"), model.apps().get(0).selector());
  }

  @Test
  void exposeMirrorsContainerPorts() {
    Port http = Port.http(8080);
    Port grpc = Port.grpc(9000);
    StackModel model = define("prod", Map.of(), stack -> stack.expose(stack.app("api", http, grpc)));
    Service api = model.services().get(0);
    assertEquals("api", api.name());
    assertEquals(2, api.ports().size());
    assertEquals(8080, api.ports().get(0).port());
    assertEquals("http", api.ports().get(0).name().orElseThrow());
    assertEquals(grpc, api.ports().get(1).target().orElseThrow());
    assertTrue(api.type() instanceof ServiceType.ClusterIp);
  }

  @Test
  void servicePortsTakeNameAndProtocolFromTheirTarget() {
    Port dns = Port.udp("dns", 53);
    ServicePort port = ServicePort.of(53, dns);
    assertEquals("dns", port.name().orElseThrow());
    assertEquals(Protocol.UDP, port.protocol());
    assertEquals("lookup", port.named("lookup").name().orElseThrow());
    assertEquals(Protocol.TCP, ServicePort.of(443).protocol());
    assertEquals(30053, port.nodePort(30053).nodePort().getAsInt());
  }

  @Test
  void parametersTakeSettingsElseDefaults() {
    int[] seen = new int[2];
    define("prod", Map.of(), stack -> seen[0] = stack.parameter(REPLICAS));
    define("prod", Map.of("replicas", 5), stack -> seen[1] = stack.parameter(REPLICAS));
    assertEquals(2, seen[0]);
    assertEquals(5, seen[1]);
    assertEquals(7, REPLICAS.parse("7"));
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> REPLICAS.parse("seven"));
    assertTrue(bad.getMessage().contains("\"seven\""), bad.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Parameter.bool("mesh", false, "").parse("yes"));
  }

  @Test
  void integersAreAsciiDigitsWithinTheDeclaredBounds() {
    Parameter<Integer> apps = Parameter.integer("apps", 100, 0, 50_000, "how many");
    assertEquals(0, apps.parse("0"));
    assertEquals(50_000, apps.parse("50000"));
    assertEquals(-3, REPLICAS.parse("-3"), "an unbounded integer takes negative numbers");
    assertEquals("integer 0..50000", apps.typeName());
    assertEquals("integer", REPLICAS.typeName());
    for (String raw : new String[] {"\u0663", " 5", "5 ", " 7 ", "+5", "5.0", "", "0x10", "\uff15", "1e3"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> apps.parse(raw), raw);
      assertTrue(e.getMessage().contains("is not an integer"), e.getMessage());
    }
    for (String raw : new String[] {"50001", "-1", "1000000000", "99999999999999999999999"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> apps.parse(raw), raw);
      assertEquals(raw + " is out of range: apps takes 0 to 50000", e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> Parameter.integer("n", 5, 10, 20, ""), "default below min");
    assertThrows(IllegalArgumentException.class, () -> Parameter.integer("n", 5, 9, 1, ""), "min above max");
    assertThrows(IllegalArgumentException.class, () -> Parameter.bool("mesh", false, "").parse(" true"));
  }

  @Test
  void undeclaredParameterIsRejected() {
    Parameter<String> other = Parameter.string("other", "x", "");
    assertThrows(IllegalArgumentException.class, () -> define("prod", Map.of(), stack -> stack.parameter(other)));
  }

  @Test
  void environmentIsVisibleToTheDefinition() {
    StackModel prod = define("prod", Map.of(), stack -> {
      if (stack.isEnvironment("prod")) {
        stack.app("only-in-prod");
      }
    });
    StackModel staging = define("staging", Map.of(), stack -> {
      if (stack.isEnvironment("prod")) {
        stack.app("only-in-prod");
      }
    });
    assertEquals(1, prod.apps().size());
    assertEquals(0, staging.apps().size());
  }

  @Test
  void declarationsRecordTheCallersLine() {
    int line = new Throwable().getStackTrace()[0].getLineNumber() + 1;
    StackModel model = define("prod", Map.of(), stack -> stack.service("db", s -> s.port(5432)));
    SourceLocation location = model.services().get(0).location();
    assertEquals("StackTest.java", location.file());
    assertEquals(line, location.line());
    assertEquals(line, model.services().get(0).ports().get(0).location().line());
    assertEquals("StackTest.java:" + line, location.toString());
  }

  @Test
  void aFrozenStackRejectsLateDeclarations() {
    Stack[] escaped = new Stack[1];
    define("prod", Map.of(), stack -> escaped[0] = stack);
    assertThrows(IllegalStateException.class, () -> escaped[0].app("late"));
  }

  @Test
  void modelsAreImmutable() {
    StackModel model = define("prod", Map.of(), stack -> stack.app("web", Port.http(80)));
    assertThrows(UnsupportedOperationException.class, () -> model.apps().clear());
    assertThrows(UnsupportedOperationException.class, () -> model.apps().get(0).ports().clear());
    assertThrows(UnsupportedOperationException.class, () -> model.apps().get(0).selector().clear());
  }

  @Test
  void portsAreValuesAndTypesCarryTheirOptions() {
    assertEquals(Port.tcp("redis", 6379), Port.tcp("redis", 6379));
    assertEquals("http/80/TCP", Port.http(80).toString());
    var lb = ServiceType.loadBalancer().sourceRanges("10.0.0.0/8").sourceRanges("192.168.0.0/16");
    assertEquals(List.of("10.0.0.0/8", "192.168.0.0/16"), lb.sourceRanges());
    assertEquals("LoadBalancer", lb.typeName());
    assertEquals("ClusterIP", ServiceType.headless().typeName());
    assertEquals("ExternalName", ServiceType.externalName("db.example.com").typeName());
  }
}
