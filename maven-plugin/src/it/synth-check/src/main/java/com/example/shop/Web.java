package com.example.shop;

import dev.portico.dsl.annotation.Listens;
import dev.portico.dsl.annotation.PorticoApp;

@PorticoApp(name = "web")
@Listens(name = "http", port = 8080)
public class Web {
}
