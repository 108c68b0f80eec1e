import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The floor under the folder layout's extra cost, for {@code bench/run compare}: reads a
 * multi-document YAML file (Portico's one-file output of the fleet), and writes each document as a
 * file of its own into one new folder, {@code OUT/fleet/default/object-NNNNN.yaml}, on two threads a
 * core as Portico stages its files, and does nothing else (no objects, no rendering, no staging
 * folder, no file list). Started with the launcher's JVM flags, its time is what creating the
 * folder layout's files costs any JVM on this file system; prints the file count.
 *
 * <p>{@code javac -d OUT WriteFloor.java}, then {@code java -cp OUT WriteFloor SOURCE.yaml OUT}.
 */
public final class WriteFloor {
  private WriteFloor() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length != 2) {
      System.err.println("usage: java WriteFloor SOURCE.yaml OUT");
      System.exit(2);
    }
    String text = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
    List<byte[]> documents = new ArrayList<>();
    int start = text.startsWith("---\n") ? 4 : 0;
    for (int next = text.indexOf("\n---\n", start); start < text.length();
        next = text.indexOf("\n---\n", start)) {
      int end = next < 0 ? text.length() : next + 1;
      documents.add(text.substring(start, end).getBytes(StandardCharsets.UTF_8));
      start = next < 0 ? text.length() : next + 5;
    }
    Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
      e.printStackTrace();
      Runtime.getRuntime().halt(1);
    });
    String folder = Files.createDirectories(Path.of(args[1], "fleet", "default")).toString();
    int threads = 2 * Runtime.getRuntime().availableProcessors();
    Thread[] writers = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      int from = (int) ((long) documents.size() * t / threads);
      int to = (int) ((long) documents.size() * (t + 1) / threads);
      writers[t] = new Thread(() -> {
        for (int i = from; i < to; i++) {
          String number = Integer.toString(100_000 + i); // object-00000.yaml ..., without String.format's parsing
          try (FileOutputStream out = new FileOutputStream(folder + "/object-" + number.substring(1) + ".yaml")) {
            out.write(documents.get(i));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      });
      writers[t].start();
    }
    for (Thread writer : writers) {
      writer.join();
    }
    System.out.println(documents.size() + " files written");
  }
}
