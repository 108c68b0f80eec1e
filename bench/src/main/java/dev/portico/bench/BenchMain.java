package dev.portico.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the benchmarks like JMH's own {@code org.openjdk.jmh.Main}, taking the same arguments, with
 * two defaults added and one table at the end:
 * <ul>
 *   <li>{@code -prof gc} (allocation per operation) unless a {@code -prof} is given, or
 *       {@code --no-gc} (this runner's only own option);</li>
 *   <li>{@code -rf json -rff FILE} unless {@code -rf} or {@code -rff} is given; FILE is the system
 *       property {@code portico.bench.result}, by default {@code jmh-result.json};</li>
 *   <li>a Markdown table converting each score to resources per second: one operation processes
 *       the whole fleet, {@link Fleet#resourceCount}{@code (apps)} resources (two an app), so
 *       resources/s = ops/s x resources/op, and allocation per resource = {@code gc.alloc.rate.norm}
 *       / resources/op. With {@code -Dportico.bench.summary=FILE} the table is also written to FILE.</li>
 * </ul>
 * {@code -h}, {@code -l}, {@code -lp}, {@code -lprof} and {@code -lrf} are JMH's.
 */
public final class BenchMain {
  private static final String NO_GC = "--no-gc";

  private BenchMain() {}

  public static void main(String[] args) throws IOException, RunnerException {
    boolean gc = !Arrays.asList(args).contains(NO_GC);
    String[] jmhArgs = Arrays.stream(args).filter(arg -> !arg.equals(NO_GC)).toArray(String[]::new);
    CommandLineOptions options;
    try {
      options = new CommandLineOptions(jmhArgs);
    } catch (CommandLineOptionException e) {
      System.err.println("Error parsing command line:");
      System.err.println(" " + e.getMessage());
      System.exit(1);
      return;
    }
    if (options.shouldHelp() || options.shouldList() || options.shouldListWithParams()
        || options.shouldListProfilers() || options.shouldListResultFormats()) {
      org.openjdk.jmh.Main.main(jmhArgs);
      return;
    }
    ChainedOptionsBuilder builder = new OptionsBuilder().parent(options);
    if (gc && options.getProfilers().isEmpty()) {
      builder.addProfiler(GCProfiler.class);
    }
    if (!options.getResultFormat().hasValue() && !options.getResult().hasValue()) {
      builder.resultFormat(ResultFormatType.JSON).result(System.getProperty("portico.bench.result", "jmh-result.json"));
    }
    Collection<RunResult> results = new Runner(builder.build()).run();
    String table = summary(results);
    System.out.println();
    System.out.print(table);
    String summaryFile = System.getProperty("portico.bench.summary");
    if (summaryFile != null && !summaryFile.isEmpty()) {
      Files.writeString(Path.of(summaryFile), table, StandardCharsets.UTF_8);
    }
  }

  /** The results as a Markdown table in resources per second and allocation, sorted by benchmark then size. */
  static String summary(Collection<RunResult> results) {
    Map<Integer, Integer> resourcesPerOp = new HashMap<>();
    List<RunResult> sorted = new ArrayList<>(results);
    sorted.sort(Comparator.comparing((RunResult r) -> shortName(r.getParams().getBenchmark()))
        .thenComparingInt(BenchMain::apps));
    StringBuilder out = new StringBuilder()
        .append("Fleet benchmarks: one op = the whole fleet; resources/s = ops/s x resources/op; ")
        .append("allocation from -prof gc (gc.alloc.rate.norm).\n\n")
        .append("| benchmark | apps | resources/op | ms/op | resources/s | error | alloc MB/op | alloc KB/resource |\n")
        .append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (RunResult result : sorted) {
      int apps = apps(result);
      int resources = apps < 0 ? -1 : resourcesPerOp.computeIfAbsent(apps, BenchMain::resourceCount);
      Result<?> primary = result.getPrimaryResult();
      double opsPerSecond = opsPerSecond(primary.getScore(), primary.getScoreUnit());
      double relativeError = primary.getScoreError() / primary.getScore();
      Double allocPerOp = null;
      for (String secondary : result.getSecondaryResults().keySet()) {
        if (secondary.endsWith("gc.alloc.rate.norm")) {
          allocPerOp = result.getSecondaryResults().get(secondary).getScore();
        }
      }
      out.append("| ").append(shortName(result.getParams().getBenchmark()))
          .append(" | ").append(apps < 0 ? "?" : String.format(Locale.ROOT, "%,d", apps))
          .append(" | ").append(resources < 0 ? "?" : String.format(Locale.ROOT, "%,d", resources))
          .append(" | ").append(format("%,.2f", 1000 / opsPerSecond))
          .append(" | ").append(resources < 0 ? "?" : format("%,.0f", opsPerSecond * resources))
          .append(" | ").append(Double.isFinite(relativeError) ? format("±%.1f%%", 100 * relativeError) : "")
          .append(" | ").append(allocPerOp == null ? "" : format("%,.1f", allocPerOp / 1e6))
          .append(" | ").append(allocPerOp == null || resources <= 0 ? "" : format("%,.1f", allocPerOp / 1024 / resources))
          .append(" |\n");
    }
    return out.toString();
  }

  /** {@link Fleet#resourceCount}, or -1 (shown as "?") when the fleet cannot be synthesized here. */
  private static int resourceCount(int apps) {
    try {
      return Fleet.resourceCount(apps);
    } catch (RuntimeException | LinkageError e) {
      System.err.println("cannot count the resources of " + apps + " apps: " + e);
      return -1;
    }
  }

  private static int apps(RunResult result) {
    String value = result.getParams().getParam("apps");
    return value == null ? -1 : Integer.parseInt(value);
  }

  /** {@code PipelineBenchmark.emitValidateRender}. */
  private static String shortName(String benchmark) {
    String prefix = BenchMain.class.getPackageName() + ".";
    return benchmark.startsWith(prefix) ? benchmark.substring(prefix.length()) : benchmark;
  }

  /** A JMH score in operations per second, from {@code ops/ms}, {@code ms/op} and the like; NaN for other units. */
  static double opsPerSecond(double score, String unit) {
    String[] parts = unit.split("/");
    if (parts.length == 2 && parts[0].equals("ops")) {
      return score / seconds(parts[1]);
    }
    if (parts.length == 2 && parts[1].equals("op")) {
      return 1 / (score * seconds(parts[0]));
    }
    return Double.NaN;
  }

  private static double seconds(String unit) {
    return switch (unit) {
      case "ns" -> 1e-9;
      case "us" -> 1e-6;
      case "ms" -> 1e-3;
      case "s" -> 1;
      case "min" -> 60;
      case "hr" -> 3600;
      default -> Double.NaN;
    };
  }

  private static String format(String pattern, double value) {
    return Double.isFinite(value) ? String.format(Locale.ROOT, pattern, value) : "?";
  }
}
