#include "converter/readers/binary_graph_def.h"

#include <limits>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "converter/readers/checkpoint/coding.h"
#include "proto/dtype_size.h"
#include "proto/protobuf_log.h"
#include "converter/readers/wire_format_file.h"

namespace tfjs::converter {
namespace {

// Field numbers, from tensorflow/core/framework/{graph,node_def,attr_value,tensor}.proto.
constexpr uint32_t kGraphDefNode = 1;
constexpr uint32_t kAttrEntryKey = 1;
// The way from a NodeDef down to a tensor's bytes: NodeDef.attr (a map entry), the entry's
// value, AttrValue.tensor, TensorProto.tensor_content; indexed by Depth.
constexpr uint32_t kFieldTowardsContent[] = {5, 2, 8, 4};
enum Depth { kNodeDef = 0, kAttrEntry = 1, kAttrValue = 2, kTensorProto = 3 };

// A tensor_content left in the file, found under the attr `attr`.
struct LargeContent {
  std::string attr;
  uint64_t offset = 0;
  uint64_t size = 0;
};

// Whether `size` bytes are exactly the elements of `tensor`'s fixed-size dtype and known shape.
bool IsWholeFixedSizeTensor(const tensorflow::TensorProto& tensor, uint64_t size) {
  const uint64_t element_bytes = DataTypeSize(tensor.dtype());
  if (element_bytes == 0 || tensor.tensor_shape().unknown_rank()) return false;
  uint64_t bytes = element_bytes;
  for (const tensorflow::TensorShapeProto::Dim& dim : tensor.tensor_shape().dim()) {
    if (dim.size() < 0) return false;
    const uint64_t extent = static_cast<uint64_t>(dim.size());
    if (extent != 0 && bytes > std::numeric_limits<uint64_t>::max() / extent) return false;
    bytes *= extent;
  }
  return bytes == size;
}

// ": <what protobuf logged>" about the parse that just failed, or nothing.
std::string ProtobufReason() {
  const std::string logged = proto::TakeProtobufLog();
  return logged.empty() ? "" : absl::StrCat(": ", logged);
}

// Merges `field`, a field of `message`'s type, into it: parsing fields one at a time merges them
// exactly as parsing them together would. `type` names the message in errors.
absl::Status MergeField(WireFormatFile& file, const WireField& field, absl::string_view type,
                        google::protobuf::Message* message) {
  proto::CaptureProtobufLog();
  const uint64_t size = field.end - field.begin;
  if (size > static_cast<uint64_t>(std::numeric_limits<int>::max())) {
    return file.Corrupt(field.begin, absl::StrCat(type, " field ", field.number, " has ", size,
                                                  " bytes, over protobuf's 2 GiB"));
  }
  absl::StatusOr<absl::string_view> bytes = file.Bytes(field.begin, size);
  if (!bytes.ok()) return bytes.status();
  if (!message->MergeFromString(std::string(*bytes))) {
    return file.Corrupt(field.begin, absl::StrCat(type, " field ", field.number, " does not parse",
                                                  ProtobufReason()));
  }
  return absl::OkStatus();
}

class GraphDefStream {
 public:
  GraphDefStream(WireFormatFile* file, uint64_t min_referenced_bytes,
                 absl::flat_hash_map<std::string, WeightSource>* external_weights)
      : file_(*file),
        min_referenced_bytes_(min_referenced_bytes),
        external_weights_(*external_weights) {}

  // Reads the GraphDef that lies at [begin, end) of the file.
  absl::Status Read(uint64_t begin, uint64_t end, tensorflow::GraphDef* graph) {
    graph->Clear();
    for (uint64_t offset = begin; offset < end;) {
      absl::StatusOr<WireField> field = file_.ReadField(offset, end);
      if (!field.ok()) return field.status();
      offset = field->end;
      if (field->number == kGraphDefNode && field->type == WireType::kLengthDelimited) {
        const int index = graph->node_size();
        absl::Status status = ReadNode(*field, index, graph->add_node());
        if (!status.ok()) return status;
        continue;
      }
      // Library, versions, and whatever else.
      if (absl::Status s = MergeField(file_, *field, "GraphDef", graph); !s.ok()) return s;
    }
    return absl::OkStatus();
  }

 private:
  absl::Status ReadNode(const WireField& field, int index, tensorflow::NodeDef* node) {
    proto::CaptureProtobufLog();
    auto not_a_node = [&] {
      return file_.Corrupt(field.value_begin,
                           absl::StrCat("node #", index, " (", field.value_size(),
                                        " bytes) is not a valid NodeDef", ProtobufReason()));
    };
    // Too small to hold a tensor_content worth a reference: protobuf parses it.
    if (field.value_size() < min_referenced_bytes_) {
      absl::StatusOr<absl::string_view> bytes = file_.Bytes(field.value_begin, field.value_size());
      if (!bytes.ok()) return bytes.status();
      if (!node->ParseFromArray(bytes->data(), static_cast<int>(bytes->size()))) {
        return not_a_node();
      }
      return absl::OkStatus();
    }
    std::string stripped;
    std::vector<LargeContent> contents;
    absl::Status status =
        StripLargeContents(field.value_begin, field.end, kNodeDef, &stripped, &contents);
    if (!status.ok()) return status;
    if (!node->ParseFromString(stripped)) return not_a_node();
    for (const LargeContent& content : contents) {
      if (status = PlaceContent(content, node); !status.ok()) return status;
    }
    return absl::OkStatus();
  }

  // Appends to *out the fields of the message at [begin, end) (a NodeDef or, deeper, one of the
  // messages on the way to a tensor_content), minus every tensor_content of at least
  // min_referenced_bytes_, which goes to *contents instead. Enclosing messages are re-encoded
  // with their new lengths.
  absl::Status StripLargeContents(uint64_t begin, uint64_t end, int depth, std::string* out,
                                  std::vector<LargeContent>* contents) {
    const size_t first_content = contents->size();
    std::string attr_key;
    for (uint64_t offset = begin; offset < end;) {
      absl::StatusOr<WireField> field = file_.ReadField(offset, end);
      if (!field.ok()) return field.status();
      offset = field->end;
      const bool towards_content = field->number == kFieldTowardsContent[depth] &&
                                   field->type == WireType::kLengthDelimited &&
                                   field->value_size() >= min_referenced_bytes_;
      if (towards_content && depth == kTensorProto) {
        contents->push_back({"", field->value_begin, field->value_size()});
      } else if (towards_content) {
        std::string inner;
        absl::Status status =
            StripLargeContents(field->value_begin, field->end, depth + 1, &inner, contents);
        if (!status.ok()) return status;
        coding::PutVarint64(out, (uint64_t{field->number} << 3) |
                                     static_cast<uint64_t>(WireType::kLengthDelimited));
        coding::PutVarint64(out, inner.size());
        out->append(inner);
      } else {
        absl::StatusOr<absl::string_view> bytes =
            file_.Bytes(field->begin, field->end - field->begin);
        if (!bytes.ok()) return bytes.status();
        out->append(bytes->data(), bytes->size());
        if (depth == kAttrEntry && field->number == kAttrEntryKey &&
            field->type == WireType::kLengthDelimited) {
          attr_key = std::string(bytes->substr(field->value_begin - field->begin));
        }
      }
    }
    if (depth == kAttrEntry) {
      for (size_t i = first_content; i < contents->size(); ++i) (*contents)[i].attr = attr_key;
    }
    return absl::OkStatus();
  }

  // Gives the parsed `node` its large tensor_content back: as a reference when it is a Const's
  // whole value, read into the tensor otherwise.
  absl::Status PlaceContent(const LargeContent& content, tensorflow::NodeDef* node) {
    auto attr = node->mutable_attr()->find(content.attr);
    if (attr == node->mutable_attr()->end() || !attr->second.has_tensor()) {
      return file_.Corrupt(content.offset,
                           absl::StrCat("node '", node->name(), "': the tensor_content of attr '",
                                        content.attr, "' is overridden by a later entry"));
    }
    tensorflow::TensorProto* tensor = attr->second.mutable_tensor();
    if (node->op() == "Const" && content.attr == "value" &&
        IsWholeFixedSizeTensor(*tensor, content.size)) {
      WeightSource source;
      source.path = file_.path();
      source.offset = content.offset;
      source.size = content.size;
      source.has_crc32c = false;
      source.dtype = tensor->dtype();
      source.shape = tensor->tensor_shape();
      source.checkpoint_key = node->name();
      external_weights_[node->name()] = std::move(source);
      tensor->clear_tensor_content();
      return absl::OkStatus();
    }
    return file_.ReadInto(content.offset, content.size, tensor->mutable_tensor_content());
  }

  WireFormatFile& file_;
  const uint64_t min_referenced_bytes_;
  absl::flat_hash_map<std::string, WeightSource>& external_weights_;
};

// Field numbers: SavedModel.meta_graphs, MetaGraphDef.graph_def.
constexpr uint32_t kSavedModelMetaGraph = 2;
constexpr uint32_t kMetaGraphGraphDef = 2;

// Reads the MetaGraphDef at `field` into *meta_graph, its graph_def through `stream`.
absl::Status ReadMetaGraph(const WireField& field, WireFormatFile& file, GraphDefStream& stream,
                           tensorflow::MetaGraphDef* meta_graph) {
  for (uint64_t offset = field.value_begin; offset < field.end;) {
    absl::StatusOr<WireField> inner = file.ReadField(offset, field.end);
    if (!inner.ok()) return inner.status();
    offset = inner->end;
    if (inner->number != kMetaGraphGraphDef || inner->type != WireType::kLengthDelimited) {
      absl::Status status = MergeField(file, *inner, "MetaGraphDef", meta_graph);
      if (!status.ok()) return status;
      continue;
    }
    tensorflow::GraphDef graph;
    if (absl::Status s = stream.Read(inner->value_begin, inner->end, &graph); !s.ok()) return s;
    if (meta_graph->has_graph_def()) {
      meta_graph->mutable_graph_def()->MergeFrom(graph);
    } else {
      *meta_graph->mutable_graph_def() = std::move(graph);
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ReadBinarySavedModel(
    const std::string& path, uint64_t min_referenced_bytes, tensorflow::SavedModel* saved_model,
    std::vector<absl::flat_hash_map<std::string, WeightSource>>* external_weights) {
  absl::StatusOr<WireFormatFile> file = WireFormatFile::Open(path, "tensorflow.SavedModel");
  if (!file.ok()) return file.status();
  saved_model->Clear();
  external_weights->clear();
  for (uint64_t offset = 0; offset < file->size();) {
    absl::StatusOr<WireField> field = file->ReadField(offset, file->size());
    if (!field.ok()) return field.status();
    offset = field->end;
    if (field->number != kSavedModelMetaGraph || field->type != WireType::kLengthDelimited) {
      absl::Status status = MergeField(*file, *field, "SavedModel", saved_model);
      if (!status.ok()) return status;
      continue;
    }
    absl::flat_hash_map<std::string, WeightSource> weights;
    GraphDefStream stream(&*file, min_referenced_bytes, &weights);
    absl::Status status = ReadMetaGraph(*field, *file, stream, saved_model->add_meta_graphs());
    external_weights->push_back(std::move(weights));
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

absl::Status ReadBinaryGraphDef(const std::string& path, uint64_t min_referenced_bytes,
                                tensorflow::GraphDef* graph,
                                absl::flat_hash_map<std::string, WeightSource>* external_weights) {
  absl::StatusOr<WireFormatFile> file = WireFormatFile::Open(path, "tensorflow.GraphDef");
  if (!file.ok()) return file.status();
  GraphDefStream stream(&*file, min_referenced_bytes, external_weights);
  return stream.Read(0, file->size(), graph);
}

}  // namespace tfjs::converter
