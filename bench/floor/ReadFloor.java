import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The floor under {@code portico validate DIR} on the JVM, for {@code bench/run compare}: lists the
 * {@code .yaml} and {@code .yml} files below DIR in name order and reads each one's bytes, on every
 * core, and nothing else (no decoding, parsing or rules). Started with the launcher's JVM flags, its
 * time is what any JVM tool spends before it looks at a file's content; prints the file count.
 *
 * <p>{@code javac -d OUT ReadFloor.java}, then {@code java -cp OUT ReadFloor DIR}.
 */
public final class ReadFloor {
  private ReadFloor() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: java ReadFloor DIR");
      System.exit(2);
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(Path.of(args[0]))) {
      files = walk.filter(path -> {
        String name = path.getFileName().toString();
        return (name.endsWith(".yaml") || name.endsWith(".yml")) && Files.isRegularFile(path);
      }).sorted().toList();
    }
    long bytes = files.parallelStream().mapToLong(path -> {
      try {
        return Files.readAllBytes(path).length;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }).sum();
    System.out.println(files.size() + " files, " + bytes + " bytes read");
  }
}
