#include "converter/readers/hdf5/datatype.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "converter/readers/hdf5/byte_cursor.h"

namespace tfjs::converter::hdf5 {
namespace {

enum DatatypeClass : uint8_t {
  kFixedPoint = 0,
  kFloatingPoint = 1,
  kString = 3,
  kEnumerated = 8,
  kVariableLength = 9,
};

constexpr const char* kClassNames[] = {"fixed-point", "floating-point",  "time",     "string",
                                       "bitfield",    "opaque",          "compound", "reference",
                                       "enumerated",  "variable-length", "array"};

bool IsPowerOfTwoSize(uint64_t size) { return size == 1 || size == 2 || size == 4 || size == 8; }

// IEEE binary16/32/64: exponent and mantissa widths for a float of `size` bytes.
bool IsIeeeLayout(uint64_t size, int exponent_size, int mantissa_size) {
  switch (size) {
    case 2:
      return exponent_size == 5 && mantissa_size == 10;
    case 4:
      return exponent_size == 8 && mantissa_size == 23;
    case 8:
      return exponent_size == 11 && mantissa_size == 52;
    default:
      return false;
  }
}

absl::StatusOr<Datatype> Parse(const FileContext& file, ByteCursor& cursor, int depth) {
  const uint64_t start = cursor.file_offset();
  const uint8_t class_and_version = cursor.ReadU8();
  const uint32_t bits = static_cast<uint32_t>(cursor.ReadUint(3));
  Datatype type;
  type.stored_size = cursor.ReadU32();
  if (!cursor.ok()) return file.Truncated(cursor, "datatype message");
  const uint8_t type_class = class_and_version & 0x0F;
  switch (type_class) {
    case kFixedPoint: {
      type.kind = (bits & 0x08) ? ElementKind::kInt : ElementKind::kUint;
      type.big_endian = (bits & 0x01) != 0;
      const uint16_t bit_offset = cursor.ReadU16();
      const uint16_t precision = cursor.ReadU16();
      if (!cursor.ok()) return file.Truncated(cursor, "fixed-point datatype");
      if (!IsPowerOfTwoSize(type.stored_size) || bit_offset != 0 ||
          precision != 8 * type.stored_size) {
        return file.Unsupported(start, absl::StrCat("integer of ", type.stored_size, " bytes with ",
                                                    precision, " bits at bit offset ", bit_offset));
      }
      return type;
    }
    case kFloatingPoint: {
      type.kind = ElementKind::kFloat;
      // Byte order: bit 0, with bit 6 set for VAX order.
      if (bits & 0x40) return file.Unsupported(start, "VAX-order floating point");
      type.big_endian = (bits & 0x01) != 0;
      const uint16_t bit_offset = cursor.ReadU16();
      const uint16_t precision = cursor.ReadU16();
      cursor.Skip(1);  // exponent location
      const uint8_t exponent_size = cursor.ReadU8();
      cursor.Skip(1);  // mantissa location
      const uint8_t mantissa_size = cursor.ReadU8();
      if (!cursor.ok()) return file.Truncated(cursor, "floating-point datatype");
      if (bit_offset != 0 || precision != 8 * type.stored_size ||
          !IsIeeeLayout(type.stored_size, exponent_size, mantissa_size)) {
        return file.Unsupported(start,
                                absl::StrCat("floating point of ", type.stored_size, " bytes with ",
                                             static_cast<int>(exponent_size), " exponent and ",
                                             static_cast<int>(mantissa_size), " mantissa bits"));
      }
      return type;
    }
    case kString: {
      type.kind = ElementKind::kString;
      switch (bits & 0x0F) {
        case 0:
          type.padding = StringPadding::kNullTerminated;
          break;
        case 1:
          type.padding = StringPadding::kNullPadded;
          break;
        case 2:
          type.padding = StringPadding::kSpacePadded;
          break;
        default:
          return file.Corrupt(start, absl::StrCat("string padding type ", bits & 0x0F));
      }
      return type;
    }
    case kEnumerated: {
      // An enumeration is stored as its base integer type (h5py's booleans).
      if (depth > 0) return file.Unsupported(start, "nested datatype");
      absl::StatusOr<Datatype> base = Parse(file, cursor, depth + 1);
      if (!base.ok()) return base.status();
      if (base->kind != ElementKind::kInt && base->kind != ElementKind::kUint) {
        return file.Unsupported(start, "enumeration over a non-integer type");
      }
      return base;
    }
    case kVariableLength: {
      // Bits 0-3: 0 sequence, 1 string. A reference is a 4-byte length, then a global heap ID.
      if ((bits & 0x0F) != 1) return file.Unsupported(start, "variable-length sequence");
      type.kind = ElementKind::kString;
      type.variable_length = true;
      const uint64_t expected_size = 4 + file.offset_size() + 4;
      if (type.stored_size != expected_size) {
        return file.Corrupt(start, absl::StrCat("variable-length string of ", type.stored_size,
                                                " bytes (expected ", expected_size, ")"));
      }
      return type;
    }
    default:
      return file.Unsupported(
          start,
          absl::StrCat("datatype class ", type_class < sizeof(kClassNames) / sizeof(kClassNames[0])
                                              ? kClassNames[type_class]
                                              : absl::StrCat(static_cast<int>(type_class))));
  }
}

}  // namespace

absl::StatusOr<Datatype> ParseDatatype(const FileContext& file, absl::string_view bytes,
                                       uint64_t file_offset) {
  ByteCursor cursor(bytes, file_offset);
  absl::StatusOr<Datatype> type = Parse(file, cursor, 0);
  if (type.ok() && type->stored_size == 0) {
    return file.Corrupt(file_offset, "datatype with 0-byte elements");
  }
  return type;
}

absl::StatusOr<Dataspace> ParseDataspace(const FileContext& file, absl::string_view bytes,
                                         uint64_t file_offset) {
  ByteCursor cursor(bytes, file_offset);
  const uint8_t version = cursor.ReadU8();
  const uint8_t rank = cursor.ReadU8();
  cursor.Skip(1);  // flags (bit 0: maximum sizes follow the sizes; not needed)
  Dataspace space;
  if (version == 1) {
    cursor.Skip(1 + 4);  // reserved
  } else if (version == 2) {
    const uint8_t type = cursor.ReadU8();  // 0 scalar, 1 simple, 2 null
    space.is_null = type == 2;
  } else {
    if (!cursor.ok()) return file.Truncated(cursor, "dataspace message");
    return file.Unsupported(file_offset,
                            absl::StrCat("dataspace message version ", static_cast<int>(version)));
  }
  if (rank > 32) {
    return file.Corrupt(file_offset, absl::StrCat("dataspace of rank ", static_cast<int>(rank),
                                                  " (HDF5 allows at most 32)"));
  }
  space.shape.reserve(rank);
  for (int i = 0; i < rank; ++i) space.shape.push_back(file.ReadLength(cursor));
  if (!cursor.ok()) return file.Truncated(cursor, "dataspace message");
  return space;
}

absl::StatusOr<uint64_t> ByteSize(const FileContext& file, const std::vector<uint64_t>& shape,
                                  uint64_t element_size, uint64_t limit, uint64_t file_offset) {
  for (const uint64_t dim : shape) {
    if (dim == 0) return 0;
  }
  uint64_t size = element_size;
  bool too_large = size > limit;
  for (const uint64_t dim : shape) {
    if (dim != 0 && size > limit / dim) too_large = true;
    size *= dim;
  }
  if (too_large || size > limit) {
    return file.Corrupt(
        file_offset,
        absl::StrCat("array of shape [", absl::StrJoin(shape, ","), "] of ", element_size,
                     "-byte elements needs more than the ", limit, " bytes it can have"));
  }
  return size;
}

}  // namespace tfjs::converter::hdf5
