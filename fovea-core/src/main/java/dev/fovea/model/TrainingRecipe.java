package dev.fovea.model;

import dev.fovea.data.InputScaling;
import dev.fovea.nn.Loss;
import dev.fovea.optim.Adam;
import dev.fovea.optim.LearningRateSchedule;
import dev.fovea.optim.Optimizer;
import dev.fovea.optim.RmsProp;
import dev.fovea.optim.Sgd;
import java.util.List;
import java.util.Locale;

/**
 * How a built-in model is trained by default: loss, optimizer, learning rate, batch size, epochs
 * and input scaling, as in the tutorial it comes from. Every value can be overridden by the caller.
 */
public record TrainingRecipe(Loss loss, String optimizer, double learningRate, float momentum, int batchSize,
                             int epochs, InputScaling.Kind inputScaling) {

    /** The names {@link #optimizer} knows. */
    public static final List<String> OPTIMIZERS = List.of("adam", "sgd", "nesterov", "rmsprop");

    /**
     * Creates the named optimizer: "adam", "sgd" (with the given momentum), "nesterov" (momentum 0.9
     * when given 0) or "rmsprop"; the learning rate comes from the schedule.
     */
    public static Optimizer optimizer(String name, float momentum, float weightDecay, LearningRateSchedule schedule) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "adam":
                return new Adam(schedule, 0.9f, 0.999f, Adam.DEFAULT_EPSILON, weightDecay);
            case "sgd":
                return new Sgd(schedule, momentum, false, weightDecay);
            case "nesterov":
                return new Sgd(schedule, momentum == 0 ? 0.9f : momentum, true, weightDecay);
            case "rmsprop":
                return new RmsProp(schedule, 0.9f, 0f, 1e-7f, weightDecay);
            default:
                throw new IllegalArgumentException("unknown optimizer '" + name
                        + "': expected adam, sgd, nesterov or rmsprop");
        }
    }
}
