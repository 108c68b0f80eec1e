/**
 * The shop's apps, as their own code declares them with {@code @PorticoApp} and
 * {@code @Listens}; the annotation processor generates {@code WebApp}, {@code ApiApp} and
 * {@code CartStoreApp}, which {@link dev.portico.examples.ShopStack} uses.
 */
package dev.portico.examples.shop;
