// mvn portico:synth wrote deploy/, byte for byte what the CLI jar writes for the same classes;
// mvn verify ran the one-line golden test and portico:check on it; routes, validate and help work.
import java.nio.file.Files
import java.nio.file.Path

def log = new File(basedir, 'build.log').getText('UTF-8')
def deploy = basedir.toPath().resolve('deploy')

assert Files.readString(deploy.resolve('shop/staging/service-web.yaml')) == '''\
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  ports:
  - name: http
    port: 80
    protocol: TCP
    targetPort: http
  selector:
    app.kubernetes.io/name: web
'''
assert Files.isRegularFile(deploy.resolve('shop/prod/service-web-public.yaml'))
assert !Files.exists(deploy.resolve('shop/staging/service-web-public.yaml'))

// the CLI jar over the same classes writes the same bytes
def dsl = new File(localRepositoryPath, "dev/portico/portico-dsl/${porticoVersion}/portico-dsl-${porticoVersion}.jar")
def java = new File(System.getProperty('java.home'), 'bin/java').path
def cli = new ProcessBuilder(java, '-jar', cliJar, 'synth',
    '--classpath', new File(basedir, 'target/classes').path + File.pathSeparator + dsl.path, '--out', 'target/cli-out')
    .directory(basedir).redirectErrorStream(true).start()
def cliLog = cli.inputStream.getText('UTF-8')
assert cli.waitFor() == 0 : cliLog
def files = { Path root -> Files.walk(root).filter { Files.isRegularFile(it) }.collect { root.relativize(it).toString() }.sort() }
def cliOut = basedir.toPath().resolve('target/cli-out')
assert files(deploy) == files(cliOut)
assert files(deploy).size() == 6 : files(deploy)  // 2 + 3 files, a kustomization.yaml each side, and .portico-files
files(deploy).each { assert Arrays.equals(Files.readAllBytes(deploy.resolve(it)), Files.readAllBytes(cliOut.resolve(it))) : it }

// mvn verify: the golden test ran (surefire 3.5.4 runs JUnit 5) and check found deploy/ current
assert log.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0')
assert log =~ /portico synth --check: 1 stack, 2 environments, 3 resources; 0 errors, 0 warnings; .*deploy is up to date/
def sarif = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/portico.sarif'))
assert sarif.version == '2.1.0'
assert sarif.runs[0].tool.driver.name == 'Portico'
assert sarif.runs[0].results == []

// the user properties: one stack, one environment, a parameter, one file
def one = basedir.toPath().resolve('target/one')
assert files(one) == ['.portico-files', 'shop/prod.yaml']
def prodYaml = Files.readString(one.resolve('shop/prod.yaml'))
assert prodYaml.contains('name: web\n') && !prodYaml.contains('web-public')
def routes = new File(basedir, 'target/routes.md').getText('UTF-8')
assert routes.contains('```mermaid') && routes.contains('**shop / prod**') && !routes.contains('staging')
assert log =~ /portico validate: 5 documents, 3 objects checked; 0 errors/
assert log.contains('portico.out') && log.contains('portico:synth')
return true
