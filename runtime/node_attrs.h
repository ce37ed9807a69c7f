// NodeAttrs: typed reads of a node's attrs, falling back to the op table's defaults.
#ifndef TFJS_NATIVE_RUNTIME_NODE_ATTRS_H_
#define TFJS_NATIVE_RUNTIME_NODE_ATTRS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "ops/op_table.h"
#include "proto/graph.pb.h"

namespace tfjs::runtime {

class NodeAttrs {
 public:
  // `op_def` may be null (no defaults then).
  NodeAttrs(const tensorflow::NodeDef& node, const ops::OpDef* op_def)
      : node_(node), op_def_(op_def) {}

  bool Has(absl::string_view name) const { return Find(name) != nullptr; }
  absl::StatusOr<int64_t> GetInt(absl::string_view name) const;
  absl::StatusOr<float> GetFloat(absl::string_view name) const;
  absl::StatusOr<bool> GetBool(absl::string_view name) const;
  absl::StatusOr<std::string> GetString(absl::string_view name) const;
  absl::StatusOr<tensorflow::DataType> GetType(absl::string_view name) const;
  absl::StatusOr<std::vector<int64_t>> GetIntList(absl::string_view name) const;
  absl::StatusOr<std::vector<float>> GetFloatList(absl::string_view name) const;
  absl::StatusOr<std::vector<std::string>> GetStringList(absl::string_view name) const;

 private:
  // The node's attr, under its name or the table's deprecated name; nullptr when absent.
  const tensorflow::AttrValue* Find(absl::string_view name) const;
  // The table's default as text; NotFound naming the node when there is none.
  absl::StatusOr<std::string> Default(absl::string_view name) const;
  absl::Status WrongType(absl::string_view name, absl::string_view expected) const;

  const tensorflow::NodeDef& node_;
  const ops::OpDef* op_def_;
};

}  // namespace tfjs::runtime

#endif  // TFJS_NATIVE_RUNTIME_NODE_ATTRS_H_
