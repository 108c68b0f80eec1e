package dev.portico.dsl;

/**
 * Where an HTTP path sends its requests: one {@link Backend}, or a {@link Split} between several
 * by weight (a canary). Declare a split once and use it on as many paths as need it.
 */
public sealed interface Route permits Backend, Split {}
