package dev.fovea.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing and printing of padding specifications. */
class PaddingTest {
    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = ';', value = {
        "valid; valid", " VALID ; valid", "same; same", "Same; same",
        "2; 2,2,2,2", "0; 0,0,0,0", "1,0,2,1; 1,0,2,1", " 3 , 1 , 0 , 2 ; 3,1,0,2"})
    void parseReadsEachFormAndToStringWritesItBack(String text, String printed) {
        Padding p = Padding.parse(text);
        assertEquals(printed, p.toString());
        assertEquals(p, Padding.parse(p.toString()), "toString is read back to an equal padding");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "full", "1,2", "1,2,3", "1,2,3,4,5", "a,b,c,d", "-1", "1,-1,0,0", "1.5"})
    void parseRejectsMalformedOrNegativePadding(String text) {
        assertThrows(IllegalArgumentException.class, () -> Padding.parse(text));
    }

    @Test
    void sidesAreKeptInTopBottomLeftRightOrder() {
        Padding p = Padding.explicit(1, 2, 3, 4);
        assertEquals(1, p.top());
        assertEquals(2, p.bottom());
        assertEquals(3, p.left());
        assertEquals(4, p.right());
    }
}
