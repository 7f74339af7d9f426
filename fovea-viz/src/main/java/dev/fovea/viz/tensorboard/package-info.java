/**
 * TensorBoard logging: {@link dev.fovea.viz.tensorboard.SummaryWriter} writes an events file
 * (scalars, histograms, images, text, the model graph) and
 * {@link dev.fovea.viz.tensorboard.TensorBoardCallback} logs a training run with it, in Keras's
 * {@code train/} and {@code validation/} layout.
 *
 * <p>An events file is a sequence of TFRecords ({@code TfRecords}) each holding one {@code Event}
 * protocol buffer. The messages are encoded field by field with protobuf-java's
 * {@code CodedOutputStream}, one small class per message family ({@code EventEncoding},
 * {@code SummaryEncoding}, {@code TensorEncoding}, {@code GraphEncoding}), with the field numbers
 * of TensorBoard's event.proto, summary.proto, tensor.proto, graph.proto, node_def.proto and
 * attr_value.proto noted beside them. Generated classes would need protoc, a native binary per
 * platform fetched at build time, and thousands of generated lines to write about thirty
 * fields, none of which are ever read back here.
 */
package dev.fovea.viz.tensorboard;
