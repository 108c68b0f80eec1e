/**
 * The Maven goals ({@code portico:synth}, {@code check}, {@code validate}, {@code routes}; {@code help}
 * is generated): thin adapters over the library calls of {@link dev.portico.synth.run}, which the
 * {@code portico} CLI makes too. They load the project's compiled classes and runtime dependencies
 * with {@link dev.portico.synth.run.ProjectClasses}, print findings exactly as the CLI prints them,
 * and fail the build with a {@code MojoFailureException}.
 */
package dev.portico.maven;
