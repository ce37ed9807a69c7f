"""pbtxt_to_pb: genrules that build binary TensorFlow protos from committed text sources."""

def pbtxt_to_pb(name, src, out, message = "tensorflow.GraphDef", visibility = None):
    """Builds `out` (binary `message`) from the text-format proto `src`."""
    native.genrule(
        name = name,
        srcs = [src],
        outs = [out],
        tools = ["//testdata/tools:pbtxt_to_pb"],
        cmd = "$(location //testdata/tools:pbtxt_to_pb) --message=%s $< $@" % message,
        visibility = visibility,
    )

def checkpoint(name, tensors, prefix, object_graph = None, visibility = None):
    """Builds the checkpoint `prefix`.index + `prefix`.data-00000-of-00001 from text sources.

    `tensors` is a text GraphDef of Const nodes named by checkpoint key; `object_graph` an
    optional text TrackableObjectGraph stored as TF2 checkpoints store theirs.
    """
    index = prefix + ".index"
    srcs = [tensors] + ([object_graph] if object_graph else [])
    object_graph_flag = " --object_graph=$(location %s)" % object_graph if object_graph else ""
    native.genrule(
        name = name,
        srcs = srcs,
        outs = [index, prefix + ".data-00000-of-00001"],
        tools = ["//testdata/tools:make_checkpoint"],
        cmd = ("$(location //testdata/tools:make_checkpoint) --tensors=$(location %s)%s " +
               "$$(dirname $(location %s))/%s") % (
            tensors,
            object_graph_flag,
            index,
            prefix.split("/")[-1],
        ),
        visibility = visibility,
    )
