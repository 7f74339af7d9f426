package dev.fovea.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The message classes write what they read, and read both ways protobuf allows for repeated numbers. */
class WireTest {
    @Test
    void modelReadsBackAsWritten() throws IOException {
        TensorProto weights = TensorProto.ofFloats("w", new float[] {1.5f, -2f, 3.25f, 0f, 7f, -0.5f}, 2, 3);
        NodeProto node = new NodeProto("gemm", "Gemm", "", List.of("x", "w"), List.of("y"),
                List.of(AttributeProto.ofInt("transB", 1), AttributeProto.ofFloat("alpha", 0.5f),
                        AttributeProto.ofInts("perm", 0, 3, 1, 2), AttributeProto.ofString("auto_pad", "SAME_UPPER")));
        GraphProto graph = new GraphProto("g", List.of(node), List.of(weights),
                List.of(TestGraphs.value("x", -1, 3)), List.of(TestGraphs.value("y", -1, 2)));
        ModelProto model = new ModelProto(7, Map.of("", 13L), "Fovea", "1", graph, Map.of("k", "v"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        model.writeTo(bytes);
        assertEquals(model.serializedSize(), bytes.size(), "sizes computed before writing are exact");

        ModelProto back = ModelProto.parse(bytes.toByteArray());
        assertEquals(7, back.irVersion());
        assertEquals(Map.of("", 13L), back.opsets());
        assertEquals("Fovea", back.producerName());
        assertEquals(Map.of("k", "v"), back.metadata());
        NodeProto n = back.graph().nodes().get(0);
        assertEquals(List.of("x", "w"), n.inputs());
        assertEquals(1, n.intAttribute("transB", 0));
        assertEquals(0.5f, n.floatAttribute("alpha", 1));
        assertArrayEquals(new long[] {0, 3, 1, 2}, n.intsAttribute("perm"));
        assertEquals("SAME_UPPER", n.stringAttribute("auto_pad", ""));
        TensorProto w = back.graph().initializers().get(0);
        assertArrayEquals(new long[] {2, 3}, w.dims());
        assertArrayEquals(weights.floats(), w.floats());
        assertEquals("[N, 3]", back.graph().inputs().get(0).dims().toString());
    }

    @Test
    void repeatedNumbersReadPackedOrOnePerTag() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.writeInt64(1, 2); // dims, one per tag (proto2's default, which PyTorch writes)
        out.writeTag(1, 2); // dims, packed
        out.writeUInt32NoTag(1);
        out.writeInt64NoTag(3);
        out.writeInt32(2, TensorProto.FLOAT);
        out.writeFloat(4, 1.5f); // float_data, one per tag
        out.writeTag(4, 2); // float_data, packed
        out.writeUInt32NoTag(20);
        for (float f : new float[] {2, 3, 4, 5, 6}) {
            out.writeFloatNoTag(f);
        }
        out.flush();
        TensorProto t = TensorProto.read(limited(bytes.toByteArray()));
        assertArrayEquals(new long[] {2, 3}, t.dims());
        assertArrayEquals(new float[] {1.5f, 2, 3, 4, 5, 6}, t.floats());
    }

    @Test
    void int64RawDataReadsLittleEndian() throws IOException {
        TensorProto shape = TensorProto.ofLongs("shape", new long[] {0, -1}, 2);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        shape.writeTo(out);
        out.flush();
        assertArrayEquals(new long[] {0, -1}, TensorProto.read(limited(bytes.toByteArray())).longs());
    }

    @Test
    void packedFloatsLongerThanTheirMessageAreRefused() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.writeTag(4, 2);
        out.writeUInt32NoTag(1 << 30); // a gigabyte of floats claimed, none present
        out.flush();
        InvalidProtocolBufferException e = assertThrows(InvalidProtocolBufferException.class,
                () -> TensorProto.read(limited(bytes.toByteArray())));
        assertTrue(e.getMessage().contains("claims"), e.getMessage());
    }

    @Test
    void moreDimsThanAnyTensorHasAreRefused() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        for (int i = 0; i < 65; i++) {
            out.writeInt64(1, 1);
        }
        out.flush();
        InvalidProtocolBufferException e = assertThrows(InvalidProtocolBufferException.class,
                () -> TensorProto.read(limited(bytes.toByteArray())));
        assertTrue(e.getMessage().contains("more than 64"), e.getMessage());
    }

    private static CodedInputStream limited(byte[] bytes) throws InvalidProtocolBufferException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        in.pushLimit(bytes.length);
        return in;
    }
}
