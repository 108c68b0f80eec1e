/**
 * What each command does, as library calls that the {@code portico} CLI and the Maven plugin's
 * goals both make, so the two behave alike: {@link dev.portico.synth.run.SynthRun} (synth and
 * {@code --check}), {@link dev.portico.synth.run.ValidateRun}, {@link dev.portico.synth.run.RoutesRun},
 * and {@link dev.portico.synth.run.ProjectClasses}, which loads a project's stacks from its classes.
 * They return what happened (findings, diffs, a one-line summary, an exit code) and print nothing:
 * the caller prints, through {@link dev.portico.synth.report.FindingReport}.
 */
package dev.portico.synth.run;
