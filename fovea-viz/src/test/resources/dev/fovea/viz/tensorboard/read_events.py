"""Prints, as JSON, what TensorBoard's own loaders read from an events file.

Usage: python3 read_events.py EVENTS_FILE

Reads through plugin_event_accumulator, the path TensorBoard's dashboards use, which also converts
old-style values (simple_value, histo, image) into tensors the way the dashboards see them. The
file's records go through TensorBoard's record reader, which checks every CRC.
"""
import base64
import json
import sys

from tensorboard.backend.event_processing import event_file_loader
from tensorboard.backend.event_processing import plugin_event_accumulator
from tensorboard.util import tensor_util


def main(path):
    # Every record, raw: counts events and reads the file version.
    events = list(event_file_loader.LegacyEventFileLoader(path).Load())
    accumulator = plugin_event_accumulator.EventAccumulator(path, size_guidance={"tensors": 0})
    accumulator.Reload()
    out = {
        "events": len(events),
        "file_version": events[0].file_version,
        "plugins": {},
        "graph": [],
    }
    for plugin in ("scalars", "histograms", "images", "text"):
        tags = {}
        for tag in tags_of(accumulator, plugin):
            tags[tag] = [[e.step, to_json(tensor_util.make_ndarray(e.tensor_proto))] for e in accumulator.Tensors(tag)]
        out["plugins"][plugin] = tags
    nodes = accumulator.Graph().node if accumulator.Tags()["graph"] else []
    for node in nodes:
        out["graph"].append({
            "name": node.name,
            "op": node.op,
            "input": list(node.input),
            "attr": sorted(node.attr.keys()),
        })
    print(json.dumps(out))


def tags_of(accumulator, plugin):
    try:
        return accumulator.PluginTagToContent(plugin)
    except KeyError:  # no value of this plugin in the file
        return {}


def to_json(array):
    """Numbers as floats (exact for float32 and float64); strings and bytes as base64."""
    if array.dtype.kind in "SOU":
        return [base64.b64encode(x if isinstance(x, bytes) else str(x).encode()).decode("ascii")
                for x in array.reshape(-1).tolist()]
    return array.astype("float64").tolist()


if __name__ == "__main__":
    main(sys.argv[1])
