package dev.fovea.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.kernel.Padding;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** MaxPooling2D and AveragePooling2D share their geometry, validation and config through Pooling2D. */
class Pooling2DTest {

    @FunctionalInterface
    interface PoolFactory {
        Pooling2D create(int poolSize, int stride, Padding padding);
    }

    static Stream<PoolFactory> kinds() {
        return Stream.of(MaxPooling2D::new, AveragePooling2D::new);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void outputSizeFollowsPoolStrideAndPaddingAndKeepsChannels(PoolFactory kind) {
        LayerChecks.assertOutputShape(kind.create(2, 2, Padding.VALID), new int[] {28, 26, 3}, new int[] {14, 13, 3});
        LayerChecks.assertOutputShape(kind.create(2, 2, Padding.VALID), new int[] {7, 7, 3}, new int[] {3, 3, 3});
        LayerChecks.assertOutputShape(kind.create(2, 2, Padding.SAME), new int[] {7, 7, 3}, new int[] {4, 4, 3});
        LayerChecks.assertOutputShape(kind.create(3, 2, Padding.VALID), new int[] {7, 9, 2}, new int[] {3, 4, 2});
        LayerChecks.assertOutputShape(kind.create(3, 1, Padding.explicit(1)), new int[] {5, 6, 1},
                new int[] {5, 6, 1});
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void hasNoParameters(PoolFactory kind) {
        Pooling2D pool = kind.create(2, 2, Padding.VALID);
        pool.build(new int[] {8, 8, 4});
        assertTrue(pool.parameters().isEmpty());
        assertEquals(0, pool.parameterCount());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void rejectsNonImagesNamingTheLayerType(PoolFactory kind) {
        Pooling2D pool = kind.create(2, 2, Padding.VALID);
        LayerChecks.assertRejectsInput(pool, new int[] {64}, pool.typeName() + " expects an image");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> kind.create(0, 1, Padding.VALID));
        assertTrue(e.getMessage().contains("pool size and stride >= 1"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void configRebuildsTheLayer(PoolFactory kind) {
        Pooling2D pool = kind.create(3, 2, Padding.SAME);
        assertEquals(Map.of("pool_size", 3, "strides", 2, "padding", "same"), pool.config());
        LayerChecks.assertRebuildsFromConfig(pool, c -> kind.create((Integer) c.get("pool_size"),
                (Integer) c.get("strides"), Padding.parse((String) c.get("padding"))));
    }
}
