package dev.fovea.data.folder;

import dev.fovea.FoveaException;
import dev.fovea.data.folder.SkipReport.Skip;
import java.io.File;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where the files of an image folder are, before any is opened.
 *
 * <p>Two layouts: {@code root/<class>/...}, or {@code root/train/<class>/...} together with
 * {@code root/val/<class>/...} or {@code root/test/<class>/...} (val is used if both exist). Classes
 * are sorted by folder name (String order). A class folder's files may sit in subfolders at any
 * depth; they are sorted by their path within the class folder, so the order does not depend on
 * the directory listing. Folders whose names start with '.' (.git, .ipynb_checkpoints) are
 * ignored; files so named (.DS_Store) are kept, to be counted as skipped when they turn out not to
 * be images. Symbolic links are followed.
 *
 * @param train the class folders of the training split (the whole folder if it is not split)
 * @param heldOut the class folders of root/val or root/test, or null if the folder is not split
 * @param unreadable entries inside class folders that could not be listed or are not regular files
 * @param looseFiles files directly in root (or root/train, root/val), outside any class folder, relative to root
 * @param warnings what was ignored or looks like a mistake (a class folder named "Train" or "valid"), as sentences
 */
record FolderLayout(Split train, Split heldOut, List<Skip> unreadable, List<String> looseFiles, List<String> warnings) {
    FolderLayout {
        unreadable = List.copyOf(unreadable);
        looseFiles = looseFiles.stream().sorted().toList();
        warnings = List.copyOf(warnings);
    }

    static final String TRAIN = "train";
    static final List<String> HELD_OUT = List.of("val", "test");
    /** Names of class folders that were probably meant as splits. */
    private static final Set<String> SPLIT_LIKE = Set.of("train", "training", "val", "valid", "validation", "test",
            "testing");

    /** A class folder and its files in order. */
    record ClassFolder(String name, Path folder, List<Path> files) {}

    /** The class folders of one split, sorted by name; {@code name} is "train", "val", "test" or null for an unsplit folder. */
    record Split(String name, Path folder, List<ClassFolder> classes) {
        List<String> classNames() {
            return classes.stream().map(ClassFolder::name).toList();
        }
    }

    static FolderLayout scan(Path root) {
        if (!Files.isDirectory(root)) {
            throw new FoveaException(root + (Files.exists(root) ? ": not a directory" : ": no such directory")
                    + "; expected a folder with one folder of images per class: " + root + File.separator + "<class>"
                    + File.separator + "<image>");
        }
        return new Scanner(root).scan();
    }

    /** The relative path of {@code file} inside {@code root}, with '/' between names. */
    static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace(File.separatorChar, '/');
    }

    private static final class Scanner {
        private final Path root;
        private final List<Skip> unreadable = new ArrayList<>();
        private final List<String> looseFiles = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();

        Scanner(Path root) {
            this.root = root;
        }

        FolderLayout scan() {
            Map<String, Path> top = subfolders(root);
            String heldOutName = HELD_OUT.stream().filter(top::containsKey).findFirst().orElse(null);
            if (!top.containsKey(TRAIN) || heldOutName == null) {
                for (String name : top.keySet()) {
                    if (SPLIT_LIKE.contains(name.toLowerCase(Locale.ROOT))) {
                        warnings.add("'" + name + "' in " + root + " is read as a class: a folder split into training "
                                + "and held-out images needs folders named train and val (or test)");
                    }
                }
                return new FolderLayout(split(null, root, top), null, unreadable, looseFiles, warnings);
            }
            for (String name : top.keySet()) {
                if (!name.equals(TRAIN) && !name.equals(heldOutName)) {
                    warnings.add(top.get(name) + " is not used: " + (HELD_OUT.contains(name)
                            ? top.get(heldOutName) + " is the held-out set"
                            : "a folder split into train and " + heldOutName + " is read from those two only"));
                }
            }
            Split train = split(TRAIN, top.get(TRAIN), subfolders(top.get(TRAIN)));
            Split heldOut = split(heldOutName, top.get(heldOutName), subfolders(top.get(heldOutName)));
            List<String> trainClasses = train.classNames();
            for (ClassFolder heldOutClass : heldOut.classes()) {
                if (!trainClasses.contains(heldOutClass.name())) {
                    throw new FoveaException(heldOutClass.folder() + ": class '" + heldOutClass.name()
                            + "' has no folder in " + train.folder() + " (classes there: "
                            + (trainClasses.isEmpty() ? "none" : String.join(", ", trainClasses)) + ")");
                }
            }
            return new FolderLayout(train, heldOut, unreadable, looseFiles, warnings);
        }

        /** The folders directly in {@code folder} by name, except hidden ones; notes the files there as loose. */
        private Map<String, Path> subfolders(Path folder) {
            Map<String, Path> found = new TreeMap<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
                for (Path entry : entries) {
                    String name = entry.getFileName().toString();
                    if (name.startsWith(".")) {
                        continue;
                    }
                    if (!Files.isDirectory(entry)) {
                        looseFiles.add(relative(root, entry));
                    } else if (found.put(name, entry) != null) {
                        throw new FoveaException(folder + ": two folders have names that read the same, '" + name
                                + "', in this Java's file-name encoding (sun.jnu.encoding="
                                + System.getProperty("sun.jnu.encoding")
                                + "); run Java with a UTF-8 locale, e.g. LC_ALL=C.UTF-8");
                    }
                }
            } catch (IOException e) {
                throw new FoveaException(folder + ": cannot list the folder: " + describe(e), e);
            }
            return found;
        }

        private Split split(String name, Path folder, Map<String, Path> classFolders) {
            List<ClassFolder> classes = new ArrayList<>();
            classFolders.forEach((className, classFolder) ->
                    classes.add(new ClassFolder(className, classFolder, files(classFolder))));
            return new Split(name, folder, classes);
        }

        /** The files in a class folder and its subfolders, by relative path (then by the bytes of the name, for names that decode alike). */
        private List<Path> files(Path classFolder) {
            List<Path> files = new ArrayList<>();
            try {
                Files.walkFileTree(classFolder, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                        new SimpleFileVisitor<>() {
                            @Override
                            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                                boolean hidden = !dir.equals(classFolder) && dir.getFileName().toString().startsWith(".");
                                return hidden ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                            }

                            @Override
                            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                                if (attributes.isRegularFile()) {
                                    files.add(file);
                                } else {
                                    unreadable.add(new Skip(relative(root, file), attributes.isSymbolicLink()
                                            ? "a symbolic link to nothing" : "not a regular file"));
                                }
                                return FileVisitResult.CONTINUE;
                            }

                            @Override
                            public FileVisitResult visitFileFailed(Path file, IOException e) {
                                unreadable.add(new Skip(relative(root, file), "cannot read: " + describe(e)));
                                return FileVisitResult.CONTINUE;
                            }

                            @Override
                            public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                                if (e != null) {
                                    unreadable.add(new Skip(relative(root, dir), "cannot list: " + describe(e)));
                                }
                                return FileVisitResult.CONTINUE;
                            }
                        });
            } catch (IOException e) {
                throw new FoveaException(classFolder + ": cannot list the folder: " + describe(e), e);
            }
            files.sort(Comparator.comparing((Path file) -> relative(classFolder, file)).thenComparing(Comparator.naturalOrder()));
            return files;
        }

        private static String describe(IOException e) {
            if (e instanceof FileSystemLoopException) {
                return "a symbolic link loop";
            }
            if (e instanceof AccessDeniedException) {
                return "permission denied";
            }
            return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        }
    }
}
