// the stack compiled but was never registered: the build fails saying the processor did not run, and how to fix it
def log = new File(basedir, 'build.log').getText('UTF-8')

assert log.contains('com.example.orders.OrdersStack (in ')
assert log.contains('carry @PorticoStack: the annotation processor did not run')
assert log.contains('Add dev.portico:portico-processor to the maven-compiler-plugin\'s annotationProcessorPaths (needed on every JDK)')
assert !new File(basedir, 'deploy').exists()
return true
