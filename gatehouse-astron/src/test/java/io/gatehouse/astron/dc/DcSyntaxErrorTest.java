package io.gatehouse.astron.dc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A broken DC file stops the read with file, line and column of the first problem. */
class DcSyntaxErrorTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "missing semicolon           | dclass A {\\n  f(uint8 x) broadcast\\n};                | 3 | 1 | expected ';', found '}'",
        "undeclared type             | dclass A {\\n  f(Thing t);\\n};                        | 2 | 5 | type 'Thing' has not been declared",
        "undeclared keyword          | dclass A {\\n  f(uint8 x) sometimes;\\n};              | 2 | 14 | keyword 'sometimes' has not been declared",
        "class declared twice        | dclass A {};\\ndclass A {};                          | 2 | 8 | cannot add dclass A: the name is already used",
        "constructor not first       | dclass A {\\n  f();\\n  A();\\n};                      | 3 | 3 | the constructor must be the first field in the class",
        "molecular of unknown field  | dclass A {\\n  f();\\n  m : f, g;\\n};                | 3 | 10 | field 'g' is not defined in the current class",
        "molecular keyword mismatch  | dclass A {\\n  f() ram;\\n  g() db;\\n  m : f, g;\\n}; | 4 | 10 | mismatched keywords in molecular between f and g",
        "duplicate field             | dclass A {\\n  f();\\n  f();\\n};                      | 3 | 3 | a field named 'f' already exists in dclass A",
        "inherit from a struct       | struct S { uint8 a; };\\ndclass A : S {};              | 2 | 12 | a class cannot inherit from struct S",
        "unclosed comment            | dclass A {};\\n/* never\\nclosed                        | 2 | 1 | comment is not closed",
        "negative for unsigned       | dclass A {\\n  f(uint8 x = -1);\\n};                   | 2 | 15 | can't use a negative value for unsigned type uint8",
        "value out of range          | dclass A {\\n  f(int8 x = 200);\\n};                   | 2 | 14 | value 200 out of range for int8",
        "fixed string length         | dclass A {\\n  f(string(4) s = \"abc\");\\n};          | 2 | 19 | value has 3 elements, the type needs 4",
        "unnamed field in a class    | dclass A {\\n  uint8;\\n};                             | 2 | 8 | expected a field name, found ';'",
        "method in a struct          | struct S {\\n  f();\\n};                              | 2 | 3 | a method can't be defined in a struct",
        "stray character             | dclass A { f() @; };                                   | 1 | 16 | unexpected character '@'",
        "named array parameter       | dclass A {\\n  f(uint8[2] x);\\n};                     | 2 | 14 | a named parameter takes its array size after the name: x[...]",
    })
    void reportsWhereAndWhat(String name, String text, int line, int column, String message) {
        String dc = text.strip().replace("\\n", "\n");
        assertThatThrownBy(() -> DcParser.parse("broken.dc", dc))
                .isInstanceOf(DcSyntaxException.class)
                .hasMessage("broken.dc:" + line + ":" + column + ": " + message);
    }
}
