// The op table: TF's registry rows merged with TF.js's rows by name, sorted, each built when
// first looked up.
#include "ops/op_table.h"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "absl/base/call_once.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "absl/types/span.h"
#include "ops/op_rows.h"

namespace tfjs::ops {
namespace {

// TF.js's param type for a TF attr type it has not mapped itself.
ParamType ParamTypeOf(absl::string_view tf_type) {
  if (tf_type == "int" || tf_type == "float") return ParamType::kNumber;
  if (tf_type == "list(int)" || tf_type == "list(float)") return ParamType::kNumbers;
  if (tf_type == "bool") return ParamType::kBool;
  if (tf_type == "list(bool)") return ParamType::kBools;
  if (tf_type == "string") return ParamType::kString;
  if (tf_type == "list(string)") return ParamType::kStrings;
  if (tf_type == "type") return ParamType::kDtype;
  if (tf_type == "list(type)") return ParamType::kDtypes;
  if (tf_type == "shape") return ParamType::kShape;
  if (tf_type == "list(shape)") return ParamType::kShapes;
  if (tf_type == "func" || tf_type == "list(func)") return ParamType::kFunc;
  return ParamType::kTensor;
}

// One arg of a TfOpRow spec: [&]name:(T | =dtype | N*T | N*=dtype | [Tlist]).
ArgDef ParseArg(absl::string_view spec) {
  ArgDef arg;
  arg.is_ref = absl::ConsumePrefix(&spec, "&");
  const size_t colon = spec.find(':');
  arg.name = std::string(spec.substr(0, colon));
  absl::string_view type = spec.substr(colon + 1);
  if (absl::ConsumePrefix(&type, "[")) {
    absl::ConsumeSuffix(&type, "]");
    arg.type_list_attr = std::string(type);
    return arg;
  }
  if (const size_t star = type.find('*'); star != absl::string_view::npos) {
    arg.number_attr = std::string(type.substr(0, star));
    type = type.substr(star + 1);
  }
  if (absl::ConsumePrefix(&type, "=")) {
    arg.type = std::string(type);
  } else {
    arg.type_attr = std::string(type);
  }
  return arg;
}

std::vector<ArgDef> ParseArgs(absl::string_view specs) {
  std::vector<ArgDef> args;
  for (absl::string_view spec : absl::StrSplit(specs, ',', absl::SkipEmpty())) {
    args.push_back(ParseArg(spec));
  }
  return args;
}

std::vector<std::string> SplitList(absl::string_view text) {
  return absl::StrSplit(text, ',', absl::SkipEmpty());
}

// Applies a tf_cpu_kernel spec ("any", "none", or "T=a,b Tidx=c") to `op`.
void ApplyTfCpuKernel(const char* spec, OpDef& op) {
  if (spec == nullptr) return;
  const absl::string_view text = spec;
  if (text == "none") {
    op.tf_cpu_kernel = TfCpuKernel::kNone;
    return;
  }
  if (text == "any") {
    op.tf_cpu_kernel = TfCpuKernel::kAny;
    return;
  }
  op.tf_cpu_kernel = TfCpuKernel::kConstrained;
  for (absl::string_view constraint : absl::StrSplit(text, ' ', absl::SkipEmpty())) {
    const size_t equals = constraint.find('=');
    const absl::string_view name = constraint.substr(0, equals);
    for (AttrDef& attr : op.attrs) {
      if (attr.tf_name == name) attr.tf_cpu_dtypes = SplitList(constraint.substr(equals + 1));
    }
  }
}

OpDef FromTfRow(const TfOpRow& row, absl::Span<const TfAttrRow> attr_rows) {
  OpDef op;
  op.tf_name = row.name;
  op.in_tf_registry = true;
  op.scope = row.scope;
  op.input_args = ParseArgs(row.inputs);
  op.output_args = ParseArgs(row.outputs);
  op.is_stateful = row.flags & kStateful;
  op.is_random = row.flags & kRandom;
  op.is_control_flow = row.flags & kControlFlow;
  op.forwards_inputs = row.flags & kForwardsInputs;
  op.is_graph_input = row.flags & kGraphInput;
  op.is_commutative = row.flags & kCommutative;
  op.shape_rule = (row.flags & kUnchangedShape)    ? ShapeRule::kUnchanged
                  : (row.flags & kBroadcastBinary) ? ShapeRule::kBroadcastBinary
                                                   : ShapeRule::kOther;
  op.deprecated_since = row.deprecated_since;
  for (const TfAttrRow& attr_row : attr_rows.subspan(row.first_attr, row.num_attrs)) {
    AttrDef attr;
    attr.tf_name = attr_row.name;
    attr.tf_type = attr_row.type;
    attr.type = ParamTypeOf(attr.tf_type);
    attr.has_default = attr_row.default_value != nullptr;
    if (attr.has_default) attr.default_value = attr_row.default_value;
    attr.allowed_values = SplitList(attr_row.allowed);
    attr.has_minimum = attr_row.minimum != kNoMinimum;
    if (attr.has_minimum) attr.minimum = attr_row.minimum;
    op.attrs.push_back(std::move(attr));
  }
  ApplyTfCpuKernel(row.tf_cpu_kernel, op);
  return op;
}

// Adds TF.js's view of an op to its TF row: TF.js's inputs, outputs and attr names; TF's
// defaults win where both give one, since TF's default is what a node without the attr means.
void MergeTfjsRow(const OpDef& tfjs, OpDef& op) {
  op.category = tfjs.category;
  op.inputs = tfjs.inputs;
  op.outputs = tfjs.outputs;
  op.tfjs_supported = true;
  for (const AttrDef& tfjs_attr : tfjs.attrs) {
    auto it = std::find_if(op.attrs.begin(), op.attrs.end(),
                           [&](const AttrDef& attr) { return attr.tf_name == tfjs_attr.tf_name; });
    if (it == op.attrs.end()) {
      op.attrs.push_back(tfjs_attr);
      continue;
    }
    it->tfjs_name = tfjs_attr.tfjs_name;
    it->type = tfjs_attr.type;
    it->tfjs_ignored = tfjs_attr.tfjs_ignored;
    it->tf_deprecated_name = tfjs_attr.tf_deprecated_name;
    if (!it->has_default && tfjs_attr.has_default) {
      it->has_default = true;
      it->default_value = tfjs_attr.default_value;
    }
  }
}

// Every row's name, sorted, with where its facts come from; rows are filled on first use, so a
// process that looks up a few ops does not build all of them.
class Table {
 public:
  Table() : tfjs_rows_(TfjsOpRows()) {
    absl::Span<const TfOpRow> tf_rows = TfOpRows();
    std::map<absl::string_view, Source> sources;
    for (size_t i = 0; i < tf_rows.size(); ++i) sources[tf_rows[i].name].tf_row = &tf_rows[i];
    for (OpDef& tfjs : tfjs_rows_) sources[tfjs.tf_name].tfjs_row = &tfjs;
    for (const auto& [name, source] : sources) {
      names_.push_back(name);
      sources_.push_back(source);
    }
    rows_ = std::vector<OpDef>(names_.size());
    filled_ = std::vector<absl::once_flag>(names_.size());
  }

  size_t size() const { return names_.size(); }

  // Index of the row named `name`, or -1.
  int Find(absl::string_view name) const {
    auto it = std::lower_bound(names_.begin(), names_.end(), name);
    if (it == names_.end() || *it != name) return -1;
    return static_cast<int>(it - names_.begin());
  }

  const OpDef& Row(int index) {
    absl::call_once(filled_[index], [this, index] { Fill(index); });
    return rows_[index];
  }

  absl::Span<const OpDef> All() {
    for (size_t i = 0; i < rows_.size(); ++i) Row(static_cast<int>(i));
    return rows_;
  }

 private:
  struct Source {
    const TfOpRow* tf_row = nullptr;
    const OpDef* tfjs_row = nullptr;
  };

  void Fill(int index) {
    const Source& source = sources_[index];
    if (source.tf_row == nullptr) {
      rows_[index] = *source.tfjs_row;
      return;
    }
    rows_[index] = FromTfRow(*source.tf_row, TfAttrRows());
    if (source.tfjs_row != nullptr) MergeTfjsRow(*source.tfjs_row, rows_[index]);
  }

  std::vector<OpDef> tfjs_rows_;
  std::vector<absl::string_view> names_;
  std::vector<Source> sources_;
  std::vector<OpDef> rows_;
  std::vector<absl::once_flag> filled_;
};

Table& TheTable() {
  static Table* const table = new Table();
  return *table;
}

}  // namespace

absl::Span<const OpDef> AllOps() { return TheTable().All(); }

const OpDef* FindOp(absl::string_view tf_name) {
  Table& table = TheTable();
  const int index = table.Find(tf_name);
  return index < 0 ? nullptr : &table.Row(index);
}

const AttrDef* FindAttr(const OpDef& op, absl::string_view tf_name) {
  for (const AttrDef& attr : op.attrs) {
    if (attr.tf_name == tf_name) return &attr;
  }
  return nullptr;
}

std::vector<std::string> TfCpuDtypes(const OpDef& op, absl::string_view attr_name) {
  if (op.tf_cpu_kernel == TfCpuKernel::kNone) return {};
  const AttrDef* attr = FindAttr(op, attr_name);
  if (attr == nullptr) return {};
  if (!attr->tf_cpu_dtypes.empty()) return attr->tf_cpu_dtypes;
  return attr->allowed_values;
}

int TfjsOpListCount() { return kTfjsOpListCount; }

absl::StatusOr<InputRange> ResolveInputRange(const InputDef& input, int num_inputs) {
  int begin = input.start < 0 ? num_inputs + input.start : input.start;
  if (begin < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("input '", input.name, "' starts at position ", input.start,
                     " from the end, but the node has only ", num_inputs, " inputs"));
  }
  begin = std::min(begin, num_inputs);
  if (input.end == InputDef::kSingle) {
    return InputRange{begin, std::min(begin + 1, num_inputs)};
  }
  int end = input.end == InputDef::kToEnd ? num_inputs
            : input.end < 0               ? num_inputs + input.end
                                          : std::min(input.end, num_inputs);
  return InputRange{begin, std::max(begin, end)};
}

}  // namespace tfjs::ops
