package dev.portico.synth.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The validator builds a family's kind table only for objects the family covers: every kind must be covered
 * by its own family, by model class and by apiVersion, and by no other, or its rules would never run.
 */
class RuleFamiliesTest {
  @Test
  void everyKindIsCoveredByItsFamilyAlone() {
    int kinds = 0;
    for (RuleFamily family : Validator.FAMILIES) {
      for (CheckedKind<?> kind : family.kinds()) {
        kinds++;
        assertTrue(family.covers(kind.type()), () -> family + " does not cover " + kind.type());
        assertTrue(family.covers(kind.apiVersion()), () -> family + " does not cover " + kind.apiVersion());
        for (RuleFamily other : Validator.FAMILIES) {
          if (other != family) {
            assertFalse(other.covers(kind.type()), () -> other + " covers " + kind.type() + " too");
            assertFalse(other.covers(kind.apiVersion()), () -> other + " covers " + kind.apiVersion() + " too");
          }
        }
        assertSame(kind, Validator.kind(kind.apiVersion(), kind.kind()), kind::key);
      }
    }
    assertTrue(kinds > 30, "kinds: " + kinds);
  }

  @Test
  void unknownKindsAndForeignClassesHaveNoRules() {
    assertEquals(null, Validator.kind("apps/v1", "Deployment"));
    assertEquals(null, Validator.kind("v1", "ConfigMap"));
    assertEquals(null, Validator.kind("networking.istio.io/v1", "Nonsense"));
    for (RuleFamily family : Validator.FAMILIES) {
      assertFalse(family.covers(String.class), family::toString);
      assertFalse(family.covers("apps/v1"), family::toString);
    }
  }
}
