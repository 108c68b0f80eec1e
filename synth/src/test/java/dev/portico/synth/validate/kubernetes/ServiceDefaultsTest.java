package dev.portico.synth.validate.kubernetes;

import static dev.portico.synth.validate.Fixtures.list;
import static dev.portico.synth.validate.Fixtures.port;
import static dev.portico.synth.validate.Fixtures.spec;
import static dev.portico.synth.validate.Fixtures.type;
import static dev.portico.synth.validate.Fixtures.web;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.synth.validate.Fixtures;
import io.fabric8.kubernetes.api.model.ClientIPConfig;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.SessionAffinityConfig;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** {@code SetDefaults_Service}, {@code normalizeClusterIPs} and the allocator's ipFamilyPolicy default. */
class ServiceDefaultsTest {

  private static ServiceSpec defaulted(Consumer<Service> mutation) {
    return ServiceDefaults.apply(web(mutation)).getSpec();
  }

  @Test
  void sessionAffinity() {
    assertEquals("None", defaulted(s -> { }).getSessionAffinity());
    ServiceSpec none = defaulted(s -> {
      spec(s).setSessionAffinity("");
      spec(s).setSessionAffinityConfig(new SessionAffinityConfig(new ClientIPConfig(5)));
    });
    assertEquals("None", none.getSessionAffinity());
    assertNull(none.getSessionAffinityConfig());
    ServiceSpec clientIp = defaulted(s -> spec(s).setSessionAffinity("ClientIP"));
    assertEquals(10_800, clientIp.getSessionAffinityConfig().getClientIP().getTimeoutSeconds());
    ServiceSpec noTimeout = defaulted(s -> {
      spec(s).setSessionAffinity("ClientIP");
      spec(s).setSessionAffinityConfig(new SessionAffinityConfig(new ClientIPConfig()));
    });
    assertEquals(10_800, noTimeout.getSessionAffinityConfig().getClientIP().getTimeoutSeconds());
    ServiceSpec kept = defaulted(s -> {
      spec(s).setSessionAffinity("ClientIP");
      spec(s).setSessionAffinityConfig(new SessionAffinityConfig(new ClientIPConfig(0)));
    });
    assertEquals(0, kept.getSessionAffinityConfig().getClientIP().getTimeoutSeconds());
    // only the exact empty value is defaulted
    assertEquals("none", defaulted(s -> spec(s).setSessionAffinity("none")).getSessionAffinity());
  }

  @Test
  void typeProtocolAndTargetPort() {
    ServiceSpec spec = defaulted(s -> {
      type(s, null);
      port(s, 0).setProtocol(null);
      port(s, 1).setProtocol("");
      port(s, 1).setTargetPort(null);
    });
    assertEquals("ClusterIP", spec.getType());
    assertEquals("TCP", spec.getPorts().get(0).getProtocol());
    assertEquals("TCP", spec.getPorts().get(1).getProtocol());
    assertEquals(new IntOrString(9090), spec.getPorts().get(1).getTargetPort());
    assertEquals(new IntOrString(443), defaulted(s -> {
      port(s, 1).setPort(443);
      port(s, 1).setTargetPort(new IntOrString(0));
    }).getPorts().get(1).getTargetPort());
    assertEquals(new IntOrString(443), defaulted(s -> {
      port(s, 1).setPort(443);
      port(s, 1).setTargetPort(new IntOrString(""));
    }).getPorts().get(1).getTargetPort());
    assertEquals("tcp", defaulted(s -> port(s, 0).setProtocol("tcp")).getPorts().get(0).getProtocol());
    assertEquals("ClusterIP", defaulted(s -> type(s, "")).getType());
  }

  @Test
  void trafficPolicies() {
    assertNull(defaulted(s -> { }).getExternalTrafficPolicy());
    assertEquals("Cluster", defaulted(s -> type(s, "NodePort")).getExternalTrafficPolicy());
    assertEquals("Cluster", defaulted(s -> type(s, "LoadBalancer")).getExternalTrafficPolicy());
    assertEquals("Cluster", defaulted(s -> spec(s).setExternalIPs(list("203.0.113.7"))).getExternalTrafficPolicy());
    assertEquals("Local", defaulted(s -> {
      type(s, "NodePort");
      spec(s).setExternalTrafficPolicy("Local");
    }).getExternalTrafficPolicy());
    for (String type : List.of("ClusterIP", "NodePort", "LoadBalancer")) {
      assertEquals("Cluster", defaulted(s -> type(s, type)).getInternalTrafficPolicy(), type);
    }
    assertNull(defaulted(Fixtures::externalName).getInternalTrafficPolicy());
  }

  @Test
  void loadBalancerNodePorts() {
    assertEquals(Boolean.TRUE, defaulted(s -> type(s, "LoadBalancer")).getAllocateLoadBalancerNodePorts());
    assertEquals(Boolean.FALSE, defaulted(s -> {
      type(s, "LoadBalancer");
      spec(s).setAllocateLoadBalancerNodePorts(false);
    }).getAllocateLoadBalancerNodePorts());
    assertNull(defaulted(s -> type(s, "NodePort")).getAllocateLoadBalancerNodePorts());
  }

  @Test
  void clusterIpsAndFamilyPolicy() {
    ServiceSpec spec = defaulted(s -> spec(s).setClusterIP("10.0.0.1"));
    assertEquals(List.of("10.0.0.1"), spec.getClusterIPs());
    assertEquals("SingleStack", spec.getIpFamilyPolicy());
    assertEquals(List.of("10.0.0.2"), defaulted(s -> {
      spec(s).setClusterIP("10.0.0.1");
      spec(s).setClusterIPs(list("10.0.0.2"));
    }).getClusterIPs());
    assertTrue(defaulted(s -> spec(s).setClusterIP("")).getClusterIPs().isEmpty());
    assertEquals("SingleStack", defaulted(s -> spec(s).setClusterIP("None")).getIpFamilyPolicy());
    assertEquals("RequireDualStack", defaulted(s -> {
      spec(s).setClusterIP("None");
      spec(s).setSelector(null);
    }).getIpFamilyPolicy());
    assertEquals("PreferDualStack", defaulted(s -> spec(s).setIpFamilyPolicy("PreferDualStack")).getIpFamilyPolicy());
    assertNull(defaulted(Fixtures::externalName).getIpFamilyPolicy());
  }

  @Test
  void theArgumentIsNotChanged() {
    Service service = web(s -> {
      type(s, null);
      port(s, 0).setProtocol(null);
      spec(s).setClusterIP("10.0.0.1");
    });
    Service before = new ServiceBuilder(service).build();
    ServiceDefaults.apply(service);
    assertEquals(before, service);
  }

  /** Every property of {@code type} set through its setters, each to a value of its own. */
  private static <T> T filled(Class<T> type) throws ReflectiveOperationException {
    T object = type.getConstructor().newInstance();
    int n = 0;
    for (java.lang.reflect.Method setter : type.getMethods()) {
      if (!setter.getName().startsWith("set") || setter.getParameterCount() != 1
          || setter.getName().equals("setAdditionalProperty") || setter.getName().equals("setAdditionalProperties")) {
        continue;
      }
      Class<?> p = setter.getParameterTypes()[0];
      n++;
      Object value;
      if (p == String.class) {
        value = "v" + n;
      } else if (p == Integer.class) {
        value = n;
      } else if (p == Boolean.class) {
        value = n % 2 == 0;
      } else if (p == List.class) {
        java.lang.reflect.Type element = ((java.lang.reflect.ParameterizedType) setter.getGenericParameterTypes()[0])
            .getActualTypeArguments()[0];
        value = element == String.class ? List.of("v" + n) : List.of(filled((Class<?>) element));
      } else if (p == java.util.Map.class) {
        value = java.util.Map.of("k" + n, "v" + n);
      } else if (p == IntOrString.class) {
        value = new IntOrString(n);
      } else {
        value = p.getConstructor().newInstance(); // e.g. SessionAffinityConfig
      }
      setter.invoke(object, value);
    }
    type.getMethod("setAdditionalProperty", String.class, Object.class).invoke(object, "x-extra", "1");
    return object;
  }

  @Test
  void theCopyBeforeDefaultingHasEveryFieldAndLeavesTheServiceAsItWas() throws ReflectiveOperationException {
    ServiceSpec spec = filled(ServiceSpec.class);
    assertEquals(spec, ServiceDefaults.copy(spec), "a ServiceSpec field the copy leaves out");
    io.fabric8.kubernetes.api.model.ServicePort port = filled(io.fabric8.kubernetes.api.model.ServicePort.class);
    assertEquals(port, ServiceDefaults.copy(port), "a ServicePort field the copy leaves out");
    Service service = web(s -> spec(s).getPorts().get(0).setProtocol(null));
    Service before = new ServiceBuilder(service).build();
    Service defaulted = ServiceDefaults.apply(service);
    assertEquals(before, service, "defaulting changed its argument");
    assertEquals("TCP", defaulted.getSpec().getPorts().get(0).getProtocol());
  }
}
