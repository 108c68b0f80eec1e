package com.example.shop;

import dev.portico.synth.golden.PorticoGolden;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ShopGoldenTest {
  @Test
  void shopMatchesDeploy() {
    PorticoGolden.assertStack(new ShopStack(), Path.of("deploy"));
  }
}
