// Object headers (versions 1 and 2, with their continuation blocks): the list of header
// messages that describe one group or dataset.
#ifndef TFJS_NATIVE_CONVERTER_READERS_HDF5_OBJECT_HEADER_H_
#define TFJS_NATIVE_CONVERTER_READERS_HDF5_OBJECT_HEADER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "converter/readers/hdf5/file_context.h"

namespace tfjs::converter::hdf5 {

// Header message types used by this reader (HDF5 file format specification, section IV.A.2).
enum MessageType : uint16_t {
  kDataspaceMessage = 0x0001,
  kLinkInfoMessage = 0x0002,
  kDatatypeMessage = 0x0003,
  kLinkMessage = 0x0006,
  kExternalFilesMessage = 0x0007,
  kLayoutMessage = 0x0008,
  kFilterPipelineMessage = 0x000B,
  kAttributeMessage = 0x000C,
  kContinuationMessage = 0x0010,
  kSymbolTableMessage = 0x0011,
  kAttributeInfoMessage = 0x0015,
};

struct HeaderMessage {
  uint16_t type = 0;
  uint8_t flags = 0;
  uint64_t file_offset = 0;  // where `data` starts in the file
  std::string data;

  // Stored in another object header or the shared message table (flag bit 1).
  bool is_shared() const { return (flags & 0x02) != 0; }
};

struct ObjectHeader {
  uint64_t address = 0;
  std::vector<HeaderMessage> messages;  // in file order, continuation messages followed

  // The first message of `type`, or nullptr.
  const HeaderMessage* Find(uint16_t type) const;
};

absl::StatusOr<ObjectHeader> ReadObjectHeader(const FileContext& file, uint64_t address);

}  // namespace tfjs::converter::hdf5

#endif  // TFJS_NATIVE_CONVERTER_READERS_HDF5_OBJECT_HEADER_H_
