package dev.fovea.kernel;

/**
 * The geometry of a 2-D sliding window over a batch of NHWC images: input size, window size,
 * stride, the padding actually applied on each side, and the output size.
 */
public record Window2d(int batch, int inH, int inW, int channels,
                       int kernelH, int kernelW, int strideH, int strideW,
                       int padTop, int padLeft, int outH, int outW) {

    public static Window2d of(int batch, int inH, int inW, int channels,
                              int kernelH, int kernelW, int strideH, int strideW, Padding padding) {
        if (kernelH < 1 || kernelW < 1 || strideH < 1 || strideW < 1) {
            throw new IllegalArgumentException("window " + kernelH + "x" + kernelW + " stride " + strideH + "x"
                    + strideW + ": sizes and strides must be >= 1");
        }
        int top;
        int left;
        int outH;
        int outW;
        if (padding.isSame()) {
            outH = ceilDiv(inH, strideH);
            outW = ceilDiv(inW, strideW);
            top = Math.max((outH - 1) * strideH + kernelH - inH, 0) / 2;
            left = Math.max((outW - 1) * strideW + kernelW - inW, 0) / 2;
        } else {
            if (padding.top() >= kernelH || padding.bottom() >= kernelH
                    || padding.left() >= kernelW || padding.right() >= kernelW) {
                // A window made only of padding would have no input to pool or to learn from.
                throw new IllegalArgumentException("padding " + padding + " must be smaller than the "
                        + kernelH + "x" + kernelW + " window on every side");
            }
            top = padding.top();
            left = padding.left();
            int paddedH = inH + padding.top() + padding.bottom();
            int paddedW = inW + padding.left() + padding.right();
            if (paddedH < kernelH || paddedW < kernelW) {
                throw new IllegalArgumentException("window " + kernelH + "x" + kernelW + " does not fit in a "
                        + inH + "x" + inW + " input with padding " + padding);
            }
            outH = (paddedH - kernelH) / strideH + 1;
            outW = (paddedW - kernelW) / strideW + 1;
        }
        return new Window2d(batch, inH, inW, channels, kernelH, kernelW, strideH, strideW, top, left, outH, outW);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /** The same window over {@code images} images. */
    public Window2d withBatch(int images) {
        return new Window2d(images, inH, inW, channels, kernelH, kernelW, strideH, strideW, padTop, padLeft, outH, outW);
    }

    /** First input row inside the window of output row {@code oh} (padding rows excluded). */
    public int firstRow(int oh) { return Math.max(oh * strideH - padTop, 0); }
    /** One past the last input row inside the window of output row {@code oh}. */
    public int endRow(int oh) { return Math.min(oh * strideH - padTop + kernelH, inH); }
    /** First input column inside the window of output column {@code ow}. */
    public int firstColumn(int ow) { return Math.max(ow * strideW - padLeft, 0); }
    /** One past the last input column inside the window of output column {@code ow}. */
    public int endColumn(int ow) { return Math.min(ow * strideW - padLeft + kernelW, inW); }

    /** Whether every window lies inside its image: no padding is applied and none reaches past the end. */
    public boolean windowsInsideInput() {
        return padTop == 0 && padLeft == 0 && (outH - 1) * strideH + kernelH <= inH
                && (outW - 1) * strideW + kernelW <= inW;
    }

    public int inputSize() { return Math.toIntExact((long) batch * inH * inW * channels); }
    public int outputPixels() { return Math.toIntExact((long) batch * outH * outW); }

    /** Values in the output with {@code depth} channels; throws if they do not fit one array. */
    public int outputSize(int depth) { return Math.toIntExact((long) outputPixels() * depth); }
    /** Length of one im2col row: every input value one output pixel sees. */
    public int patchSize() { return kernelH * kernelW * channels; }

    /**
     * For a one-channel input (windows inside it): the offset of each of the window's values from its
     * first, in the kernel's (kh, kw) order.
     */
    int[] oneChannelWindowOffsets() {
        int[] offset = new int[patchSize()];
        for (int t = 0; t < offset.length; t++) {
            offset[t] = t / kernelW * inW + t % kernelW;
        }
        return offset;
    }

    /** For a one-channel input: where the window of output pixel p starts in it. */
    int oneChannelWindowStart(int p) {
        int pixelsPerImage = outH * outW;
        return (p / pixelsPerImage * inH + p % pixelsPerImage / outW * strideH) * inW + p % outW * strideW;
    }

    /** For a one-channel input: where the window of each of output pixels [p0, p0 + count) starts in it. */
    void oneChannelWindowStarts(int p0, int count, int[] start) {
        int pixelsPerImage = outH * outW;
        int n = p0 / pixelsPerImage;
        int oh = p0 % pixelsPerImage / outW;
        int ow = p0 % outW;
        for (int q = 0; q < count; q++) {
            start[q] = (n * inH + oh * strideH) * inW + ow * strideW;
            if (++ow == outW) {
                ow = 0;
                if (++oh == outH) {
                    oh = 0;
                    n++;
                }
            }
        }
    }
}
