#include "converter/readers/hdf5/dataset.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "converter/readers/hdf5/byte_cursor.h"
#include "converter/readers/hdf5/chunked_storage.h"
#include "converter/readers/hdf5/datatype.h"
#include "converter/readers/hdf5/elements.h"
#include "converter/readers/hdf5/filter_pipeline.h"

namespace tfjs::converter::hdf5 {
namespace {

enum LayoutClass : uint8_t { kCompact = 0, kContiguous = 1, kChunked = 2 };

absl::StatusOr<const HeaderMessage*> RequireMessage(const FileContext& file,
                                                    const ObjectHeader& header, uint16_t type,
                                                    absl::string_view what) {
  const HeaderMessage* message = header.Find(type);
  if (message == nullptr) {
    return file.Corrupt(file.FileOffset(header.address),
                        absl::StrCat("dataset object header has no ", what, " message"));
  }
  if (message->is_shared()) {
    return file.Unsupported(message->file_offset, absl::StrCat("shared ", what, " message"));
  }
  return message;
}

// The stored bytes of a dataset whose layout message (version 3) is `layout`.
absl::StatusOr<std::string> ReadStoredBytes(const FileContext& file, const ObjectHeader& header,
                                            const HeaderMessage& layout,
                                            const std::vector<uint64_t>& shape,
                                            uint64_t element_size, uint64_t byte_size) {
  ByteCursor cursor(layout.data, layout.file_offset);
  const uint8_t version = cursor.ReadU8();
  const uint8_t layout_class = cursor.ReadU8();
  if (!cursor.ok()) return file.Truncated(cursor, "data layout message");
  if (version != 3) {
    return file.Unsupported(layout.file_offset, absl::StrCat("data layout message version ",
                                                             static_cast<int>(version)));
  }
  const HeaderMessage* filters_message = header.Find(kFilterPipelineMessage);
  if (filters_message != nullptr && layout_class != kChunked) {
    return file.Corrupt(filters_message->file_offset, "filters on a dataset that is not chunked");
  }
  switch (layout_class) {
    case kCompact: {
      const uint16_t size = cursor.ReadU16();
      const absl::string_view data = cursor.ReadBytes(size);
      if (!cursor.ok()) return file.Truncated(cursor, "compact data layout");
      if (size != byte_size) {
        return file.Corrupt(layout.file_offset,
                            absl::StrCat("compact data of ", size, " bytes for ", byte_size));
      }
      return std::string(data);
    }
    case kContiguous: {
      const uint64_t address = file.ReadAddress(cursor);
      const uint64_t size = file.ReadLength(cursor);
      if (!cursor.ok()) return file.Truncated(cursor, "contiguous data layout");
      if (file.IsUndefined(address)) {
        return file.Unsupported(layout.file_offset, "dataset whose storage was never written");
      }
      if (size < byte_size) {
        return file.Corrupt(layout.file_offset,
                            absl::StrCat("contiguous storage of ", size, " bytes for ", byte_size));
      }
      return file.Read(address, byte_size, "contiguous dataset data");
    }
    case kChunked: {
      const uint8_t dimensionality = cursor.ReadU8();
      ChunkedLayout chunked;
      chunked.file_offset = layout.file_offset;
      chunked.btree_address = file.ReadAddress(cursor);
      // One size per dataset dimension, then the element size.
      for (int i = 0; i + 1 < dimensionality; ++i) {
        chunked.chunk_shape.push_back(cursor.ReadU32());
      }
      const uint32_t chunk_element_size = cursor.ReadU32();
      if (!cursor.ok()) return file.Truncated(cursor, "chunked data layout");
      if (chunk_element_size != element_size) {
        return file.Corrupt(layout.file_offset,
                            absl::StrCat("chunks of ", chunk_element_size,
                                         "-byte elements for a datatype of ", element_size));
      }
      std::vector<Filter> filters;
      if (filters_message != nullptr) {
        absl::StatusOr<std::vector<Filter>> parsed = ParseFilterPipeline(file, *filters_message);
        if (!parsed.ok()) return parsed.status();
        filters = *std::move(parsed);
      }
      return ReadChunkedData(file, chunked, filters, shape, element_size, byte_size);
    }
    default:
      return file.Unsupported(layout.file_offset,
                              absl::StrCat("data layout class ", static_cast<int>(layout_class)));
  }
}

}  // namespace

bool IsDatasetHeader(const ObjectHeader& header) { return header.Find(kLayoutMessage) != nullptr; }

absl::StatusOr<Dataset> ReadDatasetValue(const FileContext& file, const ObjectHeader& header) {
  absl::StatusOr<const HeaderMessage*> datatype_message =
      RequireMessage(file, header, kDatatypeMessage, "datatype");
  if (!datatype_message.ok()) return datatype_message.status();
  absl::StatusOr<const HeaderMessage*> dataspace_message =
      RequireMessage(file, header, kDataspaceMessage, "dataspace");
  if (!dataspace_message.ok()) return dataspace_message.status();
  absl::StatusOr<const HeaderMessage*> layout_message =
      RequireMessage(file, header, kLayoutMessage, "data layout");
  if (!layout_message.ok()) return layout_message.status();
  if (const HeaderMessage* external = header.Find(kExternalFilesMessage)) {
    return file.Unsupported(external->file_offset, "dataset stored in external files");
  }
  absl::StatusOr<Datatype> type =
      ParseDatatype(file, (*datatype_message)->data, (*datatype_message)->file_offset);
  if (!type.ok()) return type.status();
  absl::StatusOr<Dataspace> space =
      ParseDataspace(file, (*dataspace_message)->data, (*dataspace_message)->file_offset);
  if (!space.ok()) return space.status();
  if (space->is_null) {
    return file.Unsupported((*dataspace_message)->file_offset, "dataset with a null dataspace");
  }
  // Unfiltered data lies in the file; filtered data decodes to at most max_decoded_size().
  const uint64_t limit =
      header.Find(kFilterPipelineMessage) != nullptr ? file.max_decoded_size() : file.file_size();
  absl::StatusOr<uint64_t> byte_size =
      ByteSize(file, space->shape, type->stored_size, limit, (*dataspace_message)->file_offset);
  if (!byte_size.ok()) return byte_size.status();
  absl::StatusOr<std::string> stored =
      ReadStoredBytes(file, header, **layout_message, space->shape, type->stored_size, *byte_size);
  if (!stored.ok()) return stored.status();
  return DecodeElements(file, *type, std::move(space->shape), *std::move(stored),
                        (*layout_message)->file_offset);
}

}  // namespace tfjs::converter::hdf5
