/**
 * JMH benchmarks of Portico's pipeline on the {@code fleet} example stack ({@code apps} apps, each
 * with a Service and an Ingress: two resources an app): one class per phase ({@link
 * dev.portico.bench.DefineBenchmark define}, {@link dev.portico.bench.EmitBenchmark emit}, {@link
 * dev.portico.bench.ValidateBenchmark validate}, {@link dev.portico.bench.RenderBenchmark render},
 * {@link dev.portico.bench.WriteBenchmark write}) and {@link dev.portico.bench.PipelineBenchmark}
 * for the whole pipeline in memory. One JMH operation is one pass over the whole fleet; {@link
 * dev.portico.bench.BenchMain} converts operations per second into resources per second.
 */
package dev.portico.bench;
