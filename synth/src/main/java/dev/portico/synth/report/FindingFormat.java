package dev.portico.synth.report;

import java.util.Locale;

/** How findings are printed: {@code --format} of {@code synth} and {@code validate}, {@code format} of the Maven goals. */
public enum FindingFormat {
  /** One line a finding, {@code FILE:LINE: error: KIND/NAME: FIELD.PATH: MESSAGE [RULE-ID]}: for people. */
  TEXT,
  /** One JSON array of findings with the fields of the text line: for scripts. */
  JSON,
  /** A SARIF 2.1.0 log: for GitHub code scanning and other SARIF viewers. */
  SARIF,
  /** GitHub Actions workflow commands ({@code ::error file=F,line=L,title=RULE-ID::MESSAGE}): annotations on a pull request. */
  GITHUB;

  /** The format named {@code name} ({@code text}, {@code json}, {@code sarif} or {@code github}, any case). */
  public static FindingFormat of(String name) {
    for (FindingFormat format : values()) {
      if (format.name().equalsIgnoreCase(name.trim())) {
        return format;
      }
    }
    throw new IllegalArgumentException("unknown format \"" + name + "\"; use text, json, sarif or github");
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
