/**
 * The apps of {@link dev.portico.examples.MeshShopStack}, as their own code declares them: the
 * processor generates {@code WebApp} and {@code OrdersApp} (with its versions).
 */
package dev.portico.examples.meshshop;
