package dev.portico.examples;

import dev.portico.dsl.App;
import dev.portico.dsl.Port;
import dev.portico.dsl.ServiceType;
import dev.portico.dsl.Stack;
import dev.portico.dsl.StackDefinition;
import dev.portico.dsl.annotation.PorticoStack;

/**
 * The seed's ExternalName story: the orders database starts outside the cluster, behind an
 * ExternalName placeholder named {@code orders-db}. Staging has already moved it in; prod still
 * points at the legacy host. Clients use {@code orders-db} throughout, so their DNS keeps working
 * when prod migrates: the switch is the one line that picks the type.
 */
@PorticoStack(name = "migration", namespace = "orders", environments = {"staging", "prod"})
public final class MigrationStack implements StackDefinition {
  static final Port POSTGRES = Port.tcp("postgres", 5432).withAppProtocol("postgresql");
  static final Port HTTP = Port.http(8080);

  @Override
  public void define(Stack stack) {
    App ordersDb = stack.app("orders-db", POSTGRES);
    App orders = stack.app("orders", HTTP);
    stack.expose(orders);

    ServiceType ordersDbType = stack.isEnvironment("prod")
        ? ServiceType.externalName("orders-db.legacy.example.com")   // not migrated yet
        : ServiceType.clusterIp();                                   // migrated: select the pods
    stack.service("orders-db", ordersDb, service -> service.port(5432, POSTGRES).type(ordersDbType));
  }
}
