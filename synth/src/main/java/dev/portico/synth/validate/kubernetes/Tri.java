package dev.portico.synth.validate.kubernetes;

/** Three-valued logic for questions the input may not answer: does a selector pick pods whose labels are known in part? */
enum Tri {
  TRUE, FALSE, UNKNOWN;

  static Tri of(boolean value) {
    return value ? TRUE : FALSE;
  }

  Tri and(Tri other) {
    if (this == FALSE || other == FALSE) {
      return FALSE;
    }
    return this == TRUE && other == TRUE ? TRUE : UNKNOWN;
  }

  Tri or(Tri other) {
    if (this == TRUE || other == TRUE) {
      return TRUE;
    }
    return this == FALSE && other == FALSE ? FALSE : UNKNOWN;
  }
}
