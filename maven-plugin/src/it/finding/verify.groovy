// the finding is in the log as the CLI prints it, at the user's file and line; SARIF and GitHub
// annotations name the source file from the project folder; nothing was written.
def log = new File(basedir, 'build.log').getText('UTF-8')
def source = 'src/main/java/com/example/finding/FindingStack.java'
def line = new File(basedir, source).readLines().findIndexOf { it.contains('named("HTTP")') } + 1
assert line > 0

assert log.contains("[ERROR] FindingStack.java:${line}: error: Service/finding/web: spec.ports[0].name: \"HTTP\" must be a DNS-1123 label")
assert log.contains('[service.port-name]')
assert log =~ /portico synth: 1 stack, 1 environment, 1 resource; 1 error, 0 warnings; nothing written/

def sarif = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/portico.sarif'))
def result = sarif.runs[0].results[0]
assert result.ruleId == 'service.port-name'
assert result.level == 'error'
assert result.locations[0].physicalLocation.artifactLocation.uri == source
assert result.locations[0].physicalLocation.region.startLine == line

assert log.contains("::error file=${source},line=${line},title=service.port-name::Service/finding/web: spec.ports[0].name:")
assert !new File(basedir, 'deploy').exists()

// validate: a warning is printed as a warning and passes, unless failOnWarning
assert log.contains('[WARNING] k8s/widget.yaml:1: warning: Widget/w: example.com/v1 Widget is not checked by this version of Portico [validate.not-checked]')
assert log =~ /\[INFO\] portico validate: 1 document, 0 objects checked; 0 errors, 1 warning/
assert log =~ /portico validate: 1 document, 0 objects checked; 0 errors, 1 warning \(.*\) \(failOnWarning\)/
return true
