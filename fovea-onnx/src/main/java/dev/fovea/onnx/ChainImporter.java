package dev.fovea.onnx;

import dev.fovea.data.InputScaling;
import dev.fovea.io.SizeLimits;
import dev.fovea.kernel.Padding;
import dev.fovea.kernel.Window2d;
import dev.fovea.model.GraphModel;
import dev.fovea.model.Model;
import dev.fovea.model.Sequential;
import dev.fovea.nn.ActivationFunction;
import dev.fovea.nn.Add;
import dev.fovea.nn.Concatenate;
import dev.fovea.nn.Layer;
import dev.fovea.nn.Node;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a {@link GraphChain} into a Fovea model, node by node: a Sequential for a chain, else a
 * GraphModel.
 *
 * <p>Each value computed from the input has a segment: its layout (below), the Fovea node it
 * starts from, and the layers still to apply to it, the last open to an activation, bias or
 * normalisation that follows. A value read by several nodes, or merged by Add, Sum or Concat, has
 * its layers applied (to Fovea nodes, by {@code Layer.apply}) and its readers start new segments.
 *
 * <p>Fovea's tensors are NHWC; an ONNX graph may hold the same values in another axis order (NCHW
 * after the input of a PyTorch model, or after a Transpose). The importer tracks that order as a
 * permutation: ONNX axis i of the current value is Fovea axis {@code perm[i]}. Conv and pooling
 * need it to be NCHW. A Flatten of a non-NHWC value orders the features differently from Fovea's
 * Flatten, so the rows of the next Gemm or MatMul are permuted to match.
 */
final class ChainImporter {
    private static final int[] NHWC = {0, 1, 2, 3};
    private static final int[] NCHW = {0, 3, 1, 2};
    private static final int[] VECTOR = {0, 1};
    /** Bound on one example's input values (a 4096x4096 RGB image), as for Fovea's model files. */
    private static final long MAX_INPUT_VALUES = 4096L * 4096 * 3;
    private static final Set<String> MERGES = Set.of("Add", "Sum", "Concat");
    private static final Set<String> LAYOUT_BOUND = Set.of("Conv", "MaxPool", "AveragePool", "GlobalAveragePool",
            "BatchNormalization", "Flatten", "Reshape", "Gemm", "MatMul", "Softmax");
    private static final String SUPPORTED = "Conv (and a zero Pad before it), MaxPool, AveragePool, GlobalAveragePool, Gemm, MatMul (+ Add), "
            + "BatchNormalization, Relu, LeakyRelu, Sigmoid, Tanh, Softmax, Flatten, Reshape, "
            + "Squeeze, Transpose, Dropout, Identity";

    private final GraphChain chain;
    private final int opset;
    /** Whether a BatchNormalization right after a Conv or Gemm is folded into it: in graphs Fovea did not write. */
    private final boolean foldBatchNormalization;
    private final ConstantValues constants;
    private final Map<String, long[]> dimsByValue = new HashMap<>();
    /** The segment of each value computed from the input, by name. */
    private final Map<String, Segment> values = new HashMap<>();
    /** How many nodes read each value computed from the input. */
    private final Map<String, Integer> readers = new HashMap<>();
    /** The layers made for weights that several nodes may share, by the name of their weights. */
    private final Map<String, Shared> sharedLayers = new HashMap<>();
    /** Whether a value is read by several nodes or merged: the model is then a graph model. */
    private boolean branched;
    /** The current segment's layers still to apply to {@link #base}, the last one open to what follows it. */
    private List<LayerDraft> drafts = new ArrayList<>();
    /** The Fovea node the current segment starts from. */
    private Node base;
    /** ONNX axis i of the current value is axis perm[i] of Fovea's (batch, ...shape). */
    private int[] perm;
    /** Fovea's per-example shape of the current value. */
    private int[] shape;
    /** After flattening a non-NHWC value: the Fovea feature index of each ONNX feature; else null. */
    private int[] featureOrder;
    /** After GlobalAveragePool: ONNX still has [N, C, 1, 1] where Fovea has (C); shape is (1, 1, C). */
    private boolean pooledFlat;
    /** Zero padding [top, left, bottom, right] of a Pad node, for the Conv that must come next; else null. */
    private long[] pendingPads;

    private ChainImporter(GraphChain chain, int opset, boolean foldBatchNormalization) {
        this.chain = chain;
        this.opset = opset;
        this.foldBatchNormalization = foldBatchNormalization;
        this.constants = new ConstantValues(chain, dimsByValue::get, opset);
    }

    /**
     * The model a chain describes.
     *
     * @param foveaScaling for a graph Fovea exported: the input scaling its metadata names, whose
     *     nodes start the chain (and whose input is then NHWC); null for other graphs, whose model
     *     gets unit scaling and whose input is NHWC only if a Transpose to NCHW comes first
     */
    static <M extends Model> M toModel(GraphChain chain, int opset, InputScaling.Kind foveaScaling) {
        return new ChainImporter(chain, opset, foveaScaling == null).run(foveaScaling);
    }

    @SuppressWarnings("unchecked")
    private <M extends Model> M run(InputScaling.Kind foveaScaling) {
        int[] inputShape = readInput(foveaScaling != null || transposesToNchwFirst(chain.nodes));
        InputScaling scaling = InputScaling.unit();
        int first = 0;
        if (foveaScaling != null) {
            InputScalingGraph.Recognised r = InputScalingGraph.recognise(foveaScaling, chain.nodes, constants, inputShape);
            scaling = r.scaling();
            first = r.nodes();
        }
        String start = chain.input.name();
        for (int i = 0; i < first; i++) {
            start = chain.nodes.get(i).outputs().get(0);
            dimsByValue.put(start, onnxDims());
        }
        List<NodeProto> layerNodes = chain.nodes.subList(first, chain.nodes.size());
        Node input = Node.input(inputShape);
        values.put(start, save(input));
        countReaders(layerNodes);
        for (NodeProto node : layerNodes) {
            if (!node.domain().isEmpty() && !node.domain().equals("ai.onnx")) {
                throw new InvalidOnnx(node.describe() + ": unsupported operator '" + node.opType() + "' of domain '"
                        + node.domain() + "'");
            }
            try {
                List<String> read = node.inputs().stream().filter(values::containsKey).distinct().toList();
                if (read.isEmpty()) {
                    throw new InvalidOnnx(node.describe() + " reads only values of the input scaling's nodes");
                } else if (read.size() > 1) {
                    merge(node, read);
                } else {
                    load(segmentFor(read.get(0)));
                    translate(node);
                }
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new InvalidOnnx(node.describe() + ": " + e.getMessage());
            }
            dimsByValue.put(node.outputs().get(0), onnxDims());
            values.put(node.outputs().get(0), save(base));
        }
        load(values.get(chain.output));
        if (pendingPads != null) {
            throw new InvalidOnnx("the graph ends with a Pad, which Fovea reads only before a Conv");
        }
        if (featureOrder != null) {
            throw new InvalidOnnx("the graph output is an image flattened in another axis order than NHWC, which "
                    + "Fovea's Flatten cannot give (only the weights of a Gemm or MatMul after it can absorb the order)");
        }
        Model model = branched ? GraphModel.of(input, flush(values.get(chain.output)).base()) : assemble(inputShape);
        model.inputScaling(scaling);
        return (M) model;
    }

    /** How many nodes read each value computed from the input; the graph output counts as a reader. */
    private void countReaders(List<NodeProto> nodes) {
        Set<String> computed = new HashSet<>(values.keySet());
        for (NodeProto node : nodes) {
            for (String in : new HashSet<>(node.inputs())) {
                if (computed.contains(in)) {
                    readers.merge(in, 1, Integer::sum);
                }
            }
            computed.add(node.outputs().get(0));
        }
        readers.merge(chain.output, 1, Integer::sum);
    }

    /**
     * Where the layers of a node reading {@code value} continue: the value's own segment when this is
     * its only reader (so that an activation, bias or normalisation can still join the layer
     * before it), else a new segment from the value's layers applied once for all its readers.
     */
    private Segment segmentFor(String value) {
        Segment segment = values.get(value);
        if (readers.getOrDefault(value, 0) <= 1) {
            return segment;
        }
        if (segment.pendingPads() != null) {
            throw new InvalidOnnx("the output '" + value + "' of a Pad is read by several nodes; Fovea reads a "
                    + "Pad only right before a Conv");
        }
        Segment flushed = flush(segment);
        values.put(value, flushed);
        branched = true;
        return new Segment(flushed.perm(), flushed.shape(), flushed.featureOrder(), flushed.pooledFlat(), null,
                flushed.base(), new ArrayList<>());
    }

    /**
     * Add or Sum of values of one layout and shape, or Concat over their channel axis: Fovea's Add
     * or Concatenate applied to the values' nodes.
     */
    private void merge(NodeProto node, List<String> read) {
        String op = node.opType();
        if (!op.equals("Add") && !op.equals("Sum") && !op.equals("Concat") || read.size() != node.inputs().size()) {
            throw unsupported(node, "a " + op + " of several values computed from the input"
                    + (MERGES.contains(op) ? " and constants" : "") + " (Fovea merges values with Add, Sum and Concat)");
        }
        List<Node> nodes = new ArrayList<>();
        Segment first = null;
        for (String value : node.inputs()) {
            Segment s = segmentFor(value);
            if (s.pendingPads() != null || s.featureOrder() != null || s.pooledFlat()) {
                throw unsupported(node, "a " + op + " of '" + value + "', a value Fovea holds in another form than "
                        + "ONNX (a pending Pad, a flatten in another order, or a pooled 1x1 image)");
            }
            if (first != null && !Arrays.equals(first.perm(), s.perm())) {
                throw unsupported(node, "a " + op + " of values laid out " + layoutName(first.perm()) + " and "
                        + layoutName(s.perm()));
            }
            first = first == null ? s : first;
            nodes.add(flush(s).base());
        }
        load(first);
        Layer layer;
        if (op.equals("Concat")) {
            long axis = node.intAttribute("axis", Long.MIN_VALUE);
            int rank = perm.length;
            long a = axis < 0 ? axis + rank : axis;
            if (a < 0 || a >= rank || perm[(int) a] != rank - 1) {
                throw unsupported(node, "a Concat over axis " + axis + " of " + layoutName(perm)
                        + " values (Fovea's Concatenate joins the channels, the last NHWC axis)");
            }
            layer = new Concatenate();
        } else {
            layer = new Add();
        }
        base = layer.apply(nodes.toArray(Node[]::new));
        requireOutputWithinLimit(layer, base.shape());
        shape = base.shape();
        drafts = new ArrayList<>();
        branched = true;
    }

    /** Refuses a layer whose output per example is beyond {@link SizeLimits#layerValues()}. */
    private static void requireOutputWithinLimit(Layer layer, int[] shape) {
        try {
            SizeLimits.requireLayerOutput(layer.name(), shape);
        } catch (IllegalArgumentException e) {
            throw new InvalidOnnx(e.getMessage());
        }
    }

    /** {@code segment} with its layers applied to its base node, and none left to apply. */
    private Segment flush(Segment segment) {
        if (segment.drafts().isEmpty()) {
            return segment;
        }
        Node node = segment.base();
        for (LayerDraft draft : segment.drafts()) {
            node = apply(draft, node);
        }
        return new Segment(segment.perm(), segment.shape(), segment.featureOrder(), segment.pooledFlat(),
                segment.pendingPads(), node, new ArrayList<>());
    }

    /**
     * The draft's layer applied to {@code node}: a new layer with the draft's weights, or the layer
     * made for an earlier node with the same weights (a layer applied twice, its weights shared).
     */
    private Node apply(LayerDraft draft, Node node) {
        String weights = draft.weightsName();
        Shared earlier = weights == null ? null : sharedLayers.get(weights);
        try {
            if (earlier != null) {
                if (!earlier.draft().sameLayer(draft)) {
                    throw new InvalidOnnx("the weights '" + weights + "' are used by two nodes that differ (in "
                            + "activation, bias or a folded normalisation); Fovea shares weights between identical "
                            + "layers only");
                }
                return earlier.layer().apply(node);
            }
            Layer layer = draft.layer();
            Node out = layer.apply(node);
            requireOutputWithinLimit(layer, out.shape());
            draft.copyWeights(layer);
            if (weights != null) {
                sharedLayers.put(weights, new Shared(draft, layer));
            }
            return out;
        } catch (IllegalArgumentException e) {
            throw new InvalidOnnx("the layers do not fit together: " + e.getMessage());
        }
    }

    /** Where a value stands: its layout (as the fields below), the node it starts from, and the layers still to apply. */
    private record Segment(int[] perm, int[] shape, int[] featureOrder, boolean pooledFlat, long[] pendingPads,
                           Node base, List<LayerDraft> drafts) {}

    /** A layer made from a draft, for the nodes that share its weights. */
    private record Shared(LayerDraft draft, Layer layer) {}

    private Segment save(Node from) {
        return new Segment(perm, shape, featureOrder, pooledFlat, pendingPads, from, drafts);
    }

    private void load(Segment s) {
        perm = s.perm();
        shape = s.shape();
        featureOrder = s.featureOrder();
        pooledFlat = s.pooledFlat();
        pendingPads = s.pendingPads();
        base = s.base();
        drafts = s.drafts();
    }

    /** Fovea's per-example input shape (H, W, C) from the graph input's dims; sets the initial layout. */
    private int[] readInput(boolean nhwc) {
        ValueInfoProto in = chain.input;
        if (!in.tensor() || in.elemType() != TensorProto.FLOAT || in.dims().size() != 4) {
            throw new InvalidOnnx("the graph input '" + in.name() + "' is " + (in.tensor() ? "a tensor of type "
                    + in.elemType() + " and dims " + in.dims() : "not a tensor") + "; Fovea imports image models "
                    + "taking float [N, C, H, W] (as PyTorch) or [N, H, W, C]");
        }
        int[] d = new int[3];
        for (int i = 0; i < 3; i++) {
            ValueInfoProto.Dim dim = in.dims().get(i + 1);
            if (!dim.fixed() || dim.value() < 1 || dim.value() > 1 << 20) {
                throw new InvalidOnnx("the graph input '" + in.name() + "' has dims " + in.dims()
                        + "; Fovea needs fixed image dimensions from 1 to 2^20");
            }
            d[i] = (int) dim.value();
        }
        if ((long) d[0] * d[1] * d[2] > MAX_INPUT_VALUES) {
            throw new InvalidOnnx("the graph input '" + in.name() + "' with dims " + in.dims() + " has more than "
                    + MAX_INPUT_VALUES + " values per example");
        }
        perm = nhwc ? NHWC : NCHW;
        shape = nhwc ? d : new int[] {d[1], d[2], d[0]};
        dimsByValue.put(in.name(), onnxDims());
        return shape.clone();
    }

    /** Whether the first layout-dependent node is a Transpose from NHWC to NCHW (as tf2onnx writes). */
    private static boolean transposesToNchwFirst(List<NodeProto> nodes) {
        for (NodeProto node : nodes) {
            if (node.opType().equals("Transpose")) {
                long[] p = node.intsAttribute("perm");
                return p != null && Arrays.equals(p, Layouts.TO_NCHW);
            }
            if (LAYOUT_BOUND.contains(node.opType())) {
                return false;
            }
        }
        return false;
    }

    /** A chain's layers as a Sequential. */
    private Sequential assemble(int[] inputShape) {
        Sequential model = new Sequential(inputShape);
        for (LayerDraft draft : drafts) {
            Layer layer = draft.layer();
            try {
                model.add(layer);
                requireOutputWithinLimit(layer, model.outputShape());
            } catch (IllegalArgumentException e) {
                throw new InvalidOnnx("the layers do not fit together: " + e.getMessage());
            }
            draft.copyWeights(layer);
        }
        return model;
    }

    private void translate(NodeProto node) {
        if (pendingPads != null && !node.opType().equals("Conv")) {
            throw unsupported(node, "a Pad that a Conv does not follow (Fovea pads inside its layers)");
        }
        switch (node.opType()) {
            case "Identity" -> { }
            case "Pad" -> pad(node);
            case "Dropout" -> dropout(node);
            case "Transpose" -> transpose(node);
            case "Conv" -> conv(node);
            case "MaxPool", "AveragePool" -> pool(node);
            case "GlobalAveragePool" -> {
                requireNchwImage(node);
                add(LayerDraft.globalAveragePool());
                shape = new int[] {1, 1, shape[2]};
                pooledFlat = true;
            }
            case "Flatten" -> {
                long axis = node.intAttribute("axis", 1);
                if (axis != 1 && axis != 1 - perm.length) {
                    throw unsupported(node, "Flatten with axis " + axis + " (Fovea flattens each example: axis 1)");
                }
                flatten();
            }
            case "Reshape" -> reshape(node);
            case "Squeeze" -> squeeze(node);
            case "Gemm" -> gemm(node);
            case "MatMul" -> dense(node, constants.input(node, 1, "weights"), false, 1f);
            case "Add" -> bias(node);
            case "BatchNormalization" -> batchNormalization(node);
            case "Relu" -> activation(node, ActivationFunction.RELU);
            case "LeakyRelu" -> activation(node, ActivationFunction.leakyRelu(node.floatAttribute("alpha", 0.01f)));
            case "Sigmoid" -> activation(node, ActivationFunction.SIGMOID);
            case "Tanh" -> activation(node, ActivationFunction.TANH);
            case "Softmax" -> softmax(node);
            default -> throw new InvalidOnnx(node.describe() + ": unsupported operator '" + node.opType()
                    + "' (Fovea imports " + SUPPORTED + ")");
        }
    }

    private void add(LayerDraft draft) {
        drafts.add(draft);
    }

    /** The layer whose output is the current value (nodes in between only moved axes), or null. */
    private LayerDraft last() {
        return drafts.isEmpty() ? null : drafts.get(drafts.size() - 1);
    }

    private void dropout(NodeProto node) {
        float rate = opset < 12 ? node.floatAttribute("ratio", 0.5f)
                : node.input(1).isEmpty() ? 0.5f : constants.input(node, 1, "ratio").floats()[0];
        if (rate > 0) {
            add(LayerDraft.dropout(rate));
        }
    }

    /**
     * Zero padding of the height and width: nothing if it is zero on every side (PyTorch writes such
     * a Pad before AvgPool2d), else added to the padding of the Conv that must follow.
     */
    private void pad(NodeProto node) {
        int rank = perm.length;
        long[] pads = opset < 11 ? node.intsAttribute("pads") : constants.input(node, 1, "pads").longs();
        float value = opset < 11 ? node.floatAttribute("value", 0f)
                : node.input(2).isEmpty() ? 0f : constants.input(node, 2, "constant_value").floats()[0];
        if (pads == null || pads.length != 2 * rank) {
            throw new InvalidOnnx(node.describe() + ": needs pads of " + 2 * rank + " values");
        }
        if (Arrays.stream(pads).allMatch(p -> p == 0)) {
            return;
        }
        if (!node.input(3).isEmpty() || !node.stringAttribute("mode", "constant").equals("constant") || value != 0
                || !Arrays.equals(perm, NCHW) || pooledFlat || pads[0] != 0 || pads[1] != 0 || pads[4] != 0
                || pads[5] != 0 || Arrays.stream(pads).anyMatch(p -> p < 0)) {
            throw unsupported(node, "a Pad other than zeros around the height and width of an NCHW image");
        }
        pendingPads = new long[] {pads[2], pads[3], pads[6], pads[7]};
    }

    private void transpose(NodeProto node) {
        long[] p = node.intsAttribute("perm");
        int rank = perm.length;
        if (p == null) {
            p = new long[rank];
            for (int i = 0; i < rank; i++) {
                p[i] = rank - 1 - i;
            }
        }
        boolean[] seen = new boolean[rank];
        int[] next = new int[rank];
        for (int i = 0; i < rank; i++) {
            if (p.length != rank || p[i] < 0 || p[i] >= rank || seen[(int) p[i]]) {
                throw new InvalidOnnx(node.describe() + ": perm " + Arrays.toString(p) + " is not a permutation of "
                        + rank + " axes");
            }
            seen[(int) p[i]] = true;
            next[i] = perm[(int) p[i]];
        }
        if (next[0] != 0) {
            throw unsupported(node, "a Transpose that moves the batch axis");
        }
        perm = next;
    }

    private void conv(NodeProto node) {
        requireNchwImage(node);
        long group = node.intAttribute("group", 1);
        if (group != 1) {
            throw unsupported(node, "grouped convolution (group " + group + ")");
        }
        TensorProto w = constants.input(node, 1, "weights");
        long[] wd = w.dims();
        int channels = shape[2];
        if (wd.length != 4 || wd[1] != channels) {
            throw new InvalidOnnx(node.describe() + ": weights of dims " + Arrays.toString(wd) + " do not fit an input of "
                    + channels + " channels (expected [F, " + channels + ", KH, KW])");
        }
        int filters = (int) wd[0];
        int size = squareWindow(node, wd[2], wd[3]);
        int stride = stride(node);
        long[] pads = pads(node, size, stride);
        if (pendingPads != null) {
            for (int i = 0; i < 4; i++) {
                pads[i] += pendingPads[i];
            }
            pendingPads = null;
            checkPads(node, pads, size);
        }
        Padding padding = Layouts.foveaPadding(pads, shape[0], shape[1], size, stride);
        float[] bias = null;
        if (!node.input(2).isEmpty()) {
            bias = vector(node, constants.input(node, 2, "bias"), filters, "bias");
        }
        Window2d g = Window2d.of(1, shape[0], shape[1], channels, size, size, stride, stride, padding);
        add(LayerDraft.conv(filters, size, stride, padding, Layouts.kernelFromOnnx(w.floats(), filters, channels, size, size),
                bias).weightsName(w.name()));
        shape = new int[] {g.outH(), g.outW(), filters};
    }

    private void pool(NodeProto node) {
        requireNchwImage(node);
        long[] k = node.intsAttribute("kernel_shape");
        if (k == null || k.length != 2) {
            throw new InvalidOnnx(node.describe() + ": needs a kernel_shape of two values");
        }
        int size = squareWindow(node, k[0], k[1]);
        int stride = stride(node);
        long[] pads = pads(node, size, stride);
        Padding padding = Layouts.foveaPadding(pads, shape[0], shape[1], size, stride);
        if (node.intAttribute("ceil_mode", 0) != 0
                && ((shape[0] + pads[0] + pads[2] - size) % stride != 0 || (shape[1] + pads[1] + pads[3] - size) % stride != 0)) {
            throw unsupported(node, "ceil_mode 1 where it changes the output size (Fovea rounds down)");
        }
        boolean padded = pads[0] + pads[1] + pads[2] + pads[3] > 0;
        boolean average = node.opType().equals("AveragePool");
        if (average && padded && node.intAttribute("count_include_pad", 0) != 0) {
            throw unsupported(node, "count_include_pad 1 with padding (Fovea averages the cells inside the image)");
        }
        Window2d g = Window2d.of(1, shape[0], shape[1], shape[2], size, size, stride, stride, padding);
        add(average ? LayerDraft.averagePool(size, stride, padding) : LayerDraft.maxPool(size, stride, padding));
        shape = new int[] {g.outH(), g.outW(), shape[2]};
    }

    private int squareWindow(NodeProto node, long kh, long kw) {
        long[] declared = node.intsAttribute("kernel_shape");
        if (declared != null && (declared.length != 2 || declared[0] != kh || declared[1] != kw)) {
            throw new InvalidOnnx(node.describe() + ": kernel_shape " + Arrays.toString(declared) + " does not match the "
                    + kh + "x" + kw + " weights");
        }
        if (kh != kw || kh < 1 || kh > 1 << 20) {
            throw unsupported(node, "a " + kh + "x" + kw + " window (Fovea's windows are square)");
        }
        long[] dilations = node.intsAttribute("dilations");
        if (dilations != null && Arrays.stream(dilations).anyMatch(d -> d != 1)) {
            throw unsupported(node, "dilations " + Arrays.toString(dilations));
        }
        return (int) kh;
    }

    private static int stride(NodeProto node) {
        long[] s = node.intsAttribute("strides");
        if (s == null) {
            return 1;
        }
        if (s.length != 2 || s[0] != s[1] || s[0] < 1 || s[0] > 1 << 20) {
            throw unsupported(node, "strides " + Arrays.toString(s) + " (Fovea's strides are equal in height and width)");
        }
        return (int) s[0];
    }

    /** The node's padding as [top, left, bottom, right], from pads or auto_pad; each side smaller than the window. */
    private long[] pads(NodeProto node, int size, int stride) {
        String autoPad = node.stringAttribute("auto_pad", "NOTSET");
        long[] pads;
        switch (autoPad) {
            case "NOTSET" -> {
                pads = node.intsAttribute("pads");
                pads = pads == null ? new long[4] : pads;
                if (pads.length != 4) {
                    throw new InvalidOnnx(node.describe() + ": pads " + Arrays.toString(pads) + " must have 4 values");
                }
            }
            case "VALID" -> pads = new long[4];
            case "SAME_UPPER", "SAME_LOWER" -> {
                pads = new long[4];
                for (int axis = 0; axis < 2; axis++) {
                    int in = shape[axis];
                    long total = Math.max(((in + stride - 1L) / stride - 1) * stride + size - in, 0);
                    long before = autoPad.equals("SAME_UPPER") ? total / 2 : total - total / 2;
                    pads[axis] = before;
                    pads[axis + 2] = total - before;
                }
            }
            default -> throw new InvalidOnnx(node.describe() + ": unknown auto_pad '" + autoPad + "'");
        }
        checkPads(node, pads, size);
        return pads;
    }

    private static void checkPads(NodeProto node, long[] pads, int size) {
        for (long p : pads) {
            if (p < 0 || p >= size) {
                throw unsupported(node, "padding " + Arrays.toString(pads) + " (Fovea pads each side by less than the "
                        + size + "-pixel window)");
            }
        }
    }

    /** Makes the current image a vector in Fovea's NHWC order, remembering how ONNX's order differs. */
    private void flatten() {
        if (perm.length == 2) {
            return;
        }
        if (pooledFlat) {
            pooledFlat = false;
        } else {
            featureOrder = Layouts.flattenOrder(perm, shape);
            add(LayerDraft.flatten());
        }
        perm = VECTOR;
        shape = new int[] {shape[0] * shape[1] * shape[2]};
    }

    private void reshape(NodeProto node) {
        long[] target = constants.input(node, 1, "shape").longs();
        long features = shape.length == 3 ? (long) shape[0] * shape[1] * shape[2] : shape[0];
        boolean keepsBatch = target.length == 2 && (target[0] == ConstantValues.BATCH || target[0] == -1
                || target[0] > 0 || target[0] == 0 && node.intAttribute("allowzero", 0) == 0);
        boolean flattens = keepsBatch && (target[1] == -1 ? target[0] != -1 : target[1] == features);
        if (!flattens) {
            StringBuilder shown = new StringBuilder();
            for (long t : target) {
                shown.append(shown.length() == 0 ? "" : ", ").append(t == ConstantValues.BATCH ? "N" : Long.toString(t));
            }
            throw unsupported(node, "a Reshape to [" + shown + "] (Fovea imports reshapes that flatten each example)");
        }
        flatten();
    }

    private void squeeze(NodeProto node) {
        long[] axes = opset >= 13 && !node.input(1).isEmpty() ? constants.input(node, 1, "axes").longs()
                : node.intsAttribute("axes");
        long[] squeezed = axes == null ? new long[] {2, 3}
                : Arrays.stream(axes).map(a -> a < 0 ? a + 4 : a).sorted().toArray();
        if (!pooledFlat || !Arrays.equals(squeezed, new long[] {2, 3})) {
            throw unsupported(node, "a Squeeze other than of the 1x1 image a GlobalAveragePool leaves");
        }
        flatten();
    }

    private void gemm(NodeProto node) {
        if (node.intAttribute("transA", 0) != 0) {
            throw unsupported(node, "Gemm with transA 1");
        }
        dense(node, constants.input(node, 1, "weights"), node.intAttribute("transB", 0) != 0,
                node.floatAttribute("alpha", 1f));
        if (!node.input(2).isEmpty()) {
            float[] c = vector(node, constants.input(node, 2, "bias"), last().outputs(), "bias");
            float beta = node.floatAttribute("beta", 1f);
            for (int i = 0; i < c.length; i++) {
                c[i] *= beta;
            }
            last().bias(c);
        }
    }

    /**
     * A Dense layer from a Gemm's or MatMul's weights: ONNX's [IN, OUT] (or [OUT, IN] transposed)
     * times alpha, its rows put in Fovea's flatten order.
     */
    private void dense(NodeProto node, TensorProto weights, boolean transposed, float alpha) {
        if (perm.length != 2) {
            throw new InvalidOnnx(node.describe() + ": expects a [N, features] input, got an image: add a Flatten before it");
        }
        long[] d = weights.dims();
        int in = shape[0];
        if (d.length != 2 || d[transposed ? 1 : 0] != in) {
            throw new InvalidOnnx(node.describe() + ": weights of dims " + Arrays.toString(d) + " do not fit " + in
                    + " input features");
        }
        int out = (int) d[transposed ? 0 : 1];
        float[] source = weights.floats();
        float[] kernel = new float[source.length];
        for (int i = 0; i < in; i++) {
            int row = featureOrder == null ? i : featureOrder[i];
            for (int o = 0; o < out; o++) {
                kernel[row * out + o] = alpha * source[transposed ? o * in + i : i * out + o];
            }
        }
        add(LayerDraft.dense(out, kernel, null).weightsName(weights.name()));
        featureOrder = null;
        shape = new int[] {out};
    }

    /** An Add right after a MatMul or bias-less Conv, by a constant of one value per output: its bias. */
    private void bias(NodeProto node) {
        LayerDraft layer = last();
        String operand = constants.find(node.input(0)) != null ? node.input(0) : node.input(1);
        TensorProto value = constants.find(operand);
        if (layer == null || !layer.takesBias() || value == null || !onChannelAxis(value.dims(), layer.outputs())) {
            throw unsupported(node, "an Add other than the bias of the MatMul or Conv before it");
        }
        layer.bias(value.floats().length == 1 ? filled(layer.outputs(), value.floats()[0]) : value.floats());
    }

    /** Whether constant dims broadcast one value per Fovea channel (the last Fovea axis) onto the current value. */
    private boolean onChannelAxis(long[] dims, int channels) {
        int rank = perm.length;
        if (dims.length > rank) {
            return false;
        }
        for (int k = 0; k < dims.length; k++) {
            int axis = rank - dims.length + k;
            boolean channelAxis = perm[axis] == rank - 1;
            if (dims[k] != 1 && !(channelAxis && dims[k] == channels)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A BatchNormalization in inference mode. In a graph from elsewhere, one right after a Conv or
     * Gemm (before its activation) is folded into that layer's weights, which gives the same outputs
     * with one pass less; any other (after pooling, an activation, or at the start), and every one in a
     * graph Fovea exported, becomes a BatchNormalization layer, so Fovea's models come back as they were.
     */
    private void batchNormalization(NodeProto node) {
        if (node.intAttribute("training_mode", 0) != 0 || node.intAttribute("spatial", 1) != 1) {
            throw unsupported(node, "BatchNormalization in training mode or with spatial 0");
        }
        if (perm[1] != perm.length - 1) {
            throw unsupported(node, "a BatchNormalization of a " + layoutName(perm) + " value over its axis 1, which is"
                    + " not Fovea's channel axis");
        }
        int n = shape[shape.length - 1];
        float[] gamma = vector(node, constants.input(node, 1, "scale"), n, "scale");
        float[] beta = vector(node, constants.input(node, 2, "bias"), n, "bias");
        float[] mean = vector(node, constants.input(node, 3, "mean"), n, "mean");
        float[] variance = vector(node, constants.input(node, 4, "variance"), n, "variance");
        float epsilon = node.floatAttribute("epsilon", 1e-5f);
        for (int o = 0; o < n; o++) {
            if (!(variance[o] + (double) epsilon > 0)) {
                throw new InvalidOnnx(node.describe() + ": variance " + variance[o] + " of channel " + o
                        + " plus epsilon is not positive");
            }
        }
        LayerDraft layer = last();
        if (foldBatchNormalization && layer != null && layer.takesActivation()) {
            fold(layer, gamma, beta, mean, variance, epsilon);
            return;
        }
        float momentum = node.floatAttribute("momentum", 0.9f);
        if (!(epsilon > 0) || !(momentum >= 0 && momentum <= 1)) {
            throw unsupported(node, "epsilon " + epsilon + " and momentum " + momentum + " (Fovea's BatchNormalization "
                    + "needs a positive epsilon and a momentum from 0 to 1)");
        }
        if (featureOrder != null) {
            // Features flattened in another order than Fovea's: each one's statistics go to its Fovea index.
            gamma = Layouts.permute(gamma, featureOrder);
            beta = Layouts.permute(beta, featureOrder);
            mean = Layouts.permute(mean, featureOrder);
            variance = Layouts.permute(variance, featureOrder);
        }
        add(LayerDraft.batchNormalization(decimal(momentum), decimal(epsilon), gamma, beta, mean, variance)
                .weightsName(node.input(1)));
    }

    /** Folds y = gamma (x - mean) / sqrt(variance + epsilon) + beta into the Conv or Dense before it. */
    private static void fold(LayerDraft layer, float[] gamma, float[] beta, float[] mean, float[] variance,
                             double epsilon) {
        int n = gamma.length;
        double[] scale = new double[n];
        double[] shift = new double[n];
        for (int o = 0; o < n; o++) {
            scale[o] = gamma[o] / Math.sqrt(variance[o] + epsilon);
            shift[o] = beta[o] - mean[o] * scale[o];
        }
        layer.fold(scale, shift);
    }

    /** A float attribute as the shortest decimal that reads back as it (0.99f as 0.99, not 0.9900000095367432). */
    private static double decimal(float value) {
        return Double.parseDouble(Float.toString(value));
    }

    private void activation(NodeProto node, ActivationFunction function) {
        LayerDraft layer = last();
        if (layer != null && layer.takesActivation()) {
            layer.activation(function);
        } else {
            add(LayerDraft.activationLayer(function));
        }
    }

    /** Softmax over the axis that is Fovea's last (the classes, or an image's channels). */
    private void softmax(NodeProto node) {
        int rank = perm.length;
        long axis = node.intAttribute("axis", opset >= 13 ? -1 : 1);
        int a = (int) (axis < 0 ? axis + rank : axis);
        boolean lastAxis = a >= 0 && a < rank && perm[a] == rank - 1 && featureOrder == null;
        if (opset < 13) {
            // Before opset 13 Softmax normalised over all axes from axis on, as one.
            long[] dims = onnxDims();
            for (int k = a + 1; lastAxis && k < rank; k++) {
                lastAxis = dims[k] == 1;
            }
        }
        if (!lastAxis) {
            throw unsupported(node, "a Softmax over axis " + axis + " of a " + layoutName(perm)
                    + " value (Fovea's Softmax is over the last NHWC axis: channels or classes)");
        }
        activation(node, ActivationFunction.SOFTMAX);
    }

    private void requireNchwImage(NodeProto node) {
        if (perm.length != 4 || pooledFlat) {
            throw new InvalidOnnx(node.describe() + ": expects an image, but its input is a vector");
        }
        if (!Arrays.equals(perm, NCHW)) {
            throw new InvalidOnnx(node.describe() + ": its input is laid out " + layoutName(perm)
                    + ", but ONNX's " + node.opType() + " reads NCHW");
        }
    }

    /** A constant of {@code n} values (any dims holding n, or one value for all). */
    private static float[] vector(NodeProto node, TensorProto t, int n, String what) {
        float[] values = t.floats();
        if (values.length == 1 && n != 1) {
            return filled(n, values[0]);
        }
        if (values.length != n) {
            throw new InvalidOnnx(node.describe() + ": " + what + " has " + values.length + " values, expected " + n);
        }
        return values;
    }

    private static float[] filled(int n, float value) {
        float[] values = new float[n];
        Arrays.fill(values, value);
        return values;
    }

    /** The current value's ONNX dims, batch as {@link ConstantValues#BATCH}. */
    private long[] onnxDims() {
        long[] full = new long[perm.length];
        full[0] = ConstantValues.BATCH;
        for (int i = 1; i < full.length; i++) {
            full[i] = shape[i - 1];
        }
        long[] dims = new long[perm.length];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = full[perm[i]];
        }
        return dims;
    }

    private static String layoutName(int[] p) {
        if (p.length != 4) {
            return "[N, features]";
        }
        char[] letters = {'N', 'H', 'W', 'C'};
        StringBuilder s = new StringBuilder();
        for (int axis : p) {
            s.append(letters[axis]);
        }
        return s.toString();
    }

    private static InvalidOnnx unsupported(NodeProto node, String what) {
        return new InvalidOnnx(node.describe() + ": Fovea cannot import " + what);
    }
}
