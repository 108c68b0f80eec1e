package dev.portico.processor;

import java.util.List;
import java.util.Map;
import javax.lang.model.element.TypeElement;

/**
 * An app that passed validation, ready to generate.
 *
 * @param source the annotated type
 * @param packageName its package
 * @param handleName the generated class's simple name, e.g. {@code CheckoutApp}
 * @param name the app's name
 * @param selector the declared selector labels in source order; empty for the default
 * @param ports the ports in source order
 * @param versions the versions in source order; empty for none
 */
record AppModel(TypeElement source, String packageName, String handleName, String name,
    Map<String, String> selector, List<PortModel> ports, List<String> versions) {

  /**
   * One port.
   *
   * @param constant the Java constant, e.g. {@code GRPC_WEB}
   * @param protocol the {@code Protocol} constant name
   * @param appProtocol empty for none
   * @param file the source file's name, e.g. {@code Checkout.java}
   * @param line the line of its {@code @Listens}, 0 when unknown
   */
  record PortModel(String name, int number, String protocol, String appProtocol, String constant, String file,
      int line) {}
}
