package dev.fovea.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.metadata.IIOMetadataNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnimatedGifTest {
    @TempDir
    Path dir;

    private static BufferedImage randomGrey(int w, int h, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] levels = new int[w * h];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = random.nextInt(256);
        }
        return TileImages.grey(levels, h, w, 1);
    }

    @Test
    void greyFramesComeBackExactlyWithTheirDelayAndAnEndlessLoop() throws IOException {
        List<BufferedImage> frames = List.of(randomGrey(17, 9, 1), randomGrey(17, 9, 2), randomGrey(17, 9, 3));
        Path file = dir.resolve("a.gif");
        AnimatedGif.write(frames, 35, file);
        GifFiles.Gif gif = GifFiles.read(file);
        assertEquals(3, gif.frames().size());
        for (int k = 0; k < 3; k++) {
            for (int y = 0; y < 9; y++) {
                for (int x = 0; x < 17; x++) {
                    assertEquals(frames.get(k).getRGB(x, y), gif.frames().get(k).getRGB(x, y),
                            "frame " + k + " pixel (" + x + ", " + y + ")");
                }
            }
            assertEquals("35", GifFiles.node(gif.metadata().get(k), "GraphicControlExtension").getAttribute("delayTime"));
        }
        IIOMetadataNode loop = GifFiles.node(gif.metadata().get(0), "ApplicationExtension");
        assertEquals("NETSCAPE", loop.getAttribute("applicationID"));
        assertEquals("2.0", loop.getAttribute("authenticationCode"));
        assertArrayEquals(new byte[] {1, 0, 0}, (byte[]) loop.getUserObject());
    }

    @Test
    void colourFramesComeBackNoFartherThanTheNearestCubeColour() throws IOException {
        BufferedImage colour = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        SplittableRandom random = new SplittableRandom(5);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                colour.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        Path file = dir.resolve("c.gif");
        AnimatedGif.write(List.of(colour), 10, file);
        BufferedImage back = GifFiles.read(file).frames().get(0);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                int a = colour.getRGB(x, y);
                int b = back.getRGB(x, y);
                int squared = 0;
                for (int shift = 0; shift <= 16; shift += 8) {
                    int error = ((a >> shift) & 0xFF) - ((b >> shift) & 0xFF);
                    squared += error * error;
                }
                // No farther than the nearest cube colour, which is within 25.5 on each channel.
                assertTrue(squared <= 3 * 25.5 * 25.5, "pixel (" + x + ", " + y + ") off by " + Math.sqrt(squared));
            }
        }
    }

    @Test
    void rejectsNoFramesFramesOfDifferentSizesAndBadDelays() {
        Path file = dir.resolve("x.gif");
        assertThrows(IllegalArgumentException.class, () -> AnimatedGif.write(List.of(), 10, file));
        assertThrows(IllegalArgumentException.class,
                () -> AnimatedGif.write(List.of(randomGrey(4, 4, 1), randomGrey(5, 4, 1)), 10, file));
        assertThrows(IllegalArgumentException.class, () -> AnimatedGif.write(List.of(randomGrey(4, 4, 1)), -1, file));
    }
}
