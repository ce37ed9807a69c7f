#include "converter/readers/hdf5/elements.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "converter/readers/hdf5/byte_cursor.h"
#include "converter/readers/hdf5/heaps.h"

namespace tfjs::converter::hdf5 {
namespace {

void SwapBytesOfEachElement(std::string& bytes, uint64_t element_size) {
  for (uint64_t start = 0; start + element_size <= bytes.size(); start += element_size) {
    std::reverse(bytes.begin() + start, bytes.begin() + start + element_size);
  }
}

std::string StripPadding(absl::string_view stored, StringPadding padding) {
  switch (padding) {
    case StringPadding::kNullTerminated:
      return std::string(stored.substr(0, stored.find('\0')));
    case StringPadding::kNullPadded:
      while (!stored.empty() && stored.back() == '\0') stored.remove_suffix(1);
      return std::string(stored);
    case StringPadding::kSpacePadded:
      while (!stored.empty() && stored.back() == ' ') stored.remove_suffix(1);
      return std::string(stored);
  }
  return std::string(stored);
}

absl::Status ReadVariableLengthStrings(const FileContext& file, absl::string_view stored,
                                       uint64_t file_offset, uint64_t count,
                                       std::vector<std::string>& strings) {
  GlobalHeap heap(file);
  ByteCursor cursor(stored, file_offset);
  strings.reserve(count);
  for (uint64_t i = 0; i < count; ++i) {
    const uint64_t reference_offset = cursor.file_offset();
    const uint32_t length = cursor.ReadU32();
    const uint64_t collection = file.ReadAddress(cursor);
    const uint32_t index = cursor.ReadU32();
    if (!cursor.ok()) return file.Truncated(cursor, "variable-length string references");
    if (length == 0) {  // an empty string needs no heap object
      strings.emplace_back();
      continue;
    }
    absl::StatusOr<std::string> object = heap.Object(collection, index);
    if (!object.ok()) return object.status();
    if (length > object->size()) {
      return file.Corrupt(reference_offset,
                          absl::StrCat("variable-length string of ", length,
                                       " bytes refers to a heap object of ", object->size()));
    }
    object->resize(length);
    strings.push_back(*std::move(object));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Array> DecodeElements(const FileContext& file, const Datatype& type,
                                     std::vector<uint64_t> shape, std::string stored,
                                     uint64_t file_offset) {
  Array array;
  array.kind = type.kind;
  array.shape = std::move(shape);
  const uint64_t count = array.num_elements();
  if (count * type.stored_size != stored.size()) {
    return file.Corrupt(file_offset, absl::StrCat("holds ", stored.size(), " bytes for ", count,
                                                  " elements of ", type.stored_size, " bytes"));
  }
  if (type.kind != ElementKind::kString) {
    array.element_size = type.stored_size;
    if (type.big_endian) SwapBytesOfEachElement(stored, type.stored_size);
    array.bytes = std::move(stored);
    return array;
  }
  if (type.variable_length) {
    array.element_size = 0;
    if (absl::Status s = ReadVariableLengthStrings(file, stored, file_offset, count, array.strings);
        !s.ok()) {
      return s;
    }
    return array;
  }
  array.element_size = type.stored_size;
  array.strings.reserve(count);
  for (uint64_t i = 0; i < count; ++i) {
    array.strings.push_back(StripPadding(
        absl::string_view(stored).substr(i * type.stored_size, type.stored_size), type.padding));
  }
  return array;
}

}  // namespace tfjs::converter::hdf5
