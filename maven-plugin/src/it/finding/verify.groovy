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
// portico.ignore and portico.summary: the warning is ignored, counted and listed, and failOnWarning passes
assert log.contains('[INFO] summary by file:')
assert log.contains('[INFO]   k8s/widget.yaml: 1 document; 0 errors, 0 warnings, 1 ignored')
assert log.contains('[INFO]   --ignore validate.not-checked: 1 warning')
assert log =~ /\[INFO\] portico validate: 1 document, 0 objects checked; 0 errors, 0 warnings, 1 ignored/
assert log.contains('portico: portico.ignore validate.not-chekced: "validate.not-chekced" is not a Portico rule id; did you mean validate.not-checked?')

// portico.nodePortRange: the node port is checked against the range given; a bad range is refused
assert log.contains('[ERROR] k8s-ports/service.yaml:11: error: Service/finding/web: spec.ports[0].nodePort: 30080 is outside the node port range 31000-32767 (the range given)')
assert log.contains('portico: portico.nodePortRange "32767-30000" ends below where it starts: write the lower port first, e.g. 30000-32767')

// synth: portico.ignore silences warnings only; the error is still reported and nothing is written
assert log =~ /portico synth: 1 stack, 1 environment, 1 resource; 1 error, 0 warnings, 0 ignored \(1 error of ignored rules reported: --ignore silences warnings only in synth\); nothing written/
return true
