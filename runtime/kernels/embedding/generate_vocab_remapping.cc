// GenerateVocabRemapping: for lines new_vocab_offset .. + num_new_vocab of the new vocabulary
// file, the line number of the same token in the old vocabulary file (its first old_vocab_size
// lines, or all), or -1; and how many were found. Files are read as TF's text-file table
// initializer reads them: one token per line, "\r\n" endings allowed, empty lines refused.
#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"

namespace tfjs::runtime::embedding {
namespace {

constexpr int kNewVocabFile = 0;
constexpr int kOldVocabFile = 1;

// The file's first `limit` lines (all when limit is -1), which it must have.
absl::StatusOr<std::vector<std::string>> ReadVocabulary(const OpContext& context,
                                                        const std::string& filename,
                                                        int64_t limit) {
  std::ifstream file(filename, std::ios::binary);
  if (!file) return absl::NotFoundError(absl::StrCat(filename, ": No such file or directory"));
  std::vector<std::string> lines;
  std::string line;
  int64_t position = 0;
  while ((limit < 0 || static_cast<int64_t>(lines.size()) < limit) && std::getline(file, line)) {
    position += static_cast<int64_t>(line.size()) + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      return context.Error(absl::StrCat("Invalid content in ", filename,
                                        ": empty line found at position ", position, "."));
    }
    lines.push_back(line);
  }
  if (limit >= 0 && static_cast<int64_t>(lines.size()) != limit) {
    return context.Error(absl::StrCat("Invalid vocab_size in ", filename, ": expected ", limit,
                                      " but got ", lines.size()));
  }
  return lines;
}

absl::StatusOr<std::string> FileName(const OpContext& context, int index, const char* what) {
  const Tensor& tensor = context.input(index);
  if (tensor.dtype() != tensorflow::DT_STRING || tensor.rank() != 0) {
    return context.Error(
        absl::StrCat(what, " should be a single string, but got ", ShapeString(tensor.shape())));
  }
  if (tensor.strings()[0].empty()) {
    return context.Error(absl::StrCat(what == std::string("new_vocab_file") ? "new" : "old",
                                      " vocab filename cannot be empty."));
  }
  return tensor.strings()[0];
}

class GenerateVocabRemappingKernel : public Kernel {
 public:
  GenerateVocabRemappingKernel(int64_t new_vocab_offset, int64_t num_new_vocab,
                               int64_t old_vocab_size)
      : new_vocab_offset_(new_vocab_offset),
        num_new_vocab_(num_new_vocab),
        old_vocab_size_(old_vocab_size) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
    absl::StatusOr<std::string> new_file = FileName(context, kNewVocabFile, "new_vocab_file");
    if (!new_file.ok()) return new_file.status();
    absl::StatusOr<std::vector<std::string>> new_vocab = ReadVocabulary(context, *new_file, -1);
    if (!new_vocab.ok()) return new_vocab.status();
    const int64_t new_size = static_cast<int64_t>(new_vocab->size());
    if (new_vocab_offset_ + num_new_vocab_ > new_size) {
      return context.Error(
          absl::StrCat("lookup table size must be larger than last new vocab entry's index: ",
                       new_vocab_offset_ + num_new_vocab_, " > ", new_size));
    }
    absl::StatusOr<std::string> old_file = FileName(context, kOldVocabFile, "old_vocab_file");
    if (!old_file.ok()) return old_file.status();
    absl::StatusOr<std::vector<std::string>> old_vocab =
        ReadVocabulary(context, *old_file, old_vocab_size_);
    if (!old_vocab.ok()) return old_vocab.status();
    // TF's token -> line table refuses a token on two lines.
    absl::flat_hash_map<std::string, int64_t> old_ids;
    for (int64_t i = 0; i < static_cast<int64_t>(old_vocab->size()); ++i) {
      const auto [it, inserted] = old_ids.try_emplace((*old_vocab)[i], i);
      if (!inserted) {
        return absl::FailedPreconditionError(
            absl::StrCat("node '", context.node().name(),
                         "' (GenerateVocabRemapping): HashTable has different "
                         "value for same key. Key ",
                         (*old_vocab)[i], " has ", it->second, " and trying to add value ", i));
      }
    }
    Tensor remapping = *Tensor::Allocate(tensorflow::DT_INT64, {num_new_vocab_});
    int32_t present = 0;
    for (int64_t i = 0; i < num_new_vocab_; ++i) {
      const auto it = old_ids.find((*new_vocab)[new_vocab_offset_ + i]);
      const int64_t id = it == old_ids.end() ? -1 : it->second;
      remapping.mutable_data<int64_t>()[i] = id;
      present += id != -1;
    }
    context.set_output(0, std::move(remapping));
    context.set_output(1, Tensor::Scalar<int32_t>(tensorflow::DT_INT32, present));
    return absl::OkStatus();
  }

 private:
  int64_t new_vocab_offset_;
  int64_t num_new_vocab_;
  int64_t old_vocab_size_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildGenerateVocabRemapping(
    const KernelBuildContext& context) {
  absl::StatusOr<int64_t> offset = context.attrs.GetInt("new_vocab_offset");
  absl::StatusOr<int64_t> count = context.attrs.GetInt("num_new_vocab");
  absl::StatusOr<int64_t> old_size = context.attrs.GetInt("old_vocab_size");
  for (const absl::Status& status : {offset.status(), count.status(), old_size.status()}) {
    if (!status.ok()) return status;
  }
  if (*offset < 0 || *count < 0 || *old_size < -1) {
    return context.Error(absl::StrCat(
        "new_vocab_offset and num_new_vocab must be >= 0 and old_vocab_size >= -1, given ", *offset,
        ", ", *count, ", ", *old_size));
  }
  return std::make_unique<GenerateVocabRemappingKernel>(*offset, *count, *old_size);
}

REGISTER_KERNEL_FACTORY("GenerateVocabRemapping", BuildGenerateVocabRemapping);

}  // namespace
}  // namespace tfjs::runtime::embedding
