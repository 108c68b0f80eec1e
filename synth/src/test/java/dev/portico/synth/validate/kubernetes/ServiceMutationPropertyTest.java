package dev.portico.synth.validate.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.portico.dsl.SourceLocation;
import dev.portico.synth.validate.ClusterFacts;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Fixtures;
import dev.portico.synth.validate.PodSet;
import dev.portico.synth.validate.Resource;
import dev.portico.synth.validate.Scope;
import dev.portico.synth.validate.Validator;
import io.fabric8.kubernetes.api.model.ClientIPConfig;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.SessionAffinityConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random valid Services must pass every rule and analyzer; one random mutation of such a Service
 * must be reported by the rule it breaks, at exactly the field it breaks.
 *
 * <p>Runs 200 fixed seeds; {@code -Dportico.seed=N} runs seed N alone. A failure names its seed.
 */
class ServiceMutationPropertyTest {
  private static final String GROUP = "g";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  static Stream<Long> seeds() {
    String seed = System.getProperty("portico.seed");
    if (seed != null && !seed.isBlank()) {
      return Stream.of(Long.parseLong(seed.trim()));
    }
    return LongStream.rangeClosed(1, 200).boxed();
  }

  /** One seed's run: the valid Service, its findings, the mutation applied and the findings after it. */
  record Trial(String kind, Generated generated, List<Finding> before, Mutation mutation, Expected expected,
      Service mutated, List<Finding> after) {}

  static Trial trial(long seed) {
    Random random = new Random(seed);
    Generator generator = new Generator(random);
    Generated generated = generator.generate();
    List<Finding> before = validate(generated.service(), generated.pods());
    Service mutated = new ServiceBuilder(generated.service()).build();
    List<Mutation> applicable = MUTATIONS.stream().filter(m -> m.applies().test(mutated)).toList();
    if (applicable.isEmpty()) {
      return new Trial(generator.kind, generated, before, null, null, mutated, List.of());
    }
    Mutation mutation = applicable.get(random.nextInt(applicable.size()));
    Expected expected = mutation.apply().apply(mutated, random);
    return new Trial(generator.kind, generated, before, mutation, expected, mutated,
        validate(mutated, generated.pods()));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void aValidServicePassesAndEachMutationIsCaughtWhereItBreaks(long seed) {
    Trial trial = trial(seed);
    Generated generated = trial.generated();
    assertTrue(trial.before().isEmpty(), () -> header(seed) + "a valid Service was rejected:"
        + Fixtures.describe(trial.before()) + "\n" + dump(generated.service(), generated.pods()));
    assertNotNull(trial.mutation(), () -> header(seed) + "no mutation applies");
    Expected expected = trial.expected();
    assertTrue(trial.after().stream().anyMatch(f -> f.rule().equals(expected.rule())
            && f.path().equals(expected.path()) && f.isError() == expected.error()),
        () -> header(seed) + "mutation '" + trial.mutation().name() + "' should be reported as [" + expected.rule()
            + "] at " + expected.path() + ", got:" + Fixtures.describe(trial.after()) + "\n"
            + dump(trial.mutated(), generated.pods()));
  }

  @Test
  void theDefaultSeedsTryEveryKindOfServiceAndEveryMutation() {
    Set<String> kinds = new HashSet<>();
    Set<String> mutations = new HashSet<>();
    for (long seed = 1; seed <= 200; seed++) {
      Trial trial = trial(seed);
      kinds.add(trial.kind());
      if (trial.mutation() != null) {
        mutations.add(trial.mutation().name());
      }
    }
    assertEquals(Set.of("ClusterIP", "NodePort", "LoadBalancer", "headless", "ExternalName", "default"), kinds);
    Set<String> missing = new java.util.TreeSet<>();
    MUTATIONS.forEach(m -> missing.add(m.name()));
    missing.removeAll(mutations);
    assertEquals(Set.of(), missing, "mutations no default seed applies");
  }

  private static String header(long seed) {
    return "seed " + seed + " (rerun alone with -Dportico.seed=" + seed + "): ";
  }

  private static List<Finding> validate(Service service, List<PodSet> pods) {
    return Validator.validate(List.of(new Resource(service, path -> SourceLocation.of("t.yaml"), GROUP)), pods,
        Scope.CLOSED);
  }

  private static String dump(Service service, List<PodSet> pods) {
    try {
      return YAML.writeValueAsString(service) + "pods: " + pods;
    } catch (Exception e) {
      return service + "\npods: " + pods;
    }
  }

  // =============================================================== the generator of valid Services

  record Generated(Service service, List<PodSet> pods) {}

  /** Builds one random valid Service, and the app its selector matches. */
  static final class Generator {
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";
    private static final String LABEL_CHARS = LETTERS + "0123456789-";
    private static final String ALNUM = LETTERS + "0123456789";
    private final Random random;
    private final Set<String> usedNames = new HashSet<>();
    private final Set<String> usedTargetNames = new HashSet<>();
    private final Set<Integer> usedPorts = new HashSet<>();
    private final Set<Integer> usedNodePorts = new HashSet<>();
    /** The kind of Service generated last: ClusterIP, NodePort, LoadBalancer, headless, ExternalName or default. */
    String kind;

    Generator(Random random) {
      this.random = random;
    }

    private <T> T pick(List<T> values) {
      return values.get(random.nextInt(values.size()));
    }

    private boolean chance(int percent) {
      return random.nextInt(100) < percent;
    }

    private char from(String chars) {
      return chars.charAt(random.nextInt(chars.length()));
    }

    /** A DNS-1123 label that starts with a letter and is at most {@code max} long. */
    private String label(int max) {
      int length = 1 + random.nextInt(max);
      StringBuilder sb = new StringBuilder().append(from(LETTERS));
      for (int i = 1; i < length - 1; i++) {
        sb.append(from(LABEL_CHARS));
      }
      if (length > 1) {
        sb.append(from(ALNUM));
      }
      return sb.toString();
    }

    /** An IANA service name: a letter first, single hyphens, at most 15. */
    private String ianaName() {
      int length = 1 + random.nextInt(15);
      StringBuilder sb = new StringBuilder().append(from(LETTERS));
      while (sb.length() < length) {
        char c = from(LABEL_CHARS);
        if (c == '-' && (sb.charAt(sb.length() - 1) == '-' || sb.length() == length - 1)) {
          c = from(ALNUM);
        }
        sb.append(c);
      }
      return sb.toString();
    }

    private String unique(Set<String> used, java.util.function.Supplier<String> supplier) {
      String value;
      do {
        value = supplier.get();
      } while (!used.add(value));
      return value;
    }

    private int uniquePort() {
      int port;
      do {
        port = chance(50) ? pick(List.of(53, 80, 443, 8080, 8443, 9090, 5432, 6379)) : 1 + random.nextInt(65_535);
      } while (!usedPorts.add(port));
      return port;
    }

    private int uniqueNodePort() {
      int port;
      do {
        port = ClusterFacts.DEFAULT.nodePortMin() + random.nextInt(ClusterFacts.DEFAULT.nodePortMax() - ClusterFacts.DEFAULT.nodePortMin() + 1);
      } while (!usedNodePorts.add(port));
      return port;
    }

    Generated generate() {
      kind = pick(List.of("ClusterIP", "NodePort", "LoadBalancer", "headless", "ExternalName", "default"));
      String type = switch (kind) {
        case "headless" -> chance(50) ? "ClusterIP" : null;
        case "default" -> chance(50) ? null : "";
        default -> kind;
      };
      boolean headless = kind.equals("headless");
      boolean externalName = kind.equals("ExternalName");
      boolean nodePorts = kind.equals("NodePort") || kind.equals("LoadBalancer");
      boolean loadBalancer = kind.equals("LoadBalancer");

      String name = label(20);
      String namespace = chance(25) ? null : label(12);
      Map<String, String> labels = new LinkedHashMap<>();
      labels.put("app", name);
      if (chance(30)) {
        labels.put("app.kubernetes.io/part-of", "shop");
      }
      Map<String, String> selector = externalName || chance(15) ? null : new LinkedHashMap<>(Map.of("app", name));

      ServiceSpec spec = new ServiceSpec();
      spec.setType(type);
      spec.setSelector(selector);

      // ports, and the container ports the app declares for them
      Map<String, PodSet.ContainerPort> containerPorts = new LinkedHashMap<>();
      int count = (headless || externalName ? 0 : 1) + random.nextInt(headless || externalName ? 5 : 4);
      List<ServicePort> ports = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        ServicePort port = new ServicePort();
        if (count > 1 || chance(50)) {
          port.setName(unique(usedNames, () -> label(20)));
        }
        port.setPort(uniquePort());
        String protocol = pick(List.of("TCP", "TCP", "UDP", "SCTP", ""));
        port.setProtocol(chance(20) ? null : protocol);
        String effectiveProtocol = port.getProtocol() == null || port.getProtocol().isEmpty() ? "TCP" : protocol;
        switch (random.nextInt(4)) {
          case 0 -> {
            String target = unique(usedTargetNames, this::ianaName);
            port.setTargetPort(new IntOrString(target));
            int number;
            do {
              number = 1 + random.nextInt(65_535);
            } while (containerPorts.containsKey(number + "/" + effectiveProtocol));
            containerPorts.put(number + "/" + effectiveProtocol,
                new PodSet.ContainerPort(target, number, effectiveProtocol, SourceLocation.of("App.java")));
          }
          case 1 -> {
            int number = 1 + random.nextInt(65_535);
            port.setTargetPort(new IntOrString(number));
            containerPorts.putIfAbsent(number + "/" + effectiveProtocol,
                new PodSet.ContainerPort(null, number, effectiveProtocol, SourceLocation.of("App.java")));
          }
          default -> {
            if (chance(50)) {
              port.setTargetPort(new IntOrString(0));
            }
            containerPorts.putIfAbsent(port.getPort() + "/" + effectiveProtocol,
                new PodSet.ContainerPort(null, port.getPort(), effectiveProtocol, SourceLocation.of("App.java")));
          }
        }
        if (nodePorts && chance(50)) {
          port.setNodePort(uniqueNodePort());
        }
        if (chance(20)) {
          port.setAppProtocol(pick(List.of("http", "HTTP", "kubernetes.io/h2c", "kubernetes.io/ws", "grpc")));
        }
        ports.add(port);
      }
      spec.setPorts(ports);

      // addresses
      if (externalName) {
        List<String> parts = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
          parts.add(label(15));
        }
        spec.setExternalName(String.join(".", parts) + (chance(30) ? "." : ""));
      } else if (headless) {
        spec.setClusterIP("None");
        if (chance(30)) {
          spec.setClusterIPs(new ArrayList<>(List.of("None")));
        }
        if (chance(30)) {
          spec.setIpFamilyPolicy(pick(List.of("PreferDualStack", "RequireDualStack")));
          spec.setIpFamilies(new ArrayList<>(chance(50) ? List.of("IPv4", "IPv6") : List.of("IPv6", "IPv4")));
        }
      } else {
        int a = random.nextInt(256);
        int b = 1 + random.nextInt(254);
        String v4 = "10.96." + a + "." + b;
        String v6 = "fd00::" + Integer.toHexString(1 + random.nextInt(0xfffe));
        switch (random.nextInt(4)) {
          case 0 -> { }
          case 1 -> {
            spec.setClusterIP(chance(50) ? v4 : v6);
            if (chance(50)) {
              spec.setIpFamilies(new ArrayList<>(List.of(spec.getClusterIP().contains(":") ? "IPv6" : "IPv4")));
            }
            if (chance(50)) {
              spec.setIpFamilyPolicy("SingleStack");
            }
          }
          case 2 -> {
            boolean v6First = chance(50);
            spec.setClusterIP(v6First ? v6 : v4);
            spec.setClusterIPs(new ArrayList<>(v6First ? List.of(v6, v4) : List.of(v4, v6)));
            spec.setIpFamilyPolicy(pick(List.of("PreferDualStack", "RequireDualStack")));
            if (chance(50)) {
              spec.setIpFamilies(new ArrayList<>(v6First ? List.of("IPv6", "IPv4") : List.of("IPv4", "IPv6")));
            }
          }
          default -> spec.setIpFamilyPolicy(pick(List.of("SingleStack", "PreferDualStack", "RequireDualStack")));
        }
        if (chance(25)) {
          spec.setExternalIPs(new ArrayList<>(List.of("203.0.113." + (1 + random.nextInt(254)))));
          if (chance(50)) {
            spec.getExternalIPs().add("2001:db8::" + Integer.toHexString(1 + random.nextInt(0xfffe)));
          }
        }
      }

      // traffic
      boolean accessible = nodePorts || (!externalName && !spec.getExternalIPs().isEmpty() && !nodePorts);
      if (accessible && chance(50)) {
        spec.setExternalTrafficPolicy(pick(List.of("Cluster", "Local")));
      }
      if (loadBalancer) {
        if (chance(30)) {
          spec.setAllocateLoadBalancerNodePorts(random.nextBoolean());
        }
        if (chance(30)) {
          spec.setLoadBalancerClass(pick(List.of("service.k8s.aws/nlb", "internal", "example.com/My_LB")));
        }
        if (chance(30)) {
          spec.setLoadBalancerSourceRanges(new ArrayList<>(List.of(random.nextInt(224) + ".0.0.0/8",
              "2001:db8:" + Integer.toHexString(random.nextInt(0xffff)) + "::/48")));
        }
        if ("Local".equals(spec.getExternalTrafficPolicy()) && chance(50)) {
          spec.setHealthCheckNodePort(uniqueNodePort());
        }
      }
      if (chance(30)) {
        spec.setInternalTrafficPolicy(pick(List.of("Cluster", "Local")));
      }
      if (chance(20)) {
        spec.setTrafficDistribution(pick(List.of("PreferClose", "PreferSameZone", "PreferSameNode")));
      }
      switch (random.nextInt(4)) {
        case 0 -> spec.setSessionAffinity("None");
        case 1 -> {
          spec.setSessionAffinity("ClientIP");
          if (chance(70)) {
            int timeout = chance(30) ? pick(List.of(1, 10_800, 86_400)) : 1 + random.nextInt(86_400);
            spec.setSessionAffinityConfig(new SessionAffinityConfig(new ClientIPConfig(timeout)));
          }
        }
        default -> { }
      }

      Service service = new ServiceBuilder()
          .withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels).endMetadata()
          .withSpec(spec)
          .build();
      List<PodSet> pods = new ArrayList<>();
      if (selector != null || chance(50)) {
        pods.add(new PodSet("App(" + name + ")", namespace == null ? "" : namespace, labels,
            new ArrayList<>(containerPorts.values()), SourceLocation.of("App.java"), GROUP));
      }
      return new Generated(service, pods);
    }
  }

  // =============================================================== mutations

  /** What a mutation must make the validator report. */
  record Expected(String rule, String path, boolean error) {
    Expected(String rule, String path) {
      this(rule, path, true);
    }
  }

  record Mutation(String name, Predicate<Service> applies, BiFunction<Service, Random, Expected> apply) {}

  private static ServiceSpec spec(Service s) {
    return s.getSpec();
  }

  private static String type(Service s) {
    String type = s.getSpec().getType();
    return type == null || type.isEmpty() ? "ClusterIP" : type;
  }

  private static boolean headless(Service s) {
    return "None".equals(s.getSpec().getClusterIP());
  }

  private static boolean nodePortType(Service s) {
    return type(s).equals("NodePort") || type(s).equals("LoadBalancer");
  }

  private static boolean hasPorts(Service s) {
    return !s.getSpec().getPorts().isEmpty();
  }

  private static int anyPort(Service s, Random r) {
    return r.nextInt(s.getSpec().getPorts().size());
  }

  private static <T> T pick(Random r, List<T> values) {
    return values.get(r.nextInt(values.size()));
  }

  private static String ports(int i) {
    return "spec.ports[" + i + "]";
  }

  /** Two distinct indexes {@code i < j}. */
  private static int[] pair(Service s, Random r) {
    int n = s.getSpec().getPorts().size();
    int i = r.nextInt(n - 1);
    int j = i + 1 + r.nextInt(n - i - 1);
    return new int[] {i, j};
  }

  private static final List<Mutation> MUTATIONS = List.of(
      new Mutation("uppercase a port name",
          s -> s.getSpec().getPorts().stream().anyMatch(p -> p.getName() != null && !p.getName().isEmpty()),
          (s, r) -> {
            int i;
            do {
              i = anyPort(s, r);
            } while (spec(s).getPorts().get(i).getName() == null || spec(s).getPorts().get(i).getName().isEmpty());
            ServicePort port = spec(s).getPorts().get(i);
            port.setName(port.getName().toUpperCase(Locale.ROOT));
            return new Expected("service.port-name", ports(i) + ".name");
          }),
      new Mutation("drop a port name of several", s -> s.getSpec().getPorts().size() > 1, (s, r) -> {
        int i = anyPort(s, r);
        spec(s).getPorts().get(i).setName(r.nextBoolean() ? null : "");
        return new Expected("service.port-name", ports(i) + ".name");
      }),
      new Mutation("repeat a port name", s -> s.getSpec().getPorts().size() > 1, (s, r) -> {
        int[] ij = pair(s, r);
        spec(s).getPorts().get(ij[1]).setName(spec(s).getPorts().get(ij[0]).getName());
        return new Expected("service.port-name-duplicate", ports(ij[1]) + ".name");
      }),
      new Mutation("port out of range", ServiceMutationPropertyTest::hasPorts, (s, r) -> {
        int i = anyPort(s, r);
        spec(s).getPorts().get(i).setPort(pick(r, List.of(0, -1, 65_536, 100_000)));
        return new Expected("service.port-number", ports(i) + ".port");
      }),
      new Mutation("repeat a port", s -> s.getSpec().getPorts().size() > 1, (s, r) -> {
        int[] ij = pair(s, r);
        ServicePort first = spec(s).getPorts().get(ij[0]);
        ServicePort second = spec(s).getPorts().get(ij[1]);
        second.setPort(first.getPort());
        second.setProtocol(first.getProtocol());
        return new Expected("service.port-duplicate", ports(ij[1]));
      }),
      new Mutation("lowercase a protocol", ServiceMutationPropertyTest::hasPorts, (s, r) -> {
        int i = anyPort(s, r);
        ServicePort port = spec(s).getPorts().get(i);
        String protocol = port.getProtocol() == null || port.getProtocol().isEmpty() ? "TCP" : port.getProtocol();
        port.setProtocol(r.nextBoolean() ? protocol.toLowerCase(Locale.ROOT) : "HTTP");
        return new Expected("service.port-protocol", ports(i) + ".protocol");
      }),
      new Mutation("bad target port", ServiceMutationPropertyTest::hasPorts, (s, r) -> {
        int i = anyPort(s, r);
        spec(s).getPorts().get(i).setTargetPort(r.nextInt(4) == 0 ? new IntOrString(pick(r, List.of(-1, 65_536)))
            : new IntOrString(pick(r, List.of("HTTP", "a--b", "-web", "web-", "8080", "port-name-too-long", "a_b"))));
        return new Expected("service.target-port", ports(i) + ".targetPort");
      }),
      new Mutation("bad appProtocol", ServiceMutationPropertyTest::hasPorts, (s, r) -> {
        int i = anyPort(s, r);
        spec(s).getPorts().get(i).setAppProtocol(pick(r, List.of("HTTP/2", "my proto", "a/b/c", "kubernetes.io/")));
        return new Expected("service.app-protocol", ports(i) + ".appProtocol");
      }),
      new Mutation("node port out of range", s -> nodePortType(s) && hasPorts(s), (s, r) -> {
        int i = anyPort(s, r);
        spec(s).getPorts().get(i).setNodePort(pick(r, List.of(80, 1, 29_999, 32_768, 65_535)));
        return new Expected("service.node-port-range", ports(i) + ".nodePort");
      }),
      new Mutation("repeat a node port", s -> nodePortType(s) && s.getSpec().getPorts().size() > 1, (s, r) -> {
        int[] ij = pair(s, r);
        ServicePort first = spec(s).getPorts().get(ij[0]);
        ServicePort second = spec(s).getPorts().get(ij[1]);
        if (first.getNodePort() == null) {
          // 32767 is never generated for the other ports... unless it is: pick one no other port uses
          int free = 30_000;
          Set<Integer> taken = new HashSet<>();
          spec(s).getPorts().forEach(p -> taken.add(p.getNodePort()));
          taken.add(spec(s).getHealthCheckNodePort());
          while (taken.contains(free)) {
            free++;
          }
          first.setNodePort(free);
        }
        second.setNodePort(first.getNodePort());
        second.setProtocol(first.getProtocol());
        return new Expected("service.node-port-duplicate", ports(ij[1]) + ".nodePort");
      }),
      new Mutation("node port on a ClusterIP Service", s -> type(s).equals("ClusterIP") && hasPorts(s), (s, r) -> {
        int i = anyPort(s, r);
        spec(s).getPorts().get(i).setNodePort(30_000 + r.nextInt(2_768));
        return new Expected("service.node-port", ports(i) + ".nodePort");
      }),
      new Mutation("no ports", s -> !headless(s) && !type(s).equals("ExternalName"), (s, r) -> {
        spec(s).setPorts(new ArrayList<>());
        return new Expected("service.ports-required", "spec.ports");
      }),
      new Mutation("headless NodePort or LoadBalancer", ServiceMutationPropertyTest::nodePortType, (s, r) -> {
        spec(s).setClusterIP("None");
        spec(s).setClusterIPs(new ArrayList<>());
        spec(s).setIpFamilies(new ArrayList<>());
        spec(s).setIpFamilyPolicy(null);
        return new Expected("service.headless-type", "spec.clusterIPs[0]");
      }),
      new Mutation("bad externalName", s -> type(s).equals("ExternalName"), (s, r) -> {
        spec(s).setExternalName(pick(r, List.of("Bad_Name.example.com", "db..example.com", "-db.example.com",
            "DB.example.com", "db.example.com..", "http://db", "")));
        return new Expected("service.external-name", "spec.externalName");
      }),
      new Mutation("cluster IP on ExternalName", s -> type(s).equals("ExternalName"), (s, r) -> {
        spec(s).setClusterIP(pick(r, List.of("10.0.0.1", "None")));
        return new Expected("service.external-name-fields", "spec.clusterIPs");
      }),
      new Mutation("bad cluster IP", s -> !headless(s) && !type(s).equals("ExternalName"), (s, r) -> {
        spec(s).setClusterIP(pick(r, List.of("10.0.0.256", "10.0.0", "fd00::1%eth0", "[fd00::1]", "none")));
        spec(s).setClusterIPs(new ArrayList<>());
        return new Expected("service.cluster-ips", "spec.clusterIPs[0]");
      }),
      new Mutation("bad IP family", s -> !type(s).equals("ExternalName"), (s, r) -> {
        spec(s).setIpFamilies(new ArrayList<>(List.of(pick(r, List.of("ipv4", "IPv5", "v6")))));
        return new Expected("service.ip-families", "spec.ipFamilies[0]");
      }),
      new Mutation("special external IP", s -> true, (s, r) -> {
        int k = spec(s).getExternalIPs().size();
        List<String> ips = new ArrayList<>(spec(s).getExternalIPs());
        ips.add(pick(r, List.of("127.0.0.1", "0.0.0.0", "169.254.1.1", "::1", "fe80::1", "224.0.0.1", "::", "1.2.3")));
        spec(s).setExternalIPs(ips);
        return new Expected("service.external-ips", "spec.externalIPs[" + k + "]");
      }),
      new Mutation("lowercase the type", s -> true, (s, r) -> {
        spec(s).setType(type(s).toLowerCase(Locale.ROOT));
        return new Expected("service.type", "spec.type");
      }),
      new Mutation("bad session affinity", s -> true, (s, r) -> {
        spec(s).setSessionAffinity(pick(r, List.of("clientIP", "none", "Sticky")));
        return new Expected("service.session-affinity", "spec.sessionAffinity");
      }),
      new Mutation("affinity timeout out of range", s -> true, (s, r) -> {
        spec(s).setSessionAffinity("ClientIP");
        spec(s).setSessionAffinityConfig(new SessionAffinityConfig(new ClientIPConfig(
            pick(r, List.of(0, -1, 86_401, Integer.MAX_VALUE, Integer.MIN_VALUE)))));
        return new Expected("service.session-affinity-timeout", "spec.sessionAffinityConfig.clientIP.timeoutSeconds");
      }),
      new Mutation("external traffic policy where not reachable",
          s -> type(s).equals("ExternalName") || (type(s).equals("ClusterIP") && s.getSpec().getExternalIPs().isEmpty()),
          (s, r) -> {
            spec(s).setExternalTrafficPolicy(pick(r, List.of("Cluster", "Local")));
            return new Expected("service.external-traffic-policy", "spec.externalTrafficPolicy");
          }),
      new Mutation("health check node port where not needed",
          s -> !(type(s).equals("LoadBalancer") && "Local".equals(s.getSpec().getExternalTrafficPolicy())),
          (s, r) -> {
            spec(s).setHealthCheckNodePort(30_000 + r.nextInt(2_768));
            return new Expected("service.health-check-node-port", "spec.healthCheckNodePort");
          }),
      new Mutation("bad internal traffic policy", s -> true, (s, r) -> {
        spec(s).setInternalTrafficPolicy(pick(r, List.of("local", "Node", "")));
        return new Expected("service.internal-traffic-policy", "spec.internalTrafficPolicy");
      }),
      new Mutation("bad traffic distribution", s -> true, (s, r) -> {
        spec(s).setTrafficDistribution(pick(r, List.of("Nearest", "preferClose", "")));
        return new Expected("service.traffic-distribution", "spec.trafficDistribution");
      }),
      new Mutation("load balancer class elsewhere", s -> !type(s).equals("LoadBalancer"), (s, r) -> {
        spec(s).setLoadBalancerClass("example.com/lb");
        return new Expected("service.load-balancer-only", "spec.loadBalancerClass");
      }),
      new Mutation("bad source ranges", s -> true, (s, r) -> {
        if (!type(s).equals("LoadBalancer")) {
          spec(s).setLoadBalancerSourceRanges(new ArrayList<>(List.of("10.0.0.0/8")));
          return new Expected("service.source-ranges", "spec.loadBalancerSourceRanges");
        }
        List<String> ranges = new ArrayList<>(spec(s).getLoadBalancerSourceRanges());
        int k = ranges.size();
        ranges.add(pick(r, List.of("10.0.0.0/33", "10.0.0.1", "::/129", "bogus")));
        spec(s).setLoadBalancerSourceRanges(ranges);
        return new Expected("service.source-ranges", "spec.loadBalancerSourceRanges[" + k + "]");
      }),
      new Mutation("dangling selector",
          s -> !type(s).equals("ExternalName") && s.getSpec().getSelector() != null
              && !s.getSpec().getSelector().isEmpty(),
          (s, r) -> {
            spec(s).getSelector().put("app", "nobody");
            return new Expected("service.dangling", "spec.selector");
          }),
      new Mutation("uppercase the name", s -> true, (s, r) -> {
        s.getMetadata().setName(s.getMetadata().getName().toUpperCase(Locale.ROOT));
        return new Expected("metadata.name", "metadata.name");
      }),
      new Mutation("bad namespace", s -> true, (s, r) -> {
        s.getMetadata().setNamespace(pick(r, List.of("Shop", "shop.prod", "-shop", "shop_1")));
        return new Expected("metadata.namespace", "metadata.namespace");
      }),
      new Mutation("bad label key", s -> true, (s, r) -> {
        String key = pick(r, List.of("bad key", "a/b/c", "Example.com/x", "/x", "-x"));
        s.getMetadata().setLabels(new HashMap<>(s.getMetadata().getLabels()));
        s.getMetadata().getLabels().put(key, "x");
        return new Expected("metadata.label-key", "metadata.labels[" + key + "]");
      }),
      new Mutation("bad label value", s -> true, (s, r) -> {
        s.getMetadata().setLabels(new HashMap<>(s.getMetadata().getLabels()));
        s.getMetadata().getLabels().put("tier", pick(r, List.of("-x", "x-", "a b", "v".repeat(64))));
        return new Expected("metadata.label-value", "metadata.labels[tier]");
      }));
}
