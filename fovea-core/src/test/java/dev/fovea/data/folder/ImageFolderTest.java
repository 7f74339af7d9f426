package dev.fovea.data.folder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.fovea.FoveaException;
import dev.fovea.data.folder.SkipReport.Skip;
import dev.fovea.image.Crop;
import dev.fovea.testing.TestImages;
import dev.fovea.testing.TestImages.CmykStorage;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {
    private static final FolderOptions RGB_4x5 = FolderOptions.of(4, 5, 3).heldOutFraction(0);
    private static final String NOT_AN_IMAGE = "not a PNG, JPEG, GIF or BMP image";

    @TempDir
    Path temp;

    @Test
    void classesAreTheFolderNamesInOrderAndImagesComeOutAtTheRequestedSize() {
        Path root = temp.resolve("pets");
        // Created out of order, at several sizes; a solid colour survives resizing exactly.
        png(root.resolve("dogs/b.png"), 0x0000FF, 9, 7);
        png(root.resolve("cats/a.png"), 0xFF0000, 3, 2);
        png(root.resolve("birds/x.png"), 0x00FF00, 40, 30);
        png(root.resolve("dogs/a.png"), 0x102030, 5, 4);

        FolderDataset data = ImageFolder.open(root, RGB_4x5);
        assertEquals(List.of("birds", "cats", "dogs"), data.classNames());
        FolderImages train = data.train();
        assertEquals("pets/train", train.name());
        assertEquals(4, train.size());
        assertEquals(List.of(root.resolve("birds/x.png"), root.resolve("cats/a.png"), root.resolve("dogs/a.png"),
                root.resolve("dogs/b.png")), files(train));
        assertArrayEquals(new int[] {0, 1, 2, 2}, labels(train));
        assertEquals(4, train.height());
        assertEquals(5, train.width());
        assertEquals(3, train.channels());
        assertArrayEquals(solid(20, 0x00FF00), read(train, 0));
        assertArrayEquals(solid(20, 0xFF0000), read(train, 1));
        assertArrayEquals(solid(20, 0x102030), read(train, 2));
        assertArrayEquals(solid(20, 0x0000FF), read(train, 3));
        assertEquals(0, data.test().size());
        assertEquals("pets/test", data.test().name());
        assertTrue(data.skipped().isEmpty());
        assertEquals(List.of(), data.warnings());
    }

    @Test
    void greyIsTheLuminance() {
        Path root = temp.resolve("f");
        png(root.resolve("a/x.png"), 0xC86432, 6, 6);
        png(root.resolve("b/y.png"), 0x000000, 6, 6);
        FolderImages train = ImageFolder.open(root, FolderOptions.of(2, 3, 1).heldOutFraction(0)).train();
        byte[] expected = new byte[6];
        Arrays.fill(expected, (byte) Math.round(0.299 * 200 + 0.587 * 100 + 0.114 * 50));
        assertArrayEquals(expected, read(train, 0));
        assertArrayEquals(new byte[6], read(train, 1));
    }

    @Test
    void theHeldOutSplitIsStratifiedReproducibleAndDisjoint() {
        Path root = temp.resolve("f");
        int[] counts = {20, 7, 3, 1};
        for (int c = 0; c < counts.length; c++) {
            for (int i = 0; i < counts[c]; i++) {
                png(root.resolve("class" + c + "/img" + i + ".png"), 0x010101 * i, 2, 2);
            }
        }
        FolderOptions options = FolderOptions.of(2, 2, 1).heldOutFraction(0.25).seed(5);
        FolderDataset data = ImageFolder.open(root, options);
        assertEquals("f/test", data.test().name());
        // round(0.25 n) per class: 5 of 20, 2 of 7 (1.75), 1 of 3 (0.75), 0 of 1 (0.25).
        int[] expectedHeldOut = {5, 2, 1, 0};
        for (int c = 0; c < counts.length; c++) {
            assertEquals(expectedHeldOut[c], count(labels(data.test()), c), "class " + c);
            assertEquals(counts[c] - expectedHeldOut[c], count(labels(data.train()), c), "class " + c);
        }
        Set<Path> train = new HashSet<>(files(data.train()));
        Set<Path> test = new HashSet<>(files(data.test()));
        assertEquals(31 - 8, train.size());
        assertEquals(8, test.size());
        assertTrue(train.stream().noneMatch(test::contains), "train and test share no file");
        for (int i = 0; i < data.test().size(); i++) {
            assertEquals("class" + data.test().label(i), data.test().file(i).getParent().getFileName().toString());
        }

        FolderDataset again = ImageFolder.open(root, options);
        assertEquals(files(data.test()), files(again.test()));
        assertEquals(files(data.train()), files(again.train()));
        FolderDataset otherSeed = ImageFolder.open(root, options.seed(6));
        assertNotEquals(files(data.test()), files(otherSeed.test()));
    }

    @Test
    void theSplitDependsOnTheFileNamesNotTheOrderTheyWereCreatedIn() {
        Path forward = temp.resolve("one/set");
        Path backward = temp.resolve("two/set");
        for (int i = 0; i < 30; i++) {
            png(forward.resolve("a/" + i + ".png"), 0x808080, 2, 2);
            png(backward.resolve("a/" + (29 - i) + ".png"), 0x808080, 2, 2);
        }
        FolderOptions options = FolderOptions.of(2, 2, 1).heldOutFraction(0.3);
        assertEquals(relative(forward, files(ImageFolder.open(forward, options).test())),
                relative(backward, files(ImageFolder.open(backward, options).test())));
    }

    @Test
    void imagesInSubfoldersOfAClassAreIncludedInPathOrderAndHiddenFoldersAreNot() throws IOException {
        Path root = temp.resolve("f");
        png(root.resolve("a/z.png"), 0x111111, 2, 2);
        png(root.resolve("a/2019/summer/b.png"), 0x222222, 2, 2);
        png(root.resolve("a/2019/a.png"), 0x333333, 2, 2);
        png(root.resolve("a/.thumbnails/t.png"), 0x444444, 2, 2);
        png(root.resolve(".git/objects/x.png"), 0x555555, 2, 2);
        png(root.resolve("b/c.png"), 0x666666, 2, 2);
        Files.write(root.resolve("a/.DS_Store"), DS_STORE);

        FolderDataset data = ImageFolder.open(root, RGB_4x5);
        assertEquals(List.of("a", "b"), data.classNames());
        assertEquals(List.of(root.resolve("a/2019/a.png"), root.resolve("a/2019/summer/b.png"), root.resolve("a/z.png"),
                root.resolve("b/c.png")), files(data.train()));
        assertEquals(List.of(new Skip("a/.DS_Store", NOT_AN_IMAGE)), data.skipped().skips());
        assertEquals(5, data.skipped().examined());
    }

    @Test
    void symbolicLinksAreFollowedAndBrokenOnesSkipped() throws IOException {
        Path elsewhere = temp.resolve("elsewhere");
        png(elsewhere.resolve("x.png"), 0x0A0B0C, 2, 2);
        Path root = temp.resolve("f");
        png(root.resolve("a/1.png"), 0x010203, 2, 2);
        Files.createSymbolicLink(root.resolve("b"), elsewhere);
        Files.createSymbolicLink(root.resolve("a/2.png"), elsewhere.resolve("x.png"));
        Files.createSymbolicLink(root.resolve("a/3.png"), temp.resolve("missing.png"));
        FolderDataset data = ImageFolder.open(root, FolderOptions.of(1, 1, 3).heldOutFraction(0));
        assertEquals(List.of("a", "b"), data.classNames());
        assertEquals(List.of(root.resolve("a/1.png"), root.resolve("a/2.png"), root.resolve("b/x.png")),
                files(data.train()));
        assertArrayEquals(solid(1, 0x0A0B0C), read(data.train(), 2));
        assertEquals(List.of(new Skip("a/3.png", "a symbolic link to nothing")), data.skipped().skips());
        assertEquals(4, data.skipped().examined());
    }

    @Test
    void aSplitFolderIsUsedAsGiven() {
        Path root = temp.resolve("flowers");
        png(root.resolve("train/rose/1.png"), 0xFF0000, 3, 3);
        png(root.resolve("train/rose/2.png"), 0xFF0000, 3, 3);
        png(root.resolve("train/tulip/1.png"), 0xFFFF00, 3, 3);
        png(root.resolve("train/daisy/1.png"), 0xFFFFFF, 3, 3);
        png(root.resolve("val/tulip/9.png"), 0xFFFF00, 3, 3);
        png(root.resolve("val/daisy/8.png"), 0xFFFFFF, 3, 3);

        // The held-out fraction does not apply: val is the held-out set, with no rose.
        FolderDataset data = ImageFolder.open(root, FolderOptions.of(1, 1, 3).heldOutFraction(0.5));
        assertEquals(List.of("daisy", "rose", "tulip"), data.classNames());
        assertEquals("flowers/train", data.train().name());
        assertEquals("flowers/val", data.test().name());
        assertEquals(4, data.train().size());
        assertEquals(List.of(root.resolve("val/daisy/8.png"), root.resolve("val/tulip/9.png")), files(data.test()));
        assertArrayEquals(new int[] {0, 2}, labels(data.test()));
        assertArrayEquals(solid(1, 0xFFFF00), read(data.test(), 1));
        assertEquals(List.of(), data.warnings());
    }

    @Test
    void testIsTheHeldOutFolderWhenThereIsNoValAndValWinsWhenBothExist() {
        Path root = temp.resolve("f");
        png(root.resolve("train/a/1.png"), 0, 2, 2);
        png(root.resolve("train/b/1.png"), 0, 2, 2);
        png(root.resolve("test/a/2.png"), 0, 2, 2);
        assertEquals(List.of(root.resolve("test/a/2.png")), files(ImageFolder.open(root, RGB_4x5).test()));

        png(root.resolve("val/b/3.png"), 0, 2, 2);
        png(root.resolve("extra/b/3.png"), 0, 2, 2);
        FolderDataset data = ImageFolder.open(root, RGB_4x5);
        assertEquals("f/val", data.test().name());
        assertEquals(List.of(root.resolve("val/b/3.png")), files(data.test()));
        assertEquals(List.of(
                root.resolve("extra") + " is not used: a folder split into train and val is read from those two only",
                root.resolve("test") + " is not used: " + root.resolve("val") + " is the held-out set"), data.warnings());
    }

    @Test
    void splitFoldersNamedOtherwiseAreClassesWithAWarning() {
        Path root = temp.resolve("f");
        png(root.resolve("Train/cats/1.png"), 0, 2, 2);
        png(root.resolve("valid/cats/2.png"), 0, 2, 2);
        FolderDataset data = ImageFolder.open(root, RGB_4x5);
        assertEquals(List.of("Train", "valid"), data.classNames());
        assertEquals(List.of(
                "'Train' in " + root + " is read as a class: a folder split into training and held-out images needs "
                        + "folders named train and val (or test)",
                "'valid' in " + root + " is read as a class: a folder split into training and held-out images needs "
                        + "folders named train and val (or test)"), data.warnings());
    }

    @Test
    void aHeldOutClassThatTrainingLacksIsAnError() {
        Path root = temp.resolve("f");
        png(root.resolve("train/cats/1.png"), 0, 2, 2);
        png(root.resolve("train/birds/1.png"), 0, 2, 2);
        png(root.resolve("val/dogs/1.png"), 0, 2, 2);
        FoveaException e = assertThrows(FoveaException.class, () -> ImageFolder.open(root, RGB_4x5));
        assertEquals(root.resolve("val/dogs") + ": class 'dogs' has no folder in " + root.resolve("train")
                + " (classes there: birds, cats)", e.getMessage());
    }

    @Test
    void filesThatAreNotReadableImagesAreSkippedCountedAndNamed() throws IOException {
        Path root = temp.resolve("f");
        Path cats = Files.createDirectories(root.resolve("cats"));
        TestImages.write(TestImages.solid(8, 6, 0x808080), "jpg", cats.resolve("photo.jpg"));
        TestImages.write(TestImages.solid(8, 6, 0x00FF00), "gif", cats.resolve("among-jpegs.gif"));
        TestImages.write(TestImages.palette(8, 6, 0x0000FF), "png", cats.resolve("palette.png"));
        TestImages.write(TestImages.sixteenBitRgb(8, 6, 65535, 0, 65535), "png", cats.resolve("deep.png"));
        TestImages.cmykJpeg(8, 8, new int[] {255, 0, 255, 0}, CmykStorage.ADOBE_INVERTED, cats.resolve("print.jpg"));
        TestImages.write(TestImages.solid(8, 6, 0xFFFFFF), "bmp", cats.resolve("white.bmp"));
        Files.write(cats.resolve(".DS_Store"), DS_STORE);
        Files.write(cats.resolve("Thumbs.db"), THUMBS_DB);
        Files.writeString(cats.resolve("notes.jpg"), "not a photo\n");
        TestImages.truncatedJpeg(64, 48, 0.5, cats.resolve("cut.jpg"));
        TestImages.pngClaimingSize(40_000, 40_000, cats.resolve("huge.png"));
        png(root.resolve("dogs/d.png"), 0, 2, 2);
        Files.writeString(root.resolve("dogs/readme.txt"), "dogs");

        FolderDataset data = ImageFolder.open(root, FolderOptions.of(1, 1, 3).heldOutFraction(0));
        List<Skip> skips = data.skipped().skips();
        assertEquals(List.of("cats/.DS_Store", "cats/Thumbs.db", "cats/cut.jpg", "cats/huge.png", "cats/notes.jpg",
                "dogs/readme.txt"), skips.stream().map(Skip::file).toList());
        assertEquals(NOT_AN_IMAGE, skips.get(0).reason());
        assertEquals(NOT_AN_IMAGE, skips.get(1).reason());
        assertTrue(skips.get(2).reason().startsWith("truncated JPEG: "), skips.get(2).reason());
        assertEquals("the image is 40000x40000 pixels, more than the 100000000 Fovea decodes", skips.get(3).reason());
        assertEquals(NOT_AN_IMAGE, skips.get(4).reason());
        assertEquals(6, data.skipped().count());
        assertEquals(13, data.skipped().examined());
        String message = "skipped 6 of 13 files that are not readable images: cats/.DS_Store (" + NOT_AN_IMAGE
                + "), cats/Thumbs.db (" + NOT_AN_IMAGE + "), cats/cut.jpg (" + skips.get(2).reason()
                + "), cats/huge.png (" + skips.get(3).reason() + "), cats/notes.jpg (" + NOT_AN_IMAGE + ") and 1 more";
        assertEquals(message, data.skipped().message());
        assertEquals(List.of(message), data.warnings());

        // The readable ones, in name order: among-jpegs.gif, deep.png, palette.png, photo.jpg, print.jpg, white.bmp.
        FolderImages train = data.train();
        assertEquals(7, train.size());
        assertArrayEquals(solid(1, 0x00FF00), read(train, 0));
        assertArrayEquals(solid(1, 0xFF00FF), read(train, 1));
        assertArrayEquals(solid(1, 0x0000FF), read(train, 2));
        assertClose(new int[] {128, 128, 128}, unsigned(read(train, 3)), 2);
        // Cyan and yellow ink: green.
        assertClose(new int[] {0, 255, 0}, unsigned(read(train, 4)), 3);
        assertArrayEquals(solid(1, 0xFFFFFF), read(train, 5));
        assertEquals(root.resolve("dogs/d.png"), train.file(6));

        FoveaException strict = assertThrows(FoveaException.class,
                () -> ImageFolder.open(root, FolderOptions.of(1, 1, 3).strict(true)));
        assertEquals(root + ": " + message, strict.getMessage());
    }

    @Test
    void namesWithSpacesParenthesesAndNonAsciiLettersWork() {
        assertEquals("UTF-8", System.getProperty("sun.jnu.encoding"),
                "this test needs a UTF-8 locale for file names (the surefire configuration sets LC_ALL=C.UTF-8)");
        Path root = temp.resolve("Fotos (alt) ä");
        png(root.resolve("Möpse/Mops (1).png"), 0x102030, 2, 2);
        TestImages.write(TestImages.solid(8, 8, 0x808080), "jpg", dir(root.resolve("Möpse")).resolve("Mops (2).jpg"));
        png(root.resolve("Ölkanne/Ölkanne ä.png"), 0x405060, 2, 2);
        png(root.resolve("猫/猫.png"), 0x708090, 2, 2);
        FolderDataset data = ImageFolder.open(root, FolderOptions.of(1, 1, 3).heldOutFraction(0));
        assertEquals(List.of("Möpse", "Ölkanne", "猫"), data.classNames());
        assertEquals("Fotos (alt) ä/train", data.train().name());
        assertEquals(root.resolve("Möpse/Mops (1).png"), data.train().file(0));
        assertArrayEquals(solid(1, 0x102030), read(data.train(), 0));
        assertClose(new int[] {128, 128, 128}, unsigned(read(data.train(), 1)), 2);
        assertArrayEquals(solid(1, 0x405060), read(data.train(), 2));
        assertArrayEquals(solid(1, 0x708090), read(data.train(), 3));
        assertTrue(data.skipped().isEmpty());
    }

    /**
     * In a C locale Java decodes file names as ASCII: "猫" and "犬" both read as "???". Files still
     * open (they are opened through the listing's paths), and class folders whose names collide are
     * an error that says what to do. Runs a second JVM, since the encoding is fixed at start-up.
     */
    @Test
    void inALocaleThatCannotSpellTheNamesFilesStillOpenAndCollidingClassNamesAreAnError() throws Exception {
        Path readable = temp.resolve("readable");
        png(readable.resolve("cats/Ölkanne ä.png"), 0x102030, 2, 2);
        png(readable.resolve("猫/猫.png"), 0x405060, 2, 2);
        Path colliding = temp.resolve("colliding");
        png(colliding.resolve("猫/a.png"), 0, 2, 2);
        png(colliding.resolve("犬/a.png"), 0, 2, 2);

        ProcessBuilder child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), InAnotherJvm.class.getName(), readable.toString(),
                colliding.toString());
        child.environment().keySet().removeIf(name -> name.startsWith("LC_") || name.equals("LANG"));
        child.environment().put("LC_ALL", "C");
        child.redirectErrorStream(true);
        Process process = child.start();
        List<String> lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assumeFalse(lines.get(0).equals("UTF-8"), "this platform decodes file names as UTF-8 in any locale");
        assertEquals(List.of("ANSI_X3.4-1968",
                // The child prints in ASCII too: each undecodable byte, read as U+FFFD, prints as '?'.
                "classes cats, ???; images [16, 32, 48] [64, 80, 96]",
                colliding + ": two folders have names that read the same, '???', in this Java's file-name encoding "
                        + "(sun.jnu.encoding=ANSI_X3.4-1968); run Java with a UTF-8 locale, e.g. LC_ALL=C.UTF-8"), lines);
    }

    /** Opens the folders named by its arguments and prints the file-name encoding, then each folder's classes and images or its error. */
    static final class InAnotherJvm {
        public static void main(String[] folders) {
            System.out.println(System.getProperty("sun.jnu.encoding"));
            for (String folder : folders) {
                try {
                    FolderDataset data = ImageFolder.open(Path.of(folder), FolderOptions.of(1, 1, 3).heldOutFraction(0));
                    StringBuilder images = new StringBuilder();
                    for (int i = 0; i < data.train().size(); i++) {
                        images.append(i > 0 ? " " : "").append(Arrays.toString(unsigned(read(data.train(), i))));
                    }
                    System.out.println("classes " + String.join(", ", data.classNames()) + "; images " + images);
                } catch (FoveaException e) {
                    System.out.println(e.getMessage());
                }
            }
        }
    }

    @Test
    void anEmptyClassFolderStaysAClassWithAWarning() throws IOException {
        Path root = temp.resolve("f");
        png(root.resolve("a/1.png"), 0, 2, 2);
        Files.createDirectories(root.resolve("b"));
        png(root.resolve("c/1.png"), 0, 2, 2);
        FolderDataset data = ImageFolder.open(root, RGB_4x5);
        assertEquals(List.of("a", "b", "c"), data.classNames());
        assertArrayEquals(new int[] {0, 2}, labels(data.train()));
        assertEquals(List.of("class 'b' has no images (" + root.resolve("b") + ")"), data.warnings());
    }

    @Test
    void aClassWhoseImagesAreAllHeldOutIsWarnedAbout() {
        Path root = temp.resolve("f");
        for (int i = 0; i < 4; i++) {
            png(root.resolve("a/" + i + ".png"), 0, 2, 2);
        }
        png(root.resolve("b/1.png"), 0, 2, 2);
        // round(0.5 x 1) = 1: b's only image is held out.
        FolderDataset data = ImageFolder.open(root, FolderOptions.of(2, 2, 1).heldOutFraction(0.5));
        assertArrayEquals(new int[] {0, 0}, labels(data.train()));
        assertArrayEquals(new int[] {0, 0, 1}, labels(data.test()));
        assertEquals(List.of("class 'b' has no training images: its 1 image is held out for testing"), data.warnings());
    }

    @Test
    void oneClassLoadsWithAWarning() {
        Path root = temp.resolve("f");
        png(root.resolve("only/1.png"), 0, 2, 2);
        FolderDataset data = ImageFolder.open(root, RGB_4x5);
        assertEquals(List.of("only"), data.classNames());
        assertEquals(1, data.train().size());
        assertEquals(List.of("only one class, 'only', in " + root + ": a classifier needs at least two"), data.warnings());
    }

    @Test
    void filesOutsideTheClassFoldersAreNotUsedAndSaidSo() throws IOException {
        Path root = temp.resolve("f");
        png(root.resolve("a/1.png"), 0, 2, 2);
        png(root.resolve("b/1.png"), 0, 2, 2);
        png(root.resolve("stray.png"), 0, 2, 2);
        Files.write(root.resolve(".DS_Store"), DS_STORE);
        FolderDataset data = ImageFolder.open(root, RGB_4x5);
        assertEquals(2, data.train().size());
        assertEquals(List.of("1 file in " + root + " is outside the class folders and not used: stray.png"),
                data.warnings());
    }

    @Test
    void aFolderWithoutImagesIsAnErrorThatSaysWhatWasExpected() throws IOException {
        Path root = Files.createDirectories(temp.resolve("f"));
        String expected = root + ": no images found; expected one folder per class with the images inside, " + root
                + "/<class>/<image> (PNG, JPEG, GIF or BMP)";
        assertEquals(expected + ", but there are no class folders",
                assertThrows(FoveaException.class, () -> ImageFolder.open(root, RGB_4x5)).getMessage());

        png(root.resolve("cat1.png"), 0, 2, 2);
        png(root.resolve("cat2.png"), 0, 2, 2);
        assertEquals(expected + ", but there are no class folders, only 2 files outside any class folder: cat1.png, "
                + "cat2.png", assertThrows(FoveaException.class, () -> ImageFolder.open(root, RGB_4x5)).getMessage());

        Files.writeString(Files.createDirectories(root.resolve("cats")).resolve("a.txt"), "x");
        Files.createDirectories(root.resolve("dogs"));
        assertEquals(expected + "; the class folders (cats, dogs) hold no readable image: skipped 1 of 1 files that "
                + "are not readable images: cats/a.txt (" + NOT_AN_IMAGE + ")",
                assertThrows(FoveaException.class, () -> ImageFolder.open(root, RGB_4x5)).getMessage());

        Path missing = temp.resolve("nope");
        assertEquals(missing + ": no such directory; expected a folder with one folder of images per class: " + missing
                + "/<class>/<image>", assertThrows(FoveaException.class, () -> ImageFolder.open(missing, RGB_4x5))
                .getMessage());
        Path file = root.resolve("cat1.png");
        assertTrue(assertThrows(FoveaException.class, () -> ImageFolder.open(file, RGB_4x5)).getMessage()
                .startsWith(file + ": not a directory; expected a folder"));
    }

    @Test
    void aLargePhotoIsDecodedAndShrunkWithoutAliasing() {
        // 4000x3000: the left half one-pixel black and white stripes, the right half one colour.
        BufferedImage photo = new BufferedImage(4000, 3000, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) photo.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < 3000; y++) {
            for (int x = 0; x < 4000; x++) {
                int i = (y * 4000 + x) * 3;
                if (x < 2000) {
                    byte v = (byte) (x % 2 == 0 ? 0 : 255);
                    bgr[i] = v;
                    bgr[i + 1] = v;
                    bgr[i + 2] = v;
                } else {
                    bgr[i] = 60;
                    bgr[i + 1] = 30;
                    bgr[i + 2] = (byte) 200;
                }
            }
        }
        Path root = temp.resolve("f");
        TestImages.write(photo, "jpg", dir(root.resolve("big")).resolve("photo.jpg"));
        FolderImages train = ImageFolder.open(root, FolderOptions.of(30, 40, 3).heldOutFraction(0)).train();
        int[] pixels = unsigned(read(train, 0));
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                int i = (y * 40 + x) * 3;
                // Each output pixel averages 100x100 source pixels: stripes become mid grey, not black or white.
                int[] expected = x < 20 ? new int[] {128, 128, 128} : new int[] {200, 30, 60};
                assertClose(expected, new int[] {pixels[i], pixels[i + 1], pixels[i + 2]}, 6,
                        "pixel " + y + "," + x);
            }
        }
    }

    @Test
    void centreCropIsApplied() {
        Path root = temp.resolve("f");
        BufferedImage wide = TestImages.solid(30, 10, 0x00FF00);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 10; x++) {
                wide.setRGB(x, y, 0xFF0000);
                wide.setRGB(x + 20, y, 0x0000FF);
            }
        }
        TestImages.write(wide, "png", dir(root.resolve("a")).resolve("wide.png"));
        FolderOptions options = FolderOptions.of(2, 2, 3).heldOutFraction(0).crop(Crop.CENTER);
        assertArrayEquals(solid(4, 0x00FF00), read(ImageFolder.open(root, options).train(), 0));
        byte[] rgb = {(byte) 255, 0, 0, 0, (byte) 255, 0, 0, 0, (byte) 255};
        byte[] stretched = read(ImageFolder.open(root, FolderOptions.of(2, 3, 3).heldOutFraction(0)).train(), 0);
        assertArrayEquals(rgb, Arrays.copyOfRange(stretched, 0, 9), "NONE keeps all three squares");
        assertArrayEquals(rgb, Arrays.copyOfRange(stretched, 9, 18));
    }

    @Test
    void readsAreTheSameWithoutACacheAndWithALargeOne() {
        Path root = manyImages(24);
        FolderDataset uncached = ImageFolder.open(root, FolderOptions.of(3, 3, 3).heldOutFraction(0).cacheBytes(0));
        FolderDataset cached = ImageFolder.open(root, FolderOptions.of(3, 3, 3).heldOutFraction(0).cacheBytes(1 << 20));
        assertEquals(0, uncached.cachedBytes());
        assertEquals(24L * (27 + ImageCache.ENTRY_OVERHEAD), cached.cachedBytes(), "opening cached every image");
        for (int i = 0; i < 24; i++) {
            assertArrayEquals(read(uncached.train(), i), read(cached.train(), i), "image " + i);
        }
        // Not all the same image: the comparison above compares something.
        assertNotEquals(Arrays.toString(read(cached.train(), 0)), Arrays.toString(read(cached.train(), 1)));
    }

    @Test
    void theCacheStaysWithinItsBoundUnderConcurrentReads() throws Exception {
        Path root = manyImages(40);
        long bound = 5L * (27 + ImageCache.ENTRY_OVERHEAD);
        FolderDataset small = ImageFolder.open(root, FolderOptions.of(3, 3, 3).heldOutFraction(0).cacheBytes(bound)
                .probeThreads(3));
        FolderImages reference = ImageFolder.open(root, FolderOptions.of(3, 3, 3).heldOutFraction(0).cacheBytes(0)).train();
        assertEquals(bound, small.cachedBytes());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Long>> checks = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int offset = t * 7;
            checks.add(pool.submit(() -> {
                long most = 0;
                for (int round = 0; round < 3; round++) {
                    for (int k = 0; k < 40; k++) {
                        int i = (offset + k * 3) % 40;
                        assertArrayEquals(read(reference, i), read(small.train(), i));
                        most = Math.max(most, small.cachedBytes());
                    }
                }
                return most;
            }));
        }
        for (Future<Long> check : checks) {
            assertTrue(check.get() <= bound, check.get() + " > " + bound);
        }
        pool.shutdown();
        assertTrue(small.cachedBytes() <= bound);
    }

    @Test
    void aFileChangedAfterOpeningFailsWhenReadNamingIt() throws IOException {
        Path root = temp.resolve("f");
        png(root.resolve("a/1.png"), 0, 2, 2);
        Path changed = png(root.resolve("a/2.png"), 0, 2, 2);
        FolderImages train = ImageFolder.open(root, RGB_4x5.cacheBytes(0)).train();
        Files.writeString(changed, "overwritten");
        read(train, 0);
        FoveaException e = assertThrows(FoveaException.class, () -> read(train, 1));
        assertEquals(changed + ": " + NOT_AN_IMAGE + " (it was readable when the folder was opened: has it changed "
                + "since?)", e.getMessage());
    }

    @Test
    void probingHeadersOnlyFindsNonImagesAtOpeningAndDamageAtReading() throws IOException {
        Path root = temp.resolve("f");
        png(root.resolve("a/1.png"), 0x123456, 2, 2);
        Path cut = TestImages.truncatedJpeg(64, 48, 0.5, dir(root.resolve("a")).resolve("2.jpg"));
        Files.writeString(root.resolve("a/3.txt"), "text");
        FolderDataset data = ImageFolder.open(root, RGB_4x5.probeHeadersOnly(true));
        assertEquals(List.of(new Skip("a/3.txt", NOT_AN_IMAGE)), data.skipped().skips());
        assertEquals(0, data.cachedBytes(), "headers only: nothing decoded");
        assertEquals(2, data.train().size());
        assertArrayEquals(solid(20, 0x123456), read(data.train(), 0));
        FoveaException e = assertThrows(FoveaException.class, () -> read(data.train(), 1));
        assertTrue(e.getMessage().startsWith(cut + ": truncated JPEG: "), e.getMessage());
        assertTrue(e.getMessage().endsWith(" (only its header was checked when the folder was opened)"), e.getMessage());
    }

    /** A Finder .DS_Store file's first bytes. */
    private static final byte[] DS_STORE = {0, 0, 0, 1, 'B', 'u', 'd', '1', 0, 0, 0x10, 0, 0, 0, 0x08, 0};
    /** A Windows Thumbs.db file's first bytes: the OLE compound file signature. */
    private static final byte[] THUMBS_DB = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1,
        0x1A, (byte) 0xE1, 0, 0, 0, 0, 0, 0, 0, 0};

    private Path manyImages(int count) {
        Path root = temp.resolve("many");
        for (int i = 0; i < count; i++) {
            TestImages.write(TestImages.colour(6, 5, i), "png", dir(root.resolve("c" + i % 3)).resolve(i + ".png"));
        }
        return root;
    }

    private static Path png(Path file, int rgb, int width, int height) {
        dir(file.getParent());
        return TestImages.write(TestImages.solid(width, height, rgb), "png", file);
    }

    private static Path dir(Path folder) {
        try {
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] solid(int pixels, int rgb) {
        byte[] bytes = new byte[pixels * 3];
        for (int i = 0; i < pixels; i++) {
            bytes[3 * i] = (byte) (rgb >> 16);
            bytes[3 * i + 1] = (byte) (rgb >> 8);
            bytes[3 * i + 2] = (byte) rgb;
        }
        return bytes;
    }

    private static byte[] read(FolderImages images, int index) {
        byte[] out = new byte[images.imageSize()];
        images.read(index, out, 0);
        return out;
    }

    private static int[] unsigned(byte[] bytes) {
        int[] values = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            values[i] = bytes[i] & 0xFF;
        }
        return values;
    }

    private static void assertClose(int[] expected, int[] actual, int tolerance) {
        assertClose(expected, actual, tolerance, "");
    }

    private static void assertClose(int[] expected, int[] actual, int tolerance, String message) {
        assertEquals(expected.length, actual.length, message);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance, message + " [" + i + "] of " + Arrays.toString(actual));
        }
    }

    private static List<Path> files(FolderImages images) {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            files.add(images.file(i));
        }
        return files;
    }

    private static List<Path> relative(Path root, List<Path> files) {
        return files.stream().map(root::relativize).toList();
    }

    private static int[] labels(FolderImages images) {
        int[] labels = new int[images.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = images.label(i);
        }
        return labels;
    }

    private static int count(int[] values, int value) {
        int n = 0;
        for (int v : values) {
            n += v == value ? 1 : 0;
        }
        return n;
    }
}
