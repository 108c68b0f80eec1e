// portico:check, bound to verify, failed on the edited file with a unified diff and said how to fix it; it wrote nothing.
def log = new File(basedir, 'build.log').getText('UTF-8')

assert log.contains('--- a/drift/default/service-web.yaml')
assert log.contains('+++ b/drift/default/service-web.yaml')
assert log.contains('-    port: 81')
assert log.contains('+    port: 80')
assert log =~ /portico synth --check: 1 stack, 1 environment, 1 resource; 0 errors, 0 warnings; 1 file differs from .*deploy \(.*\); run mvn portico:synth and commit the result/
assert log.contains('BUILD FAILURE')
assert new File(basedir, 'deploy/drift/default/service-web.yaml').getText('UTF-8').contains('port: 81')
assert !new File(basedir, 'deploy/.portico-files').exists()
return true
