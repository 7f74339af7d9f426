package dev.fovea.data.folder;

import java.util.SplittableRandom;

/** Chooses the images of one class that are held out for testing, reproducibly. */
final class HeldOut {
    private HeldOut() {}

    /**
     * Which of a class's {@code count} images (in path order) are held out: exactly
     * round(fraction x count) of them, drawn at random from the seed and the class name. The name
     * makes each class's draw independent of the other classes, so adding a class changes no other
     * class's split.
     */
    static boolean[] choose(int count, double fraction, long seed, String className) {
        int heldOut = (int) Math.round(fraction * count);
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed ^ (className.hashCode() * 0x9E3779B97F4A7C15L));
        // The first heldOut steps of a Fisher-Yates shuffle: a uniformly random subset.
        for (int i = 0; i < heldOut; i++) {
            int j = i + random.nextInt(count - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        boolean[] chosen = new boolean[count];
        for (int i = 0; i < heldOut; i++) {
            chosen[order[i]] = true;
        }
        return chosen;
    }
}
