package dev.portico.synth.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.synth.render.YamlRenderer;
import io.fabric8.istio.api.networking.v1.VirtualService;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shape check on Istio's oneOf fields, which the model holds as unwrapped interfaces. */
class SchemaCheckTest {
  private static List<String> check(String yaml) throws Exception {
    JsonNode node = YamlRenderer.mapper().readTree(yaml);
    List<String> problems = new ArrayList<>();
    new SchemaCheck(YamlRenderer.mapper()).check(node, VirtualService.class,
        (rule, path, message) -> problems.add(rule + " " + path + ": " + message));
    return problems;
  }

  private static final String HEAD = "apiVersion: networking.istio.io/v1\nkind: VirtualService\n"
      + "metadata: {name: r, namespace: b}\nspec:\n  hosts: [reviews]\n  http:\n";

  @Test
  void eachAlternativeOfAOneOfIsAKnownField() throws Exception {
    assertEquals(List.of(), check(HEAD + "  - match: [{uri: {prefix: /v1}}, {uri: {exact: /x}}, {uri: {regex: a.*}}]\n"
        + "    fault: {delay: {fixedDelay: 5s, percentage: {value: 10}}}\n"
        + "    route: [{destination: {host: reviews}}]\n"));
  }

  @Test
  void aMisspeltAlternativeListsTheAlternatives() throws Exception {
    assertEquals(List.of("schema.unknown-field spec.http[0].match[0].uri.prefx: unknown field \"prefx\"; "
            + "known fields here: exact, prefix, regex"),
        check(HEAD + "  - match: [{uri: {prefx: /v1}}]\n    route: [{destination: {host: reviews}}]\n"));
  }

  @Test
  void twoAlternativesAtOnceAreRejected() throws Exception {
    assertEquals(List.of("schema.one-of spec.http[0].match[0].uri.prefix: only one of exact, prefix, regex may be "
            + "set here; found exact and prefix"),
        check(HEAD + "  - match: [{uri: {prefix: /v1, exact: /v1}}]\n    route: [{destination: {host: reviews}}]\n"));
  }

  @Test
  void enumsAreCaseSensitiveAndClosed() throws Exception {
    JsonNode node = YamlRenderer.mapper().readTree("apiVersion: security.istio.io/v1\nkind: PeerAuthentication\n"
        + "metadata: {name: a, namespace: b}\nspec: {mtls: {mode: strict}}\n");
    List<String> problems = new ArrayList<>();
    new SchemaCheck(YamlRenderer.mapper()).check(node, io.fabric8.istio.api.security.v1.PeerAuthentication.class,
        (rule, path, message) -> problems.add(rule + " " + path + ": " + message));
    assertEquals(List.of("schema.enum spec.mtls.mode: \"strict\" is not supported; use DISABLE, PERMISSIVE, STRICT, "
        + "UNSET (case-sensitive); try \"STRICT\""), problems);
    List<String> none = new ArrayList<>();
    new SchemaCheck(YamlRenderer.mapper()).check(YamlRenderer.mapper().readTree("spec: {mtls: {mode: STRICT}}"),
        io.fabric8.istio.api.security.v1.PeerAuthentication.class, (rule, path, message) -> none.add(message));
    assertEquals(List.of(), none);
  }
}
