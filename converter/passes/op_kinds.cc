#include "converter/passes/op_kinds.h"

#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"

namespace tfjs::converter {
namespace {

bool Contains(const absl::flat_hash_set<absl::string_view>& set, absl::string_view op) {
  return set.contains(op);
}

}  // namespace

bool IsControlFlowOp(absl::string_view op) {
  static const auto* const kOps = new absl::flat_hash_set<absl::string_view>{
      "Switch", "RefSwitch", "Merge", "RefMerge", "Enter", "RefEnter", "Exit", "RefExit",
      "NextIteration", "RefNextIteration", "LoopCond", "If", "StatelessIf", "While",
      "StatelessWhile", "Case", "StatelessCase", "_SwitchN", "ControlTrigger"};
  return Contains(*kOps, op);
}

bool IsIdentityOp(absl::string_view op) {
  return op == "Identity" || op == "IdentityN" || op == "Snapshot" || op == "StopGradient";
}

bool HasSideEffectsOrRandomness(absl::string_view op) {
  static const auto* const kOps = new absl::flat_hash_set<absl::string_view>{
      "Placeholder", "PlaceholderWithDefault", "PlaceholderV2", "NoOp",
      "RandomStandardNormal", "RandomUniform", "RandomUniformInt", "TruncatedNormal",
      "Multinomial", "RandomShuffle", "RandomGamma", "RandomPoisson", "RandomPoissonV2",
      "ParameterizedTruncatedNormal", "RandomCrop",
      "Print", "PrintV2", "Assert", "CheckNumerics",
      "VariableV2", "Variable", "VarHandleOp", "ReadVariableOp", "Assign", "AssignAdd",
      "AssignSub", "AssignVariableOp", "AssignAddVariableOp", "AssignSubVariableOp",
      "HashTable", "HashTableV2", "MutableHashTable", "MutableHashTableV2", "InitializeTable",
      "InitializeTableV2", "LookupTableFind", "LookupTableFindV2", "LookupTableImport",
      "LookupTableImportV2", "LookupTableSize", "LookupTableSizeV2", "LookupTableInsertV2",
      "EmptyTensorList", "StatefulPartitionedCall", "PartitionedCall"};
  return Contains(*kOps, op) || absl::StartsWith(op, "TensorArray") ||
         absl::StartsWith(op, "TensorList") || absl::StartsWith(op, "Stack");
}

bool IsShapePreservingUnaryOp(absl::string_view op) {
  static const auto* const kOps = new absl::flat_hash_set<absl::string_view>{
      "Abs",      "Acos",     "Acosh",    "Asin",       "Asinh",    "Atan",     "Atanh",
      "Cast",     "Ceil",     "Cos",      "Cosh",       "Elu",      "Erf",      "Exp",
      "Expm1",    "Floor",    "Identity", "IsFinite",   "IsInf",    "IsNan",    "LeakyRelu",
      "Log",      "Log1p",    "LogicalNot", "LogSoftmax", "Neg",    "OnesLike", "Reciprocal",
      "Relu",     "Relu6",    "Round",    "Rsqrt",      "Selu",     "Sigmoid",  "Sign",
      "Sin",      "Sinh",     "Snapshot", "Softmax",    "Softplus", "Softsign", "Sqrt",
      "Square",   "StopGradient", "Tan",  "Tanh",       "ZerosLike"};
  return Contains(*kOps, op);
}

bool IsBroadcastingBinaryOp(absl::string_view op) {
  static const auto* const kOps = new absl::flat_hash_set<absl::string_view>{
      "Add",      "AddV2",        "Atan2",      "Div",       "DivNoNan",
      "Equal",    "FloorDiv",     "FloorMod",   "Greater",   "GreaterEqual", "Less",
      "LessEqual", "LogicalAnd",  "LogicalOr",  "Maximum",   "Minimum",   "Mod",
      "Mul",      "NotEqual",     "Pow",        "RealDiv",   "SquaredDifference", "Sub",
      "TruncateDiv", "Xdivy"};
  return Contains(*kOps, op);
}

}  // namespace tfjs::converter
