package dev.portico.synth.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Plain scalars resolve as go-yaml v2's {@code resolve()} resolves them and become the JSON
 * sigs.k8s.io/yaml writes; the cases are go-yaml v2's {@code resolve.go} table and
 * {@code strconv.ParseInt(s, 0, 64)}'s prefixes.
 */
class YamlScalarsTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "y|true", "Yes|true", "ON|true", "true|true", "n|false", "off|false", "NO|false",
      "~|null", "null|null", "Null|null", "''|null",
      "80|80", "+80|80", "-80|-80", "0x1F|31", "0X1f|31", "0o17|15", "017|15", "0b101|5", "-0b101|-5", "1_000|1000",
      "0|0", "-0|0", "9223372036854775807|9223372036854775807", "18446744073709551615|18446744073709551615",
      "1e3|1000", "1.0|1", "1.5|1.5", ".5|0.5", "+.5|0.5", "1e21|1.0E21",
      "08|8", "2001-12-14|\"2001-12-14\"", "1e400|\"1e400\"", "0x|\"0x\"", "٣|\"٣\"", "yes please|\"yes please\"",
      "YeS|\"YeS\"", "<<|\"<<\"", "Infinity|\"Infinity\"", "0x1p-2|\"0x1p-2\"", "12:30:45|\"12:30:45\""})
  void plainScalars(String yaml, String json) throws Exception {
    assertEquals(json, YamlScalars.value(yaml, null, true).toString());
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      "tag:yaml.org,2002:str|80|\"80\"", "tag:yaml.org,2002:int|80|80", "tag:yaml.org,2002:float|1|1",
      "tag:yaml.org,2002:bool|yes|true", "tag:yaml.org,2002:binary|aGVsbG8=|\"hello\"", "!custom|80|\"80\""})
  void taggedScalars(String tag, String yaml, String json) throws Exception {
    assertEquals(json, YamlScalars.value(yaml, tag, false).toString());
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {"|.inf", "|-.Inf", "|.nan", "tag:yaml.org,2002:int|abc",
      "tag:yaml.org,2002:bool|1", "tag:yaml.org,2002:binary|!!!"})
  void unrepresentable(String tag, String yaml) {
    assertThrows(YamlScalars.Unrepresentable.class, () -> YamlScalars.value(yaml, tag, tag == null));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {"1.5|1.5", "1000|1000", "1000000|1e+06", "123456|123456", "0.0001|0.0001",
      "0.00001|1e-05", "3.14159265358979|3.1415927", "-2.5|-2.5", "1e21|1e+21"})
  void floatKeysAsGoWritesThem(double value, String key) {
    assertEquals(key, YamlScalars.goFloat32(value));
  }
}
