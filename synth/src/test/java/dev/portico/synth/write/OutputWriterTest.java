package dev.portico.synth.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.synth.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputWriterTest {
  private static final List<String> SCOPES = List.of("s/e/", "s/e.yaml");

  @TempDir
  Path out;

  @Test
  void aFolderInTheWayChangesNothing() throws Exception {
    OutputWriter.write(out, List.of(new OutputFile("s/e/a.yaml", "a: 1\n")), SCOPES);
    Files.createDirectories(out.resolve("s/e/b.yaml"));
    UsageException error = assertThrows(UsageException.class, () -> OutputWriter.write(out,
        List.of(new OutputFile("s/e/a.yaml", "a: 2\n"), new OutputFile("s/e/b.yaml", "b: 1\n")), SCOPES));
    assertTrue(error.getMessage().contains("b.yaml"), error.getMessage());
    assertEquals("a: 1\n", Files.readString(out.resolve("s/e/a.yaml")), "nothing was changed");
    try (var files = Files.list(out)) {
      assertFalse(files.anyMatch(p -> p.getFileName().toString().startsWith(".portico-staging-")));
    }
  }

  @Test
  void aFileWhereAFolderBelongsChangesNothing() throws Exception {
    Files.writeString(out.resolve("s"), "mine\n");
    assertThrows(UsageException.class,
        () -> OutputWriter.write(out, List.of(new OutputFile("s/e/a.yaml", "a: 1\n")), SCOPES));
    assertEquals("mine\n", Files.readString(out.resolve("s")));
  }

  @Test
  void unchangedFilesAreNotRewrittenAndStaleOnesArePruned() throws Exception {
    OutputWriter.Result first = OutputWriter.write(out,
        List.of(new OutputFile("s/e/a.yaml", "a\n"), new OutputFile("s/e/b.yaml", "b\n")), SCOPES);
    assertEquals(new OutputWriter.Result(2, 0, 0), first);
    Files.writeString(out.resolve("s/e/mine.yaml"), "user\n");
    OutputWriter.Result second = OutputWriter.write(out, List.of(new OutputFile("s/e/a.yaml", "a\n")), SCOPES);
    assertEquals(new OutputWriter.Result(0, 1, 1), second);
    assertFalse(Files.exists(out.resolve("s/e/b.yaml")));
    assertTrue(Files.exists(out.resolve("s/e/mine.yaml")), "a user's file survives");
  }
}
