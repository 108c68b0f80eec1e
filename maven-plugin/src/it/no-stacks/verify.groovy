// no stack: the build fails saying how stacks are registered
def log = new File(basedir, 'build.log').getText('UTF-8')

assert log.contains('portico: no stacks are registered on the class path')
assert log.contains('registered by annotating it @PorticoStack and compiling with dev.portico:portico-processor in the maven-compiler-plugin\'s annotationProcessorPaths')
assert log.contains('META-INF/services/dev.portico.dsl.StackDefinition')
assert !new File(basedir, 'deploy').exists()
return true
