package dev.portico.synth.write;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * The list of files Portico wrote into an output folder ({@value #FILE_NAME}), so that it prunes
 * only its own files: anything else a user puts there survives. The list is read strictly: a
 * list that is not exactly what Portico writes (a folder, a link, bytes that are not UTF-8, a NUL,
 * a line that is not a plain relative path) is reported with what to do, and nothing is pruned.
 */
final class Manifest {
  static final String FILE_NAME = ".portico-files";
  static final String HEADER = "# Files written by portico synth; it removes only these. Do not edit.";

  private Manifest() {}

  /**
   * The paths Portico wrote last time; empty when there is no list.
   *
   * @throws OutputException when the list is not one Portico wrote (nothing has been changed)
   */
  static Set<String> read(Path outDir) throws IOException {
    Path file = outDir.resolve(FILE_NAME);
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return new TreeSet<>();
    }
    if (!attributes.isRegularFile()) {
      throw corrupt(file, "it is " + (attributes.isDirectory() ? "a folder" : attributes.isSymbolicLink()
          ? "a symbolic link" : "not a regular file") + ", not the list of files Portico wrote");
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
    } catch (CharacterCodingException e) {
      throw corrupt(file, "it is not UTF-8 text");
    }
    Set<String> paths = new TreeSet<>();
    int number = 0;
    for (String raw : text.split("\n", -1)) {
      number++;
      String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw; // a checkout with CRLF
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (!isSafe(line)) {
        throw corrupt(file, "line " + number + " is not a relative path inside the folder: "
            + printable(line));
      }
      paths.add(line);
    }
    return paths;
  }

  private static OutputException corrupt(Path file, String why) {
    return new OutputException(file + " is corrupt: " + why + ". Nothing was changed. Delete it and run again;"
        + " Portico then writes a new list, but cannot prune the files the old one named (remove stale ones by"
        + " hand, or empty the folder first)");
  }

  private static String printable(String line) {
    StringBuilder sb = new StringBuilder("\"");
    line.codePoints().limit(200).forEach(c -> {
      if (c < 0x20 || c == 0x7F) {
        sb.append(String.format("\\u%04x", c));
      } else {
        sb.appendCodePoint(c);
      }
    });
    return sb.append(line.length() > 200 ? "...\"" : "\"").toString();
  }

  /** The list's text: the header, then {@code paths}, which must be sorted and distinct, a line each. */
  static String render(Collection<String> paths) {
    int length = HEADER.length() + 1;
    for (String path : paths) {
      length += path.length() + 1;
    }
    StringBuilder sb = new StringBuilder(length).append(HEADER).append('\n');
    for (String path : paths) {
      sb.append(path).append('\n');
    }
    return sb.toString();
  }

  /**
   * Relative, '/'-separated, no empty, '.' or '..' segments, no backslash, colon or control
   * character: a list cannot make Portico touch files outside the folder.
   */
  static boolean isSafe(String path) {
    int segmentStart = 0;
    for (int i = 0; i <= path.length(); i++) {
      char c = i < path.length() ? path.charAt(i) : '/';
      if (c == '/') {
        int length = i - segmentStart;
        if (length == 0 || length <= 2 && path.charAt(segmentStart) == '.'
            && (length == 1 || path.charAt(segmentStart + 1) == '.')) {
          return false; // an empty (also a leading '/'), '.' or '..' segment
        }
        segmentStart = i + 1;
      } else if (c == '\\' || c == ':' || c < 0x20 || c == 0x7F) {
        return false;
      }
    }
    return true;
  }
}
