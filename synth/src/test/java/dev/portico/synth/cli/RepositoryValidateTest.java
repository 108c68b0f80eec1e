package dev.portico.synth.cli;

import static dev.portico.synth.cli.CliTest.assertExit;
import static dev.portico.synth.cli.CliTest.run;
import static dev.portico.synth.cli.CliTest.runWithStdin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.synth.cli.CliTest.Run;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code portico validate} on a whole GitOps repository in one pass (issue 12, point 4): a Kustomize
 * layout ({@code repos/shop}: a base, a staging overlay with a strategic-merge patch, a prod overlay
 * with another Ingress, a strategic-merge patch of a Deployment and a JSON 6902 patch) and Helm output
 * on standard input. Kustomization files are not objects, patches are checked as patches, an overlay's
 * cluster is its build (its base included), standard input is one cluster, and {@code --summary} says
 * what each file held and which clusters it is in.
 */
class RepositoryValidateTest {
  @TempDir
  Path tmp;

  /** A copy of {@code repos/shop} in a temporary folder, to change for one test. */
  Path repo;

  static Path fixture() {
    Path relative = Path.of("src/test/resources/repos/shop");
    return Files.isDirectory(relative) ? relative : Path.of("synth").resolve(relative);
  }

  @BeforeEach
  void copy() throws IOException {
    repo = tmp.resolve("shop");
    try (Stream<Path> files = Files.walk(fixture())) {
      for (Path file : files.toList()) {
        Path target = repo.resolve(fixture().relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
  }

  Path write(String name, String text) {
    try {
      Path file = repo.resolve(name);
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String file(String name) {
    return repo.resolve(name).toString();
  }

  static List<String> lines(String text) {
    return text.lines().toList();
  }

  @Nested
  class Kustomize {
    /**
     * Before: the kustomization was "kind is required", the JSON patch "must be a map", the node-port
     * patch a Service without a port number. Now: no finding but the Deployment's not-checked warning.
     */
    @Test
    void aBaseTwoOverlaysAndTheirPatchesAreCleanInOnePass() {
      Run run = run("validate", fixture().toString());

      assertExit(0, run);
      assertEquals(List.of(fixture().resolve("base/deployment.yaml") + ":1: warning: Deployment/shop/web: apps/v1 "
          + "Deployment is not checked by this version of Portico (its pod labels and ports are used to check "
          + "Services) [validate.not-checked]"), lines(run.out()));
      assertTrue(run.err().contains("portico validate: 10 documents, 3 objects checked, 3 patches checked as patches; "
          + "0 errors, 1 warning ("), run::toString);
    }

    @Test
    void theSummarySaysWhatEachFileIsAndWhichBuildsHoldIt() {
      Run run = run("validate", "--summary", "--ignore", "validate.not-checked", repo.toString());

      assertExit(0, run);
      assertEquals("", run.out());
      String prod = repo.resolve("overlays/prod").toString();
      String staging = repo.resolve("overlays/staging").toString();
      List<String> err = lines(run.err());
      assertEquals(List.of("summary by file:",
          "  " + file("base/deployment.yaml") + ": 1 document; 0 errors, 0 warnings, 1 ignored; in the build of " + prod
              + ", " + staging,
          "  " + file("base/ingress.yaml") + ": 1 document, 1 object; 0 errors, 0 warnings, 0 ignored; in the build of "
              + prod + ", " + staging,
          "  " + file("base/kustomization.yaml") + ": 1 document; 0 errors, 0 warnings, 0 ignored; kustomization: 3 "
              + "files, 0 bases and components, 0 patches",
          "  " + file("base/service.yaml") + ": 1 document, 1 object; 0 errors, 0 warnings, 0 ignored; in the build of "
              + prod + ", " + staging,
          "  " + file("overlays/prod/ingress-api.yaml") + ": 1 document, 1 object; 0 errors, 0 warnings, 0 ignored; in "
              + "the build of " + prod,
          "  " + file("overlays/prod/ingress-host.yaml") + ": 1 document, 1 patch; 0 errors, 0 warnings, 0 ignored; JSON "
              + "6902 patch: its operations checked; the other rules need the patched object (kustomize build " + prod
              + " | portico validate -)",
          "  " + file("overlays/prod/kustomization.yaml") + ": 1 document; 0 errors, 0 warnings, 0 ignored; "
              + "kustomization: 1 file, 1 base or component, 2 patches",
          "  " + file("overlays/prod/replicas.yaml") + ": 1 document, 1 patch; 0 errors, 0 warnings, 0 ignored; "
              + "Kustomize patch: field names and types checked as a patch; the other rules need the patched object "
              + "(kustomize build " + prod + " | portico validate -)",
          "  " + file("overlays/staging/kustomization.yaml") + ": 1 document; 0 errors, 0 warnings, 0 ignored; "
              + "kustomization: 0 files, 1 base or component, 1 patch",
          "  " + file("overlays/staging/service-nodeport.yaml") + ": 1 document, 1 patch; 0 errors, 0 warnings, 0 "
              + "ignored; Kustomize patch: field names and types checked as a patch; the other rules need the patched "
              + "object (kustomize build " + staging + " | portico validate -)",
          "ignored:",
          "  --ignore validate.not-checked: 1 warning"), err.subList(0, err.size() - 1));
      assertTrue(err.get(err.size() - 1).startsWith("portico validate: 10 documents, 3 objects checked, 3 patches "
          + "checked as patches; 0 errors, 0 warnings, 1 ignored ("), run::toString);
    }

    /** An overlay named alone is its build: the base it includes is read from beside it. */
    @Test
    void anOverlayAloneReadsItsBase() {
      write("base/service.yaml", read("base/service.yaml").replace("name: http\n    port: 80", "name: HTTP\n    port: 80"));

      Run run = run("validate", "--ignore", "validate.not-checked", file("overlays/prod"));

      assertExit(1, run);
      assertEquals(List.of(file("base/service.yaml") + ":10: error: Service/shop/web: spec.ports[0].name: \"HTTP\" must "
          + "be a DNS-1123 label (lowercase letters, digits, '-'; starting and ending with a letter or digit); try "
          + "\"http\" [service.port-name]",
          // the overlay's Ingress names the port by its old name: the base's Service is found, beside the overlay
          file("overlays/prod/ingress-api.yaml") + ":22: error: Ingress/shop/api: spec.rules[0].http.paths[0].backend"
              + ".service.port.name: \"http\" is not a port of Service \"web\"; it has [HTTP=80] [http.backend-port]"),
          lines(run.out()));
      assertTrue(run.err().contains("8 documents, 3 objects checked, 2 patches checked as patches;"), run::toString);
    }

    /** kustomize build fails on a resource that is already in the build: so does the overlay's cluster. */
    @Test
    void anOverlayRedeclaringItsBasesObjectIsADuplicateInThatBuildOnly() {
      write("overlays/prod/service.yaml", read("base/service.yaml"));
      write("overlays/prod/kustomization.yaml", read("overlays/prod/kustomization.yaml")
          .replace("- ingress-api.yaml\n", "- ingress-api.yaml\n- service.yaml\n"));

      Run run = run("validate", "--ignore", "validate.not-checked", repo.toString());

      assertExit(1, run);
      assertEquals(List.of(file("overlays/prod/service.yaml") + ":4: error: Service/shop/web: metadata.name: "
          + "Service/shop/web is declared twice; the first is at " + file("base/service.yaml") + ":4 (names are unique "
          + "per kind and namespace) [resource.duplicate]"), lines(run.out()));
    }

    /** Two owners of one host and path in prod's build (base and overlay); staging's build has one. */
    @Test
    void aHostAndPathClaimedByTheBaseAndAnOverlayConflictInThatBuild() {
      write("overlays/prod/ingress-api.yaml", read("overlays/prod/ingress-api.yaml")
          .replace("api.shop.example.com", "shop.example.com"));

      Run run = run("validate", "--ignore", "validate.not-checked", repo.toString());

      assertExit(1, run);
      List<String> out = lines(run.out());
      assertEquals(1, out.size(), run::toString);
      assertEquals(file("overlays/prod/ingress-api.yaml") + ":16: error: Ingress/shop/api: "
          + "spec.rules[0].http.paths[0].path: host \"shop.example.com\" and Prefix path \"/\" is already claimed by "
          + "Ingress/shop/web (" + file("base/ingress.yaml") + ":16); the controller would pick one of them: give each "
          + "host and path one owner [http.host-path-conflict]", out.get(0));
    }

    @Test
    void aListedFileThatDoesNotExistIsAnError() {
      write("overlays/staging/kustomization.yaml", read("overlays/staging/kustomization.yaml")
          .replace("- ../../base\n", "- ../../base\n- ingress-staging.yaml\n- ../../components/auth\n"));

      Run run = run("validate", "--ignore", "validate.not-checked", repo.toString());

      assertExit(1, run);
      String kustomization = file("overlays/staging/kustomization.yaml");
      assertEquals(List.of(
          kustomization + ":5: error: " + kustomization + ": resources[1]: \"ingress-staging.yaml\" does not exist "
              + "(resolved from " + repo.resolve("overlays/staging") + "); kustomize build fails on it: fix the path or "
              + "remove the entry [kustomize.missing]",
          kustomization + ":6: error: " + kustomization + ": resources[2]: \"../../components/auth\" does not exist "
              + "(resolved from " + repo.resolve("overlays/staging") + "); kustomize build fails on it: fix the path or "
              + "remove the entry [kustomize.missing]"), lines(run.out()));
    }

    @Test
    void aStrategicMergePatchOfNoObjectOfItsBuildIsAWarning() {
      write("overlays/staging/service-nodeport.yaml", read("overlays/staging/service-nodeport.yaml")
          .replace("name: web", "name: webb"));

      Run run = run("validate", "--ignore", "validate.not-checked", repo.toString());

      assertExit(0, run);
      assertEquals(List.of(file("overlays/staging/service-nodeport.yaml") + ":5: warning: Service/shop/webb: "
          + "metadata.name: \"webb\": no Service of that name in namespace \"shop\" is in the build of "
          + file("overlays/staging/kustomization.yaml") + " as written, so kustomize build fails (\"failed to find unique "
          + "target for patch\"); check the kind, name and namespace against the resources it patches "
          + "[kustomize.patch-target]"), lines(run.out()));
    }

    /** Near misses: a patch with a target: names its objects there; a build with a remote base holds unseen objects. */
    @Test
    void aPatchWithATargetOrInABuildPorticoCannotSeeWholeIsNotMatchedByName() {
      write("overlays/staging/service-nodeport.yaml", read("overlays/staging/service-nodeport.yaml")
          .replace("name: web", "name: webb"));
      write("overlays/staging/kustomization.yaml", read("overlays/staging/kustomization.yaml")
          .replace("- path: service-nodeport.yaml\n", "- path: service-nodeport.yaml\n  target:\n    kind: Service\n"));
      assertExit(0, run("validate", "--ignore", "validate.not-checked", repo.toString()));
      assertEquals("", run("validate", "--ignore", "validate.not-checked", repo.toString()).out());

      write("overlays/staging/kustomization.yaml", read("overlays/staging/kustomization.yaml")
          .replace("  target:\n    kind: Service\n", "")
          .replace("- ../../base\n", "- ../../base\n- github.com/example/shop-extras//base?ref=v1.2.0\n"));
      Run remote = run("validate", "--summary", "--ignore", "validate.not-checked", repo.toString());
      assertEquals("", remote.out());
      assertTrue(remote.err().contains("kustomization: 0 files, 1 base or component, 1 patch; not read: remote "
          + "resource github.com/example/shop-extras//base?ref=v1.2.0"), remote::toString);
    }

    @Test
    void aPatchIsCheckedForFieldNamesAndTypesWithItsDirectives() {
      write("overlays/staging/service-nodeport.yaml", read("overlays/staging/service-nodeport.yaml")
          .replace("    nodePort: 30080\n", "    nodeport: 30080\n  - name: metrics\n    $patch: delete\n"
              + "  sessionAffinity: 5\n"));

      Run run = run("validate", "--ignore", "validate.not-checked", repo.toString());

      assertExit(1, run);
      String patch = file("overlays/staging/service-nodeport.yaml");
      assertEquals(List.of(
          patch + ":11: error: Service/shop/web: spec.ports[0].nodeport: unknown field \"nodeport\"; did you mean "
              + "\"nodePort\"?; known fields here: appProtocol, name, nodePort, port, protocol, targetPort "
              + "[schema.unknown-field]",
          patch + ":14: error: Service/shop/web: spec.sessionAffinity: the number 5 must be a string; quote it: \"5\" "
              + "[schema.type]"), lines(run.out()));
    }

    @Test
    void aJsonPatchIsCheckedAsRfc6902Operations() {
      write("overlays/prod/ingress-host.yaml", """
          - op: Replace
            path: /spec/rules/0/host
            value: www.shop.example.com
          - op: replace
            path: spec.tls
            value: []
          - op: add
            path: /metadata/annotations/example.com~2owner
            value: shop
          - op: move
            path: /spec/defaultBackend
          - op: remove
            path: /spec/ingressClassName
          - op: test
            path: /metadata/name
          """);

      Run run = run("validate", "--ignore", "validate.not-checked", repo.toString());

      assertExit(1, run);
      String patch = file("overlays/prod/ingress-host.yaml");
      assertEquals(List.of(
          patch + ":1: error: " + patch + ": [0].op: \"Replace\" is not an operation; use add, remove, replace, move, "
              + "copy or test (RFC 6902, case-sensitive) [kustomize.json-patch]",
          patch + ":5: error: " + patch + ": [1].path: \"spec.tls\" is not a JSON pointer: it starts with '/', e.g. "
              + "\"/spec/tls\" (RFC 6901) [kustomize.json-patch]",
          patch + ":8: error: " + patch + ": [2].path: \"/metadata/annotations/example.com~2owner\": '~' is written ~0 "
              + "and '/' in a key ~1 (RFC 6901), e.g. /metadata/annotations/example.com~1owner [kustomize.json-patch]",
          patch + ":10: error: " + patch + ": [3]: a move operation needs from, a JSON pointer such as /spec/ports/0/port "
              + "(RFC 6902) [kustomize.json-patch]",
          patch + ":14: error: " + patch + ": [5]: a test operation needs a value (RFC 6902) [kustomize.json-patch]"),
          lines(run.out()));
    }

    /** kustomize build leaves out a file its folder's kustomization does not list: it is a cluster of its own. */
    @Test
    void aFileNoKustomizationListsIsCheckedOnItsOwnAndTheSummarySaysSo() {
      write("base/service-old.yaml", read("base/service.yaml"));

      Run run = run("validate", "--summary", "--ignore", "validate.not-checked", repo.toString());

      assertExit(0, run);
      assertEquals("", run.out()); // not a duplicate of base/service.yaml: never in one build with it
      assertTrue(run.err().contains("  " + file("base/service-old.yaml") + ": 1 document, 1 object; 0 errors, 0 "
          + "warnings, 0 ignored; not listed by " + file("base/kustomization.yaml") + " (kustomize build leaves it out): "
          + "a cluster of its own\n"), run::toString);
    }

    String read(String name) {
      try {
        return Files.readString(repo.resolve(name));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Nested
  class Helm {
    /** What helm template prints: # Source: comments, a template that renders nothing, --- separators. */
    static final String STREAM = """
        ---
        # Source: shop/templates/serviceaccount.yaml
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: shop-web
        ---
        # Source: shop/templates/hpa.yaml
        ---
        # Source: shop/templates/service.yaml
        apiVersion: v1
        kind: Service
        metadata:
          name: shop-web
          labels:
            helm.sh/chart: shop-0.1.0
        spec:
          type: ClusterIP
          ports:
            - port: 80
              targetPort: Http
              protocol: TCP
              name: http
          selector:
            app.kubernetes.io/name: shop
        ---
        # Source: shop/templates/ingress.yaml
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop-web
        spec:
          tls:
            - hosts: ["shop.example.com"]
              secretName: shop-tls
          rules:
            - host: "shop.example.com"
              http:
                paths:
                  - path: /
                    pathType: ImplementationSpecific
                    backend:
                      service:
                        name: shop-web
                        port:
                          number: 80
        """;

    @Test
    void helmTemplateOutputIsOneClusterWithASummaryPerTemplate() {
      Run run = runWithStdin(STREAM, "validate", "--summary", "-");

      assertExit(1, run);
      assertEquals(List.of("<stdin>:21: error: Service/shop-web: spec.ports[0].targetPort: \"Http\" must contain only "
          + "lowercase letters, digits and '-' (an IANA service name); try \"http\" [service.target-port]"),
          lines(run.out()));
      assertEquals(List.of("summary by file:",
          "  <stdin> # Source: shop/templates/serviceaccount.yaml (line 2): 1 document, 1 object; 0 errors, 0 warnings, "
              + "0 ignored",
          "  <stdin> # Source: shop/templates/hpa.yaml (line 8): 0 documents; 0 errors, 0 warnings, 0 ignored",
          "  <stdin> # Source: shop/templates/service.yaml (line 10): 1 document, 1 object; 1 error, 0 warnings, 0 "
              + "ignored",
          "  <stdin> # Source: shop/templates/ingress.yaml (line 27): 1 document, 1 object; 0 errors, 0 warnings, 0 "
              + "ignored"), lines(run.err()).subList(0, 5));
      assertTrue(run.err().contains("portico validate: 3 documents, 3 objects checked; 1 error, 0 warnings ("),
          run::toString);
    }
  }
}
