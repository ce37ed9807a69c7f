// Writes ops/tf_op_rows.cc, one op-table row per op of TensorFlow's op registry, from its OpList
// (ops.pbtxt, plus the ops it lacks in ops/gen/tf_ops_supplement.pbtxt) and the CPU kernel dtypes
// in ops/gen/tf_cpu_kernels.txt. Run by hand, never at build
// time; commit its output:
//
//   tools/bazel run //ops/gen:gen_tf_op_rows -- --ops "$PWD/../shared/tf_ops/ops.pbtxt" \
//       --extra_ops "$PWD/ops/gen/tf_ops_supplement.pbtxt" \
//       --cpu_kernels "$PWD/ops/gen/tf_cpu_kernels.txt" > ops/tf_op_rows.cc
//
// Besides what the registry says (args, attrs, defaults, allowed values, is_stateful), each row
// gets the facts TF keeps in code rather than in its OpDefs, decided here and nowhere else:
//  - scope: "in", or the excluded family (training, input_pipeline, summary_debug, distribution,
//    files, experimental) the project's op coverage does not count;
//  - random: the result depends on a random stream (a stateful op with seed/seed2 attrs, or one
//    of the stateful generator ops);
//  - control flow: TF's graph node classes for Switch/Merge/Enter/Exit/NextIteration/LoopCond and
//    the functional If/While/Case/For;
//  - forwards inputs: output k is data input k (Identity, IdentityN, Snapshot, StopGradient, ...);
//  - graph input: a placeholder the caller feeds;
//  - shape rule: TF's UnchangedShape or BroadcastBinaryOpShapeFn shape functions.
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "google/protobuf/text_format.h"
#include "proto/graph.pb.h"

namespace {

using tensorflow::AttrValue;
using tensorflow::OpDef;

// TF's Python name of a dtype: float32, float16, bfloat16, uint8, ...
std::string DtypeName(tensorflow::DataType dtype) {
  switch (dtype) {
    case tensorflow::DT_FLOAT:
      return "float32";
    case tensorflow::DT_DOUBLE:
      return "float64";
    case tensorflow::DT_HALF:
      return "float16";
    default:
      return absl::AsciiStrToLower(tensorflow::DataType_Name(dtype).substr(3));
  }
}

// The closed list of op families issue 11 leaves out of the coverage count; "in" otherwise.
std::string Scope(const std::string& name) {
  auto starts = [&](const char* prefix) { return absl::StartsWith(name, prefix); };
  auto has = [&](const char* part) { return absl::StrContains(name, part); };
  auto ends = [&](const char* suffix) { return absl::EndsWith(name, suffix); };
  if (starts("Apply") || starts("ResourceApply") || starts("SparseApply") ||
      starts("ResourceSparseApply") || ends("Grad") || ends("GradV2") || has("Gradient")) {
    return "training";
  }
  static const std::set<std::string> kMapStaging = {"MapClear", "MapIncompleteSize", "MapPeek",
                                                    "MapSize", "MapUnstage"};
  if (has("Dataset") || has("Iterator") || has("Queue") || has("Reader") || starts("Barrier") ||
      has("Stage") || starts("OrderedMap") || kMapStaging.count(name) || has("Accumulator")) {
    return "input_pipeline";
  }
  if (has("Summary") || starts("Debug") || starts("Print")) return "summary_debug";
  if (starts("TPU") || starts("Tpu") || starts("Xla") || starts("Collective") || starts("Nccl") ||
      starts("DTensor") || starts("Rpc") || name == "Send" || name == "Recv" || has("Infeed") ||
      has("Outfeed") || starts("Configure") || starts("Shutdown") || starts("_")) {
    return "distribution";
  }
  static const std::set<std::string> kFiles = {"MergeV2Checkpoints", "ReadFile",
                                               "WriteFile",          "MatchingFiles",
                                               "ShardedFilename",    "ShardedFilespec"};
  if (starts("Save") || starts("Restore") || kFiles.count(name)) return "files";
  if (starts("Experimental")) return "experimental";
  return "in";
}

// TF's control-flow node classes (graph.cc's kNodeClassTable) and its functional control flow.
const std::set<std::string>& ControlFlowOps() {
  static const auto* const kOps = new std::set<std::string>{
      "Switch", "RefSwitch",   "Merge",         "RefMerge",         "Enter",    "RefEnter",
      "Exit",   "RefExit",     "NextIteration", "RefNextIteration", "LoopCond", "ControlTrigger",
      "If",     "StatelessIf", "While",         "StatelessWhile",   "Case",     "StatelessCase",
      "For"};
  return *kOps;
}

// Ops that are the identity at inference: output k is data input k, unchecked.
const std::set<std::string>& ForwardingOps() {
  static const auto* const kOps = new std::set<std::string>{
      "Identity",      "IdentityN",       "RefIdentity",           "Snapshot",
      "StopGradient",  "PreventGradient", "DebugGradientIdentity", "DebugGradientRefIdentity",
      "GuaranteeConst"};
  return *kOps;
}

// The ops a caller feeds: TF's placeholders.
const std::set<std::string>& GraphInputOps() {
  static const auto* const kOps =
      new std::set<std::string>{"Placeholder", "PlaceholderV2", "PlaceholderWithDefault"};
  return *kOps;
}

// Stateful ops drawing from a random generator without seed attrs (the generator-resource ops).
const std::set<std::string>& GeneratorRandomOps() {
  static const auto* const kOps = new std::set<std::string>{
      "StatefulRandomBinomial",  "StatefulStandardNormal", "StatefulStandardNormalV2",
      "StatefulTruncatedNormal", "StatefulUniform",        "StatefulUniformFullInt",
      "StatefulUniformInt",      "NonDeterministicInts",   "RandomIndexShuffle"};
  return *kOps;
}

// Ops TF gives shape_inference::UnchangedShape (output shape = input 0's shape), elementwise.
const std::set<std::string>& UnchangedShapeOps() {
  static const auto* const kOps = new std::set<std::string>{"Abs",
                                                            "Acos",
                                                            "Acosh",
                                                            "Angle",
                                                            "Asin",
                                                            "Asinh",
                                                            "Atan",
                                                            "Atanh",
                                                            "BesselI0",
                                                            "BesselI0e",
                                                            "BesselI1",
                                                            "BesselI1e",
                                                            "BesselJ0",
                                                            "BesselJ1",
                                                            "BesselK0",
                                                            "BesselK0e",
                                                            "BesselK1",
                                                            "BesselK1e",
                                                            "BesselY0",
                                                            "BesselY1",
                                                            "Cast",
                                                            "Ceil",
                                                            "CheckNumerics",
                                                            "CheckNumericsV2",
                                                            "ClipByValue",
                                                            "ComplexAbs",
                                                            "Conj",
                                                            "Cos",
                                                            "Cosh",
                                                            "Dawsn",
                                                            "DeepCopy",
                                                            "Digamma",
                                                            "Elu",
                                                            "Erf",
                                                            "Erfc",
                                                            "Erfinv",
                                                            "Exp",
                                                            "Expint",
                                                            "Expm1",
                                                            "FakeQuantWithMinMaxArgs",
                                                            "Floor",
                                                            "FresnelCos",
                                                            "FresnelSin",
                                                            "Identity",
                                                            "Imag",
                                                            "Inv",
                                                            "Invert",
                                                            "IsFinite",
                                                            "IsInf",
                                                            "IsNan",
                                                            "LeakyRelu",
                                                            "Lgamma",
                                                            "Log",
                                                            "Log1p",
                                                            "LogSoftmax",
                                                            "LogicalNot",
                                                            "Ndtri",
                                                            "Neg",
                                                            "OnesLike",
                                                            "PopulationCount",
                                                            "PreventGradient",
                                                            "Real",
                                                            "Reciprocal",
                                                            "Relu",
                                                            "Relu6",
                                                            "Rint",
                                                            "Round",
                                                            "Rsqrt",
                                                            "Selu",
                                                            "Sigmoid",
                                                            "Sign",
                                                            "Sin",
                                                            "Sinh",
                                                            "Snapshot",
                                                            "Softmax",
                                                            "Softplus",
                                                            "Softsign",
                                                            "Spence",
                                                            "Sqrt",
                                                            "Square",
                                                            "StopGradient",
                                                            "Tan",
                                                            "Tanh",
                                                            "ZerosLike"};
  return *kOps;
}

// Ops TF gives shape_inference::BroadcastBinaryOpShapeFn (numpy broadcasting of two inputs).
const std::set<std::string>& BroadcastBinaryOps() {
  static const auto* const kOps =
      new std::set<std::string>{"Add",        "AddV2",        "Atan2",
                                "BitwiseAnd", "BitwiseOr",    "BitwiseXor",
                                "Complex",    "Div",          "DivNoNan",
                                "Equal",      "FloorDiv",     "FloorMod",
                                "Greater",    "GreaterEqual", "Igamma",
                                "Igammac",    "LeftShift",    "Less",
                                "LessEqual",  "LogicalAnd",   "LogicalOr",
                                "Maximum",    "Minimum",      "Mod",
                                "Mul",        "MulNoNan",     "NextAfter",
                                "NotEqual",   "Polygamma",    "Pow",
                                "RealDiv",    "RightShift",   "SquaredDifference",
                                "Sub",        "TruncateDiv",  "TruncateMod",
                                "Xdivy",      "Xlog1py",      "Xlogy",
                                "Zeta"};
  return *kOps;
}

// An arg as the row's compact spec: [&]name:(T | =dtype | N*T | N*=dtype | [Tlist]).
std::string ArgSpec(const OpDef::ArgDef& arg) {
  std::string spec = absl::StrCat(arg.is_ref() ? "&" : "", arg.name(), ":");
  if (!arg.type_list_attr().empty()) return absl::StrCat(spec, "[", arg.type_list_attr(), "]");
  if (!arg.number_attr().empty()) absl::StrAppend(&spec, arg.number_attr(), "*");
  if (!arg.type_attr().empty()) return absl::StrCat(spec, arg.type_attr());
  return absl::StrCat(spec, "=", DtypeName(arg.type()));
}

// The shortest decimal text that reads back as `value`.
std::string FloatText(float value) {
  for (int digits = 1; digits <= 9; ++digits) {
    char buffer[64];
    std::snprintf(buffer, sizeof(buffer), "%.*g", digits, value);
    float back;
    if (absl::SimpleAtof(buffer, &back) && back == value) return buffer;
  }
  return absl::StrCat(value);
}

std::string ShapeText(const tensorflow::TensorShapeProto& shape) {
  if (shape.unknown_rank()) return "unknown_rank";
  std::vector<std::string> dims;
  for (const auto& dim : shape.dim()) dims.push_back(absl::StrCat(dim.size()));
  return absl::StrCat("[", absl::StrJoin(dims, ","), "]");
}

// An attr default in the table's text form (see ops/op_table.h: AttrDef::default_value); false
// when the default cannot be written there (tensor and func values).
bool DefaultText(const AttrValue& value, std::string* text) {
  switch (value.value_case()) {
    case AttrValue::kS:
      *text = value.s();
      return true;
    case AttrValue::kI:
      *text = absl::StrCat(value.i());
      return true;
    case AttrValue::kF:
      *text = FloatText(value.f());
      return true;
    case AttrValue::kB:
      *text = value.b() ? "true" : "false";
      return true;
    case AttrValue::kType:
      *text = DtypeName(value.type());
      return true;
    case AttrValue::kShape:
      *text = ShapeText(value.shape());
      return true;
    case AttrValue::kList: {
      const AttrValue::ListValue& list = value.list();
      std::vector<std::string> items;
      for (const std::string& s : list.s()) items.push_back(absl::StrCat("\"", s, "\""));
      for (int64_t i : list.i()) items.push_back(absl::StrCat(i));
      for (float f : list.f()) items.push_back(FloatText(f));
      for (bool b : list.b()) items.push_back(b ? "true" : "false");
      for (int type : list.type()) {
        items.push_back(DtypeName(static_cast<tensorflow::DataType>(type)));
      }
      for (const auto& shape : list.shape()) items.push_back(ShapeText(shape));
      if (list.tensor_size() > 0 || list.func_size() > 0) return false;
      *text = absl::StrCat("[", absl::StrJoin(items, ","), "]");
      return true;
    }
    default:
      return false;
  }
}

std::string AllowedText(const OpDef::AttrDef& attr) {
  if (!attr.has_allowed_values()) return "";
  std::vector<std::string> items;
  for (int type : attr.allowed_values().list().type()) {
    items.push_back(DtypeName(static_cast<tensorflow::DataType>(type)));
  }
  for (const std::string& s : attr.allowed_values().list().s()) items.push_back(s);
  return absl::StrJoin(items, ",");
}

// A C++ string literal, or nullptr.
std::string Literal(const std::string& text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c < 0x20 || c >= 0x7f) {
      char buffer[8];
      std::snprintf(buffer, sizeof(buffer), "\\%03o", c);
      out += buffer;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// tf_cpu_kernels.txt: "<Op> any" | "<Op> none" | "<Op> T=a,b Tidx=c,d", '#' starts a comment.
std::map<std::string, std::string> ReadCpuKernels(const std::string& path, bool* ok) {
  std::map<std::string, std::string> kernels;
  *ok = true;
  if (path.empty()) return kernels;
  std::ifstream file(path);
  if (!file) {
    std::fprintf(stderr, "cannot read %s\n", path.c_str());
    *ok = false;
    return kernels;
  }
  std::string line;
  while (std::getline(file, line)) {
    absl::string_view text = line;
    text = text.substr(0, text.find('#'));
    std::vector<std::string> fields =
        absl::StrSplit(absl::StripAsciiWhitespace(text), ' ', absl::SkipWhitespace());
    if (fields.empty()) continue;
    if (fields.size() < 2) {
      std::fprintf(stderr, "%s: malformed line: %s\n", path.c_str(), line.c_str());
      *ok = false;
      continue;
    }
    std::vector<std::string> constraints(fields.begin() + 1, fields.end());
    kernels[fields[0]] = absl::StrJoin(constraints, " ");
  }
  return kernels;
}

}  // namespace

// Reads an OpList in text format into `ops`; false (with a message) when it cannot.
bool ReadOpList(const std::string& path, tensorflow::OpList* ops) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  if (!file || !google::protobuf::TextFormat::ParseFromString(text.str(), ops)) {
    std::fprintf(stderr, "%s: not a TensorFlow OpList in text format\n", path.c_str());
    return false;
  }
  return true;
}

constexpr char kUsage[] =
    "usage: gen_tf_op_rows --ops OPS_PBTXT [--extra_ops PBTXT] [--cpu_kernels FILE]\n";

int main(int argc, char** argv) {
  std::string ops_path, extra_ops_path, cpu_kernels_path;
  for (int i = 1; i < argc; ++i) {
    absl::string_view arg = argv[i];
    if (absl::ConsumePrefix(&arg, "--ops=")) {
      ops_path = std::string(arg);
    } else if (absl::ConsumePrefix(&arg, "--cpu_kernels=")) {
      cpu_kernels_path = std::string(arg);
    } else if (absl::ConsumePrefix(&arg, "--extra_ops=")) {
      extra_ops_path = std::string(arg);
    } else if ((arg == "--ops" || arg == "--cpu_kernels" || arg == "--extra_ops") && i + 1 < argc) {
      (arg == "--ops"         ? ops_path
       : arg == "--extra_ops" ? extra_ops_path
                              : cpu_kernels_path) = argv[++i];
    } else {
      std::fprintf(stderr, "%s", kUsage);
      return 2;
    }
  }
  if (ops_path.empty()) {
    std::fprintf(stderr, "%s", kUsage);
    return 2;
  }
  tensorflow::OpList op_list, extra_ops;
  if (!ReadOpList(ops_path, &op_list)) return 1;
  if (!extra_ops_path.empty() && !ReadOpList(extra_ops_path, &extra_ops)) return 1;
  bool kernels_ok;
  const std::map<std::string, std::string> cpu_kernels =
      ReadCpuKernels(cpu_kernels_path, &kernels_ok);
  if (!kernels_ok) return 1;

  std::map<std::string, const OpDef*> ops;
  for (const OpDef& op : op_list.op()) ops[op.name()] = &op;
  for (const OpDef& op : extra_ops.op()) {
    if (!ops.emplace(op.name(), &op).second) {
      std::fprintf(stderr, "%s: op %s is in the registry already\n", extra_ops_path.c_str(),
                   op.name().c_str());
      return 1;
    }
  }
  for (const auto& [name, constraint] : cpu_kernels) {
    if (!ops.count(name)) {
      std::fprintf(stderr, "%s: op %s is not in the registry\n", cpu_kernels_path.c_str(),
                   name.c_str());
      return 1;
    }
  }

  std::string attrs_out, ops_out;
  int attr_index = 0;
  for (const auto& [name, op] : ops) {
    std::vector<std::string> inputs, outputs;
    for (const auto& arg : op->input_arg()) inputs.push_back(ArgSpec(arg));
    for (const auto& arg : op->output_arg()) outputs.push_back(ArgSpec(arg));
    bool has_seed = false;
    const int first_attr = attr_index;
    for (const OpDef::AttrDef& attr : op->attr()) {
      if (attr.name() == "seed" || attr.name() == "seed2") has_seed = true;
      std::string default_text;
      const bool has_default =
          attr.has_default_value() && DefaultText(attr.default_value(), &default_text);
      absl::StrAppend(&attrs_out, "    {", Literal(attr.name()), ", ", Literal(attr.type()), ", ",
                      has_default ? Literal(default_text) : "nullptr", ", ",
                      Literal(AllowedText(attr)), ", ",
                      attr.has_minimum() ? absl::StrCat(attr.minimum()) : "kNoMinimum", "},\n");
      ++attr_index;
    }
    std::vector<std::string> flags;
    if (op->is_stateful()) flags.push_back("kStateful");
    if ((op->is_stateful() && has_seed) || GeneratorRandomOps().count(name)) {
      flags.push_back("kRandom");
    }
    if (ControlFlowOps().count(name)) flags.push_back("kControlFlow");
    if (ForwardingOps().count(name)) flags.push_back("kForwardsInputs");
    if (GraphInputOps().count(name)) flags.push_back("kGraphInput");
    if (UnchangedShapeOps().count(name)) flags.push_back("kUnchangedShape");
    if (BroadcastBinaryOps().count(name)) flags.push_back("kBroadcastBinary");
    if (op->is_commutative()) flags.push_back("kCommutative");
    const auto kernel = cpu_kernels.find(name);
    absl::StrAppend(&ops_out, "    {", Literal(name), ", ", Literal(Scope(name)), ", ",
                    Literal(absl::StrJoin(inputs, ",")), ", ", Literal(absl::StrJoin(outputs, ",")),
                    ", ", first_attr, ", ", attr_index - first_attr, ", ",
                    flags.empty() ? "0" : absl::StrJoin(flags, " | "), ", ",
                    op->deprecation().version(), ", ",
                    kernel == cpu_kernels.end() ? "nullptr" : Literal(kernel->second), "},\n");
  }

  std::printf(
      "// GENERATED by ops/gen/gen_tf_op_rows.cc from TensorFlow's op registry and\n"
      "// ops/gen/tf_ops_supplement.pbtxt (%zu ops) and ops/gen/tf_cpu_kernels.txt; do not edit.\n"
      "// Regenerate as that generator's header says.\n"
      "#include \"absl/types/span.h\"\n"
      "#include \"ops/op_rows.h\"\n\n"
      "namespace tfjs::ops {\n"
      "namespace {\n\n"
      "// clang-format off\n"
      "constexpr TfAttrRow kAttrs[] = {\n%s};\n\n"
      "constexpr TfOpRow kOps[] = {\n%s};\n"
      "// clang-format on\n\n"
      "}  // namespace\n\n"
      "absl::Span<const TfOpRow> TfOpRows() { return kOps; }\n"
      "absl::Span<const TfAttrRow> TfAttrRows() { return kAttrs; }\n\n"
      "}  // namespace tfjs::ops\n",
      ops.size(), attrs_out.c_str(), ops_out.c_str());
  return 0;
}
