package dev.portico.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.dsl.App;
import dev.portico.dsl.HttpTarget;
import dev.portico.dsl.MtlsMode;
import dev.portico.dsl.Port;
import dev.portico.dsl.Service;
import dev.portico.dsl.ServiceType;
import dev.portico.dsl.Stack;
import dev.portico.dsl.StackDefinition;
import dev.portico.dsl.Tls;
import dev.portico.synth.validate.Call;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Reachability;
import dev.portico.synth.validate.Resource;
import dev.portico.synth.validate.Scope;
import dev.portico.synth.validate.Validator;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random stacks that say who may call whom (apps with versions and one or two ports, ClusterIP,
 * NodePort and LoadBalancer Services, callers, deny by default or not, restricted egress or not, an
 * exposure through ingress-nginx, Envoy Gateway or the Istio ingress gateway, a mesh or not): what
 * Portico renders is valid and its NetworkPolicies admit every call the stack declares; in a mesh its
 * AuthorizationPolicies admit every call from inside the mesh, and what comes from outside (node
 * ports, load balancers) under STRICT mutual TLS is the warning {@code mesh.mtls-outside-traffic}; and
 * taking away one ingress rule of a rendered
 * NetworkPolicy makes the validator report the calls it admitted as denied, at their declarations.
 *
 * <p>Seeds 1-{@value #SEEDS} run by default; {@code -Dportico.seed=N} runs only seed {@code N}.
 */
class AccessPropertyTest {
  static final int SEEDS = 60;

  static LongStream seeds() {
    String only = System.getProperty("portico.seed", "").trim();
    return only.isEmpty() ? LongStream.rangeClosed(1, SEEDS) : LongStream.of(Long.parseLong(only));
  }

  /** A random stack, drawn from {@code seed} inside {@code define}, so that it is the same every time. */
  record RandomStack(long seed, StringBuilder story) implements StackDefinition {
    @Override
    public String name() {
      return "access";
    }

    @Override
    public String namespace() {
      return "shop";
    }

    @Override
    public void define(Stack stack) {
      Random random = new Random(seed);
      story.setLength(0);
      int count = 2 + random.nextInt(4);
      List<App> apps = new ArrayList<>();
      List<Service> services = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        Port http = Port.http(8000 + i);
        Port grpc = Port.grpc(9000 + i);
        boolean twoPorts = random.nextBoolean();
        String[] versions = random.nextBoolean() ? new String[] {"v1", "v2"} : new String[0];
        App app = stack.app("app" + i, a -> a.ports(twoPorts ? new Port[] {http, grpc} : new Port[] {http})
            .versions(versions));
        apps.add(app);
        ServiceType type = switch (random.nextInt(5)) {
          case 0 -> ServiceType.nodePort();
          case 1 -> ServiceType.loadBalancer().sourceRanges("203.0." + random.nextInt(256) + ".0/24");
          default -> ServiceType.clusterIp();
        };
        services.add(stack.service("app" + i, app, s -> {
          s.type(type).port(80, http);
          if (twoPorts) {
            s.port(90, grpc);
          }
        }));
        story.append("app").append(i).append(twoPorts ? " http+grpc " : " http ").append(type.typeName())
            .append(versions.length > 0 ? " v1,v2" : "").append('\n');
      }
      for (int a = random.nextInt(4); a > 0; a--) {
        int caller = random.nextInt(count);
        int callee = random.nextInt(count);
        stack.allow(apps.get(caller)).toCall(services.get(callee));
        story.append("allow app").append(caller).append(" -> app").append(callee).append('\n');
      }
      if (random.nextBoolean()) {
        stack.denyByDefault();
        story.append("deny by default\n");
      }
      if (random.nextInt(3) == 0) {
        stack.restrictEgress();
        story.append("restrict egress\n");
      }
      boolean mesh = random.nextBoolean();
      HttpTarget target = switch (random.nextInt(3)) {
        case 0 -> HttpTarget.ingress("nginx");
        case 1 -> HttpTarget.gateway("eg");
        default -> HttpTarget.istioGateway();
      };
      if (mesh) {
        target = HttpTarget.istioGateway(); // from outside the mesh, STRICT would reject it (a warning)
        stack.mesh().mtls(MtlsMode.STRICT);
        story.append("mesh, STRICT\n");
      }
      stack.httpTarget(target);
      int exposed = random.nextInt(count);
      stack.http("site", site -> site.host("shop.example.com", host -> host.tls(Tls.secret("shop-tls"))
          .path("/", services.get(exposed), Port.http(8000 + exposed))));
      story.append("expose app").append(exposed).append(" through ").append(target).append('\n');
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void everyDeclaredCallIsAdmittedAndTakingARuleAwayIsReported(long seed) {
    RandomStack stack = new RandomStack(seed, new StringBuilder());
    Synthesis synthesis = Synthesizer.synthesize(List.of(stack), List.of(), Map.of());
    String at = "seed " + seed + " (replay with -Dportico.seed=" + seed + ")\n" + stack.story();
    List<Finding> errors = synthesis.findings().stream().filter(Finding::isError).toList();
    assertEquals(List.of(), errors, at);
    StackOutput output = synthesis.outputs().get(0);
    Reachability reachability = Reachability.of(output.resources(), output.apps(), Scope.CLOSED);
    for (Call call : output.calls()) {
      Reachability.Result result = reachability.check(call);
      assertEquals(Call.Outcome.ALLOWED, result.network().outcome(), () -> at + call.describe() + ": " + result);
      if (result.mesh() != null && call.source().meshClient()) {
        assertEquals(Call.Outcome.ALLOWED, result.mesh().outcome(), () -> at + call.describe() + ": " + result);
      } else if (result.mesh() != null && result.mesh().isDenied()) {
        assertTrue(synthesis.findings().stream().anyMatch(f -> f.rule().equals("mesh.mtls-outside-traffic")
            && f.message().contains(call.to())), () -> at + "no warning for " + call.describe());
      }
    }

    // an ingress rule taken away: every call it admitted alone is reported, at its own declaration
    List<Resource> policies = output.resources().stream()
        .filter(r -> r.object() instanceof NetworkPolicy policy && policy.getSpec().getIngress() != null
            && !policy.getSpec().getIngress().isEmpty())
        .toList();
    if (policies.isEmpty()) {
      return;
    }
    Resource chosen = policies.get(new Random(seed).nextInt(policies.size()));
    NetworkPolicy policy = (NetworkPolicy) chosen.object();
    var removed = policy.getSpec().getIngress().remove(0);
    try {
      Reachability without = Reachability.of(output.resources(), output.apps(), Scope.CLOSED);
      List<Call> changed = output.calls().stream()
          .filter(call -> without.check(call).network().outcome() != Call.Outcome.ALLOWED).toList();
      assertFalse(changed.isEmpty(), () -> at + "every call still admitted without " + chosen.id() + "'s first rule "
          + removed);
      List<String> denied = output.calls().stream().filter(call -> without.check(call).network().isDenied())
          .map(call -> call.location() + " " + call.to()).distinct().sorted().toList();
      List<String> reported = Validator.validate(output.resources(), output.apps(), output.calls(), Scope.CLOSED)
          .stream().filter(f -> f.rule().equals("networkpolicy.call-denied"))
          .map(f -> f.location() + " " + f.object()).distinct().sorted().toList();
      assertEquals(denied, reported, () -> at + "without " + chosen.id() + "'s first rule " + removed
          + ": the calls it alone admitted are reported at their declarations");
    } finally {
      policy.getSpec().getIngress().add(0, removed);
    }
    assertEquals(List.of(), Validator.validate(output.resources(), output.apps(), output.calls(), Scope.CLOSED).stream()
        .filter(Finding::isError).map(Finding::format).collect(Collectors.toList()), at + "restored");
  }
}
