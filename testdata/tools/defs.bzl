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
