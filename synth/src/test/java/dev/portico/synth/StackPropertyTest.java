package dev.portico.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.dsl.App;
import dev.portico.dsl.CloudLoadBalancer;
import dev.portico.dsl.IpFamily;
import dev.portico.dsl.IpFamilyPolicy;
import dev.portico.dsl.Port;
import dev.portico.dsl.Protocol;
import dev.portico.dsl.Service;
import dev.portico.dsl.ServicePort;
import dev.portico.dsl.ServiceType;
import dev.portico.dsl.SessionAffinity;
import dev.portico.dsl.Stack;
import dev.portico.dsl.StackDefinition;
import dev.portico.dsl.TrafficPolicy;
import dev.portico.synth.read.ManifestReader;
import dev.portico.synth.render.YamlRenderer;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Resource;
import dev.portico.synth.validate.Scope;
import dev.portico.synth.validate.Validator;
import dev.portico.synth.write.OutputFile;
import dev.portico.synth.write.OutputLayout;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded property tests: random valid stacks, built through the public DSL, synthesize without
 * errors, render deterministically, round-trip through YAML, and pass {@code portico validate}.
 *
 * <p>Seeds 1-{@value #SEEDS} run by default; {@code -Dportico.seed=N} runs only seed {@code N}.
 * Every failure names its seed, so it can be replayed.
 */
class StackPropertyTest {
  static final int SEEDS = 100;

  static LongStream seeds() {
    String only = System.getProperty("portico.seed", "").trim();
    if (!only.isEmpty()) {
      return LongStream.of(Long.parseLong(only));
    }
    return LongStream.rangeClosed(1, SEEDS);
  }

  static String at(long seed) {
    return "seed " + seed + " (replay with -Dportico.seed=" + seed + ")";
  }

  static Synthesis synthesize(long seed) {
    return Synthesizer.synthesize(List.of(new RandomStack(seed)), List.of(), Map.of());
  }

  /** The rendered single-file layout, for failure messages. */
  static String dump(Synthesis synthesis) {
    return OutputLayout.files(synthesis, true).stream()
        .map(file -> "# " + file.path() + "\n" + file.content())
        .collect(Collectors.joining("\n"));
  }

  static String describe(List<Finding> findings) {
    return findings.stream().map(Finding::format).collect(Collectors.joining("\n"));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void synthesisOfAValidStackHasNoErrors(long seed) {
    Synthesis synthesis = synthesize(seed);

    List<Finding> errors = synthesis.findings().stream().filter(Finding::isError).toList();
    assertTrue(errors.isEmpty(), () -> at(seed) + ": a valid stack has errors:\n" + describe(errors)
        + "\n\n" + dump(synthesis));
    assertTrue(synthesis.resourceCount() > 0, () -> at(seed) + ": the generator declared no Service");
    assertEquals(new RandomStack(seed).environments().size(), synthesis.outputs().size(),
        () -> at(seed) + ": one output per environment");
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void renderingIsDeterministic(long seed) {
    Synthesis synthesis = synthesize(seed);
    Synthesis again = synthesize(seed);

    for (boolean singleFile : List.of(false, true)) {
      List<OutputFile> first = OutputLayout.files(synthesis, singleFile);
      assertEquals(first, OutputLayout.files(synthesis, singleFile),
          () -> at(seed) + ": rendering twice differs (singleFile=" + singleFile + ")");
      assertEquals(first, OutputLayout.files(again, singleFile),
          () -> at(seed) + ": a second synthesis renders differently (singleFile=" + singleFile + ")");
      for (OutputFile file : first) {
        assertTrue(!file.content().contains("\r") && file.content().endsWith("\n"),
            () -> at(seed) + ": " + file.path() + " has '\\r' or no final newline");
      }
    }
    assertEquals(synthesis.findings(), again.findings(), () -> at(seed) + ": findings differ between runs");
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void everyRenderedServiceParsesBackToTheEmittedObject(long seed) throws IOException {
    Synthesis synthesis = synthesize(seed);
    Map<String, String> files = new LinkedHashMap<>();
    OutputLayout.files(synthesis, false).forEach(file -> files.put(file.path(), file.content()));

    int checked = 0;
    for (StackOutput output : synthesis.outputs()) {
      for (Resource resource : output.resources()) {
        if (!(resource.object() instanceof io.fabric8.kubernetes.api.model.Service emitted)) {
          continue;
        }
        String path = output.stack() + "/" + output.environment() + "/service-" + emitted.getMetadata().getName()
            + ".yaml";
        String yaml = files.get(path);
        assertTrue(yaml != null, () -> at(seed) + ": no file " + path + " among " + files.keySet());
        io.fabric8.kubernetes.api.model.Service parsed =
            YamlRenderer.mapper().readValue(yaml, io.fabric8.kubernetes.api.model.Service.class);
        // the spec must come back equal as Java objects; metadata too, except that the emitter leaves
        // absent labels and annotations null where the parser makes them empty maps, so the whole object
        // is compared as a tree, where null and empty are alike (neither is rendered)
        assertEquals(emitted.getSpec(), parsed.getSpec(),
            () -> at(seed) + ": the spec of " + path + " does not read back as what was emitted:\n" + yaml);
        assertEquals(YamlRenderer.mapper().valueToTree(emitted), YamlRenderer.mapper().valueToTree(parsed),
            () -> at(seed) + ": " + path + " does not read back as what was emitted:\n" + yaml);
        // and a YAML 1.1 reader (SnakeYAML's resolver, like go-yaml in kubectl, Argo CD and Flux) reads the
        // same values: no string that it takes for a boolean, number, null or date
        Object expected = YamlRenderer.mapper().convertValue(emitted, Object.class);
        Object yaml11 = new org.yaml.snakeyaml.Yaml().load(yaml);
        assertEquals(expected, yaml11, () -> at(seed) + ": a YAML 1.1 reader reads " + path + " differently:\n" + yaml);
        checked++;
      }
    }
    assertEquals(synthesis.resourceCount(), checked, () -> at(seed) + ": every resource is a Service");
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void validateAcceptsTheRenderedYaml(long seed) throws IOException {
    Synthesis synthesis = synthesize(seed);

    for (OutputFile file : OutputLayout.files(synthesis, true)) {
      ManifestReader.Input input = ManifestReader.read(List.of("-"),
          new ByteArrayInputStream(file.content().getBytes(StandardCharsets.UTF_8)));
      List<Finding> findings = new ArrayList<>(input.findings());
      findings.addAll(Validator.validate(input.resources(), input.podSets(), Scope.OPEN));
      List<Finding> errors = findings.stream().filter(Finding::isError).toList();
      assertTrue(errors.isEmpty(), () -> at(seed) + ": portico validate rejects synthesized " + file.path() + ":\n"
          + describe(errors) + "\n\n" + file.content());
      long services = synthesis.outputs().stream()
          .filter(output -> file.path().equals(output.stack() + "/" + output.environment() + ".yaml"))
          .mapToLong(output -> output.resources().size()).sum();
      assertEquals(services, input.resources().size(), () -> at(seed) + ": validate read every object of " + file.path());
    }
  }

  /** The default seeds between them exercise every feature the generator has, so the properties above mean something. */
  @Test
  void theGeneratorCoversEveryFeature() {
    Map<String, java.util.regex.Pattern> features = new LinkedHashMap<>();
    for (String feature : List.of("type: NodePort", "type: LoadBalancer", "type: ExternalName", "clusterIP: None",
        "nodePort: ", "healthCheckNodePort: ", "loadBalancerSourceRanges:", "loadBalancerClass: ",
        "allocateLoadBalancerNodePorts: false", "externalTrafficPolicy: Local", "internalTrafficPolicy: Local",
        "sessionAffinity: ClientIP", "ipFamilyPolicy: RequireDualStack", "ipFamilyPolicy: PreferDualStack",
        "- IPv6", "appProtocol: ", "protocol: UDP", "protocol: SCTP", "publishNotReadyAddresses: true",
        "annotations:", "labels:", "service.beta.kubernetes.io/aws-load-balancer-type", "tier: ", "externalName: ")) {
      features.put(feature, java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(feature)));
    }
    features.put("targetPort by number", java.util.regex.Pattern.compile("targetPort: [0-9]+\n"));
    features.put("targetPort by name", java.util.regex.Pattern.compile("targetPort: [a-z0-9-]*[a-z][a-z0-9-]*\n"));
    features.put("a port without a target", java.util.regex.Pattern.compile("protocol: [A-Z]+\n  [^ ]"));
    features.put("a Service without a selector", java.util.regex.Pattern.compile("(?s)spec:(?:(?!selector:).)*\\z"));
    features.put("an unnamed single port", java.util.regex.Pattern.compile("  ports:\n  - port: "));
    features.put("a quoted value", java.util.regex.Pattern.compile(": [\"'].*\n"));
    features.put("a block scalar", java.util.regex.Pattern.compile(": [|>][-+]?\n"));
    features.put("a 63-character name", java.util.regex.Pattern.compile("name: [-a-z0-9]{63}\n"));
    Set<String> seen = new HashSet<>();
    int environments = 0;
    for (long seed = 1; seed <= SEEDS; seed++) {
      Synthesis synthesis = synthesize(seed);
      environments = Math.max(environments, synthesis.outputs().size());
      for (OutputFile file : OutputLayout.files(synthesis, false)) {
        features.forEach((name, pattern) -> {
          if (pattern.matcher(file.content()).find()) {
            seen.add(name);
          }
        });
      }
    }
    Set<String> missing = new java.util.TreeSet<>(features.keySet());
    missing.removeAll(seen);
    assertTrue(missing.isEmpty(), "seeds 1-" + SEEDS + " never produce: " + missing);
    assertEquals(2, environments, "some seed has two environments");
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * A random valid stack, the same for the same seed: apps with 1-3 ports, and Services of every
   * type targeting their own app's ports. Each environment is defined from a fresh
   * {@code Random(seed)}, so environments are alike and node ports are unique within each.
   */
  static final class RandomStack implements StackDefinition {
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    private static final String DIGITS = "0123456789";
    /** Annotation values that a careless YAML writer would turn into something else. */
    private static final List<String> TRICKY_VALUES = List.of(
        "yes", "no", "on", "off", "y", "n", "true", "False", "null", "~", "", " ", "123", "0123", "0x1F", "0o17",
        "1e3", "1_000", ".inf", "-.inf", ".nan", "2024-01-01", "12:30:00", "1.0", "+1", "-1", "a: b", "- item",
        "# not a comment", "key:", "'single'", "\"double\"", "multi\nline\n", "trailing\n", "tab\there", "  indented",
        "trailing ", "{a: 1}", "[1, 2]", "*alias", "&anchor", "!tag", "%directive", "@at", "`tick", "|", ">", "?",
        "=", "<<", "é ü 日本語", "emoji \uD83D\uDE80", "back\\slash", "---", "...", "a,b", "x#y", "50%");
    private static final List<String> LABEL_VALUES = List.of(
        "yes", "no", "on", "true", "null", "123", "0123", "1e3", "1.0", "0x1F", "v1.2.3", "a_b", "A.B-c", "y", "N");
    private static final List<String> APP_PROTOCOLS = List.of(
        "http", "https", "grpc", "kubernetes.io/h2c", "kubernetes.io/ws", "kubernetes.io/wss", "example.com/custom");
    private static final List<String> CIDRS = List.of(
        "0.0.0.0/0", "10.0.0.0/8", "192.168.1.0/24", "203.0.113.7/32", "::/0", "2001:db8::/32", "fd00::/8");
    private static final List<String> LB_CLASSES = List.of("service.k8s.aws/nlb", "example.com/lb", "metallb");

    private final long seed;
    private final String namespace;
    private final List<String> environments;

    RandomStack(long seed) {
      this.seed = seed;
      Random random = new Random(seed ^ 0x5DEECE66DL);
      this.namespace = random.nextInt(4) == 0 ? "default" : dns1035(random, new HashSet<>(), 20);
      this.environments = random.nextBoolean() ? List.of("default") : List.of("dev", "prod");
    }

    @Override
    public String name() {
      return "prop";
    }

    @Override
    public String namespace() {
      return namespace;
    }

    @Override
    public List<String> environments() {
      return environments;
    }

    @Override
    public void define(Stack stack) {
      Random random = new Random(seed);
      Set<String> objectNames = new HashSet<>();
      Set<Integer> nodePorts = new HashSet<>();
      int appCount = 1 + random.nextInt(4);
      for (int a = 0; a < appCount; a++) {
        String appName = objectName(random, objectNames, 24);
        List<Port> ports = ports(random);
        App app = random.nextInt(3) == 0
            ? stack.app(appName, spec -> {
                spec.selector("app", appName);
                if (random.nextBoolean()) {
                  spec.selector("tier", pick(random, LABEL_VALUES));
                }
                spec.ports(ports.toArray(Port[]::new));
              })
            : stack.app(appName, ports.toArray(Port[]::new));
        boolean exposed = false;
        int serviceCount = 1 + random.nextInt(3);
        for (int s = 0; s < serviceCount; s++) {
          int kind = random.nextInt(8);
          if (kind == 0 && !exposed) {
            exposed = true;
            expose(stack, random, app, nodePorts);
          } else {
            service(stack, random, app, objectName(random, objectNames, 30), kind, nodePorts);
          }
        }
      }
      if (random.nextInt(4) == 0) {
        // a Service without pods behind it: endpoints managed by hand
        stack.service(objectName(random, objectNames, 30), service -> {
          service.port(ServicePort.of(1 + random.nextInt(65_535)));
          options(random, service, false);
        });
      }
    }

    private void expose(Stack stack, Random random, App app, Set<Integer> nodePorts) {
      switch (random.nextInt(4)) {
        case 0 -> stack.expose(app);
        case 1 -> stack.expose(app, service -> service.type(ServiceType.headless()));
        case 2 -> stack.expose(app, service -> service.type(nodePortType(random)));
        default -> stack.expose(app, service -> service.type(loadBalancerType(random, nodePorts)));
      }
    }

    private void service(Stack stack, Random random, App app, String name, int kind, Set<Integer> nodePorts) {
      Consumer<Service.Builder> spec = service -> {
        ServiceType type = switch (kind % 5) {
          case 0 -> random.nextBoolean() ? ServiceType.clusterIp() : null;
          case 1 -> ServiceType.headless();
          case 2 -> nodePortType(random);
          case 3 -> loadBalancerType(random, nodePorts);
          default -> ServiceType.externalName(hostName(random));
        };
        if (type != null) {
          service.type(type);
        }
        boolean external = type instanceof ServiceType.ExternalName;
        boolean withNodePorts = type instanceof ServiceType.NodePort || type instanceof ServiceType.LoadBalancer;
        if (external && random.nextBoolean()) {
          externalPorts(random, service);
        } else {
          targetPorts(random, service, app, withNodePorts, nodePorts);
        }
        options(random, service, external);
      };
      if (kind % 5 == 4 && random.nextBoolean()) {
        stack.service(name, spec);
      } else {
        stack.service(name, app, spec);
      }
    }

    /** Ports forwarding to distinct ports of the app, sometimes one more to a port already used. */
    private void targetPorts(Random random, Service.Builder service, App app, boolean withNodePorts,
        Set<Integer> nodePorts) {
      List<Port> targets = new ArrayList<>(app.ports());
      java.util.Collections.shuffle(targets, random);
      targets = new ArrayList<>(targets.subList(0, 1 + random.nextInt(targets.size())));
      if (random.nextInt(5) == 0) {
        targets.add(targets.get(0));
      }
      Set<String> names = new HashSet<>();
      targets.forEach(target -> target.name().ifPresent(names::add));
      Set<Integer> numbers = new HashSet<>();
      for (int i = 0; i < targets.size(); i++) {
        Port target = targets.get(i);
        int number = unique(random, numbers, 1, 65_535);
        boolean duplicateTarget = targets.indexOf(target) != i;
        boolean needsName = duplicateTarget || (targets.size() > 1 && target.name().isEmpty());
        if (!needsName && !withNodePorts && random.nextBoolean()) {
          service.port(number, target);
          continue;
        }
        ServicePort port = ServicePort.of(number, target);
        if (needsName || random.nextInt(4) == 0) {
          port = port.named(portName(random, names));
        }
        if (random.nextInt(5) == 0) {
          port = port.appProtocol(pick(random, APP_PROTOCOLS));
        }
        if (withNodePorts && random.nextBoolean()) {
          port = port.nodePort(unique(random, nodePorts, 30_000, 32_767));
        }
        service.port(port);
      }
    }

    /** Ports of a Service with no pods: 1-2, named when there are two. */
    private void externalPorts(Random random, Service.Builder service) {
      int count = 1 + random.nextInt(2);
      Set<String> names = new HashSet<>();
      Set<Integer> numbers = new HashSet<>();
      for (int i = 0; i < count; i++) {
        ServicePort port = ServicePort.of(unique(random, numbers, 1, 65_535));
        if (count > 1 || random.nextBoolean()) {
          port = port.named(portName(random, names));
        }
        if (random.nextBoolean()) {
          port = port.protocol(pick(random, List.of(Protocol.values())));
        }
        service.port(port);
      }
    }

    private void options(Random random, Service.Builder service, boolean external) {
      if (!external) {
        switch (random.nextInt(4)) {
          case 0 -> service.sessionAffinity(SessionAffinity.clientIp());
          case 1 -> service.sessionAffinity(SessionAffinity.clientIp(1 + random.nextInt(86_400)));
          case 2 -> service.sessionAffinity(SessionAffinity.none());
          default -> { }
        }
        if (random.nextInt(4) == 0) {
          service.internalTrafficPolicy(pick(random, List.of(TrafficPolicy.values())));
        }
        switch (random.nextInt(6)) {
          case 0 -> service.ipFamilies(IpFamily.IPV4);
          case 1 -> service.ipFamilies(IpFamily.IPV6).ipFamilyPolicy(IpFamilyPolicy.SINGLE_STACK);
          case 2 -> service.ipFamilies(IpFamily.IPV6, IpFamily.IPV4).ipFamilyPolicy(IpFamilyPolicy.PREFER_DUAL_STACK);
          case 3 -> service.ipFamilies(IpFamily.IPV4, IpFamily.IPV6).ipFamilyPolicy(IpFamilyPolicy.REQUIRE_DUAL_STACK);
          default -> { }
        }
      }
      if (random.nextInt(5) == 0) {
        service.publishNotReadyAddresses();
      }
      for (int i = random.nextInt(3); i > 0; i--) {
        service.label(random.nextBoolean() ? "team" : "example.com/part-" + i, pick(random, LABEL_VALUES));
      }
      for (int i = random.nextInt(4); i > 0; i--) {
        service.annotation("example.com/note-" + i, trickyValue(random));
      }
    }

    private static ServiceType.NodePort nodePortType(Random random) {
      ServiceType.NodePort type = ServiceType.nodePort();
      return random.nextBoolean() ? type : type.externalTrafficPolicy(pick(random, List.of(TrafficPolicy.values())));
    }

    private static ServiceType.LoadBalancer loadBalancerType(Random random, Set<Integer> nodePorts) {
      ServiceType.LoadBalancer type = ServiceType.loadBalancer();
      for (int i = random.nextInt(3); i > 0; i--) {
        type = type.sourceRanges(pick(random, CIDRS));
      }
      TrafficPolicy policy = random.nextBoolean() ? null : pick(random, List.of(TrafficPolicy.values()));
      if (policy != null) {
        type = type.externalTrafficPolicy(policy);
        if (policy == TrafficPolicy.LOCAL && random.nextBoolean()) {
          type = type.healthCheckNodePort(unique(random, nodePorts, 30_000, 32_767));
        }
      }
      if (random.nextInt(3) == 0) {
        type = type.loadBalancerClass(pick(random, LB_CLASSES));
      }
      if (random.nextInt(3) == 0) {
        type = type.allocateNodePorts(random.nextBoolean());
      }
      List<CloudLoadBalancer> clouds = new ArrayList<>(List.of(CloudLoadBalancer.awsNlb(),
          CloudLoadBalancer.awsInternal(), CloudLoadBalancer.awsLoadBalancerControllerNlb(random.nextBoolean()),
          CloudLoadBalancer.gcpInternal(), CloudLoadBalancer.azureInternal()));
      java.util.Collections.shuffle(clouds, random);
      for (CloudLoadBalancer cloud : clouds.subList(0, random.nextInt(3))) {
        type = type.cloud(cloud);
      }
      return type;
    }

    /** 1-3 ports with names (IANA service names) and numbers unique in the app; a lone port may be unnamed. */
    private static List<Port> ports(Random random) {
      int count = 1 + random.nextInt(3);
      Set<String> names = new HashSet<>();
      Set<Integer> numbers = new HashSet<>();
      List<Port> ports = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int number = unique(random, numbers, 1, 65_535);
        Protocol protocol = pick(random, List.of(Protocol.values()));
        Port port;
        if (count == 1 && random.nextInt(4) == 0) {
          port = random.nextBoolean() ? Port.tcp(number) : Port.of(null, number, protocol);
        } else {
          String name = portName(random, names);
          port = switch (random.nextInt(4)) {
            case 0 -> Port.tcp(name, number);
            case 1 -> Port.udp(name, number);
            case 2 -> Port.sctp(name, number);
            default -> Port.of(name, number, protocol);
          };
        }
        if (random.nextInt(5) == 0) {
          port = port.withAppProtocol(pick(random, APP_PROTOCOLS));
        }
        ports.add(port);
      }
      return ports;
    }

    /** An IANA service name: 1-15 of [-a-z0-9], a letter somewhere, no "--", no '-' at either end; unique in {@code used}. */
    static String portName(Random random, Set<String> used) {
      while (true) {
        int length = 1 + random.nextInt(random.nextInt(4) == 0 ? 15 : 8);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
          boolean edge = i == 0 || i == length - 1;
          boolean afterHyphen = i > 0 && sb.charAt(i - 1) == '-';
          int roll = random.nextInt(10);
          if (roll < 2 && !edge && !afterHyphen) {
            sb.append('-');
          } else if (roll < 4) {
            sb.append(DIGITS.charAt(random.nextInt(DIGITS.length())));
          } else {
            sb.append(LOWER.charAt(random.nextInt(LOWER.length())));
          }
        }
        if (sb.chars().noneMatch(Character::isLetter)) {
          sb.setCharAt(random.nextInt(length), LOWER.charAt(random.nextInt(LOWER.length())));
        }
        String name = sb.toString();
        if (used.add(name)) {
          return name;
        }
      }
    }

    /** An object name: a DNS-1035 label of up to {@code max} characters, and now and then of the longest allowed, 63. */
    static String objectName(Random random, Set<String> used, int max) {
      return random.nextInt(20) == 0 ? dns1035(random, used, 63, 63) : dns1035(random, used, 1, max);
    }

    /** A DNS-1035 label of 1 to {@code max} characters, unique in {@code used}. */
    static String dns1035(Random random, Set<String> used, int max) {
      return dns1035(random, used, 1, max);
    }

    /** A DNS-1035 label of {@code min} to {@code max} characters, unique in {@code used}. */
    static String dns1035(Random random, Set<String> used, int min, int max) {
      while (true) {
        int length = min + random.nextInt(max - min + 1);
        StringBuilder sb = new StringBuilder().append(LOWER.charAt(random.nextInt(LOWER.length())));
        for (int i = 1; i < length; i++) {
          int roll = random.nextInt(10);
          if (roll < 2 && i < length - 1) {
            sb.append('-');
          } else if (roll < 4) {
            sb.append(DIGITS.charAt(random.nextInt(DIGITS.length())));
          } else {
            sb.append(LOWER.charAt(random.nextInt(LOWER.length())));
          }
        }
        String name = sb.toString();
        if (used.add(name)) {
          return name;
        }
      }
    }

    /** A DNS-1123 subdomain of 1-4 labels, sometimes with one trailing dot. */
    static String hostName(Random random) {
      int labels = 1 + random.nextInt(3);
      List<String> parts = new ArrayList<>();
      for (int i = 0; i < labels; i++) {
        String label = dns1035(random, new HashSet<>(), random.nextInt(10) == 0 ? 61 : 12);
        parts.add(random.nextInt(5) == 0 ? random.nextInt(100) + label : label);
      }
      return String.join(".", parts) + (random.nextInt(6) == 0 ? "." : "");
    }

    static String trickyValue(Random random) {
      if (random.nextBoolean()) {
        return pick(random, TRICKY_VALUES);
      }
      StringBuilder sb = new StringBuilder();
      for (int i = 1 + random.nextInt(3); i > 0; i--) {
        sb.append(pick(random, TRICKY_VALUES));
      }
      return sb.toString();
    }

    static int unique(Random random, Set<Integer> used, int min, int max) {
      while (true) {
        int value = min + random.nextInt(max - min + 1);
        if (used.add(value)) {
          return value;
        }
      }
    }

    static <T> T pick(Random random, List<T> values) {
      return values.get(random.nextInt(values.size()));
    }

    @Override
    public String toString() {
      return "RandomStack(seed " + seed + ")";
    }
  }
}
