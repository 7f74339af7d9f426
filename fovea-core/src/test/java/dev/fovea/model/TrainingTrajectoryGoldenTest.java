package dev.fovea.model;

import dev.fovea.nn.ActivationFunction;
import dev.fovea.nn.Conv2D;
import dev.fovea.nn.Dense;
import dev.fovea.nn.Flatten;
import dev.fovea.nn.ForwardContext;
import dev.fovea.nn.Loss;
import dev.fovea.nn.MaxPooling2D;
import dev.fovea.optim.Adam;
import dev.fovea.optim.LearningRateSchedule;
import dev.fovea.optim.Optimizer;
import dev.fovea.optim.Sgd;
import dev.fovea.tensor.Tensor;
import dev.fovea.testing.Approx;
import dev.fovea.testing.GoldenFile;
import org.junit.jupiter.api.Test;

/**
 * Twenty training steps of a small CNN from fixed weights, compared step by step with PyTorch
 * (golden/trajectory_*.golden, made by golden/make_golden.py): every op's forward and backward,
 * the loss, and the optimizer's update rule must all agree for the losses and final weights to.
 *
 * <p>Tolerance: both runs are float32; they differ only in summation order, which perturbs values
 * by ~1e-7 relative per step. Twenty steps of a contracting optimisation keep the drift near that
 * (the generator measured float32-vs-float64 gaps of at most 3e-7), so 2e-5 absolute + 1e-4
 * relative leaves headroom for order effects while any wrong formula (an eps in the wrong place,
 * a missing bias correction, momentum's first step) shows up far above it.
 */
class TrainingTrajectoryGoldenTest {
    private static final double ABS = 2e-5;
    private static final double REL = 1e-4;

    @Test
    void sgdWithMomentumAndWeightDecayFollowsPyTorch() {
        GoldenFile g = GoldenFile.load("trajectory_sgd_momentum");
        Optimizer sgd = new Sgd(LearningRateSchedule.constant(g.floatParam("lr")), g.floatParam("momentum"),
                g.intParam("nesterov") == 1, g.floatParam("weight_decay"));
        check(g, sgd);
    }

    @Test
    void adamFollowsPyTorch() {
        GoldenFile g = GoldenFile.load("trajectory_adam");
        Optimizer adam = new Adam(LearningRateSchedule.constant(g.floatParam("lr")), g.floatParam("beta1"),
                g.floatParam("beta2"), g.floatParam("eps"), 0f);
        check(g, adam);
    }

    private static void check(GoldenFile g, Optimizer optimizer) {
        Sequential model = new Sequential(10, 10, 1).add(
                new Conv2D(4, 3, ActivationFunction.RELU), new MaxPooling2D(2), new Flatten(), new Dense(4));
        copy(g.tensor("conv_w"), model.layers().get(0).parameters().get("kernel"));
        copy(g.tensor("conv_b"), model.layers().get(0).parameters().get("bias"));
        copy(g.tensor("dense_w"), model.layers().get(3).parameters().get("kernel"));
        copy(g.tensor("dense_b"), model.layers().get(3).parameters().get("bias"));
        Tensor x = Tensor.of(g.tensor("x"), g.shape("x"));
        float[] labelValues = g.tensor("labels");
        int[] labels = new int[labelValues.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = Math.round(labelValues[i]);
        }
        Loss loss = Loss.sparseCategoricalCrossentropy();
        int steps = g.intParam("steps");
        float[] losses = new float[steps];
        for (int step = 0; step < steps; step++) {
            model.parameters().forEach(Tensor::zeroGrad);
            Tensor value = loss.compute(model.forward(x, ForwardContext.INFERENCE), labels);
            losses[step] = value.item();
            value.backward();
            optimizer.step(model.trainableParameters());
        }
        Approx.assertClose("losses", g.tensor("losses"), losses, ABS, REL);
        Approx.assertClose("final conv kernel", g.tensor("final_conv_w"),
                model.layers().get(0).parameters().get("kernel").data(), ABS, REL);
        Approx.assertClose("final conv bias", g.tensor("final_conv_b"),
                model.layers().get(0).parameters().get("bias").data(), ABS, REL);
        Approx.assertClose("final dense kernel", g.tensor("final_dense_w"),
                model.layers().get(3).parameters().get("kernel").data(), ABS, REL);
        Approx.assertClose("final dense bias", g.tensor("final_dense_b"),
                model.layers().get(3).parameters().get("bias").data(), ABS, REL);
    }

    private static void copy(float[] values, Tensor parameter) {
        System.arraycopy(values, 0, parameter.data(), 0, parameter.size());
    }
}
