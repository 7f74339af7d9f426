package dev.fovea.viz.tensorboard;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One node of the graph shown in TensorBoard's Graphs tab: a layer or the input.
 *
 * @param name        unique name, e.g. "conv2d"
 * @param op          what the node does, e.g. "Conv2D"; shown as the node's operation
 * @param inputs      names of the nodes feeding this one
 * @param outputShape per-example output shape; the graph shows it with an unknown batch dimension first
 * @param attributes  further facts shown in the node's info panel, as text
 */
public record GraphNode(String name, String op, List<String> inputs, int[] outputShape,
                        Map<String, String> attributes) {
    public GraphNode {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a graph node needs a name");
        }
        if (op == null || op.isEmpty()) {
            throw new IllegalArgumentException("graph node " + name + " needs an op");
        }
        inputs = List.copyOf(inputs);
        outputShape = outputShape.clone();
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes)); // keeps their order
    }

    @Override
    public int[] outputShape() {
        return outputShape.clone();
    }
}
