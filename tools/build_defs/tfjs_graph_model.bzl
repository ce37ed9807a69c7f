"""tfjs_graph_model: converts a TensorFlow model to a TF.js graph model as a build action."""

_INPUT_FILES = {
    # input_format -> the file among src whose path (or directory) the converter is given.
    "tf_frozen_model": None,  # src is the one GraphDef file.
    "tf_saved_model": "saved_model",
    "tf_hub": "saved_model",
    "tfjs_graph_model": "model.json",
}

def _input_path(ctx):
    files = ctx.files.src
    marker = _INPUT_FILES[ctx.attr.input_format]
    if marker == None:
        if len(files) != 1:
            fail("%s: src of a tf_frozen_model must be one GraphDef file, got %d files" %
                 (ctx.label, len(files)))
        return files[0].path
    for f in files:
        if marker == "model.json" and f.basename == "model.json":
            return f.path
        if marker == "saved_model" and f.basename in ["saved_model.pb", "saved_model.pbtxt"]:
            return f.dirname
    fail("%s: src has no %s for input_format %s" % (
        ctx.label,
        "model.json" if marker == "model.json" else "saved_model.pb(txt)",
        ctx.attr.input_format,
    ))

_ConverterConfigInfo = provider(
    doc = "Whether tfjs_graph_model runs the converter of the target configuration.",
    fields = ["in_target_config"],
)

def _converter_config_flag_impl(ctx):
    return [_ConverterConfigInfo(in_target_config = ctx.build_setting_value)]

# A boolean command-line flag (--@tfjs_native//tools/build_defs:converter_in_target_config).
converter_config_flag = rule(
    implementation = _converter_config_flag_impl,
    build_setting = config.bool(flag = True),
)

def _quantize_arg(flag, patterns):
    return ["--%s=%s" % (flag, ",".join(patterns))] if patterns else []

def _tfjs_graph_model_impl(ctx):
    out = ctx.actions.declare_directory(ctx.label.name)
    args = ["--input_format=" + ctx.attr.input_format, "--op_target=" + ctx.attr.op_target]
    if ctx.attr.output_node_names:
        args.append("--output_node_names=" + ",".join(ctx.attr.output_node_names))
    if ctx.attr.signature_name:
        args.append("--signature_name=" + ctx.attr.signature_name)
    if ctx.attr.saved_model_tags != "serve":
        args.append("--saved_model_tags=" + ctx.attr.saved_model_tags)
    if ctx.attr.weight_shard_size_bytes:
        args.append("--weight_shard_size_bytes=%d" % ctx.attr.weight_shard_size_bytes)
    args += _quantize_arg("quantize_float16", ctx.attr.quantize_float16)
    args += _quantize_arg("quantize_uint8", ctx.attr.quantize_uint8)
    args += _quantize_arg("quantize_uint16", ctx.attr.quantize_uint16)
    args.append("--strip_debug_ops=" + ("true" if ctx.attr.strip_debug_ops else "false"))
    if ctx.attr.control_flow_v2:
        args.append("--control_flow_v2=true")
    if ctx.attr.skip_op_check:
        args.append("--skip_op_check=true")
    if ctx.attr.use_structured_outputs_names:
        args.append("--use_structured_outputs_names=true")
    args += [_input_path(ctx), out.path]
    converter = ctx.executable._converter
    if ctx.attr._converter_in_target_config[_ConverterConfigInfo].in_target_config:
        converter = ctx.executable._target_converter
    ctx.actions.run(
        executable = converter,
        arguments = args,
        inputs = ctx.files.src,
        outputs = [out],
        mnemonic = "TfjsConvert",
        progress_message = "Converting %s to a TF.js graph model" % ctx.label,
    )
    return [DefaultInfo(files = depset([out]), runfiles = ctx.runfiles(files = [out]))]

tfjs_graph_model = rule(
    implementation = _tfjs_graph_model_impl,
    doc = """Converts src with tfjs_native's converter into a directory `<name>/` holding
model.json and its weight shards, for `data` deps and other rules (DefaultInfo files and
runfiles). The converter is built once for the exec configuration (or, with
--@tfjs_native//tools/build_defs:converter_in_target_config, for the target configuration); the
action reads only src, so it runs sandboxed or remotely.""",
    attrs = {
        "src": attr.label(
            mandatory = True,
            allow_files = True,
            doc = "tf_frozen_model: the GraphDef file; tf_saved_model / tf_hub: the files of " +
                  "the directory (saved_model.pb(txt), variables/...); tfjs_graph_model: " +
                  "model.json and its shards.",
        ),
        "input_format": attr.string(
            default = "tf_saved_model",
            values = ["tf_frozen_model", "tf_saved_model", "tf_hub", "tfjs_graph_model"],
        ),
        "output_node_names": attr.string_list(doc = "Required for tf_frozen_model."),
        "signature_name": attr.string(),
        "saved_model_tags": attr.string(default = "serve"),
        "weight_shard_size_bytes": attr.int(doc = "0: the converter's 4194304."),
        "quantize_float16": attr.string_list(doc = "Weight-name patterns; ['*'] for all."),
        "quantize_uint8": attr.string_list(doc = "Weight-name patterns; ['*'] for all."),
        "quantize_uint16": attr.string_list(doc = "Weight-name patterns; ['*'] for all."),
        "strip_debug_ops": attr.bool(default = True),
        "control_flow_v2": attr.bool(default = False),
        "skip_op_check": attr.bool(default = False),
        "use_structured_outputs_names": attr.bool(default = False),
        "op_target": attr.string(default = "tfjs", values = ["tfjs", "native"]),
        "_converter": attr.label(
            default = Label("//converter"),
            executable = True,
            cfg = "exec",
        ),
        "_target_converter": attr.label(
            default = Label("//converter"),
            executable = True,
            cfg = "target",
        ),
        "_converter_in_target_config": attr.label(
            default = Label("//tools/build_defs:converter_in_target_config"),
        ),
    },
)
