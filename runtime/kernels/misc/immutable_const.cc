// ImmutableConst: a constant read from a memory-mapped file region (TF maps `memory_region_name`
// through its Env, which for plain file paths is a read-only mmap of the whole file).
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <memory>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"

namespace tfjs::runtime {
namespace {

// A read-only mapping of a whole file, unmapped when the last tensor viewing it goes.
class MappedFile {
 public:
  MappedFile(void* data, size_t size) : data_(data), size_(size) {}
  ~MappedFile() {
    if (size_ > 0) munmap(data_, size_);
  }
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  const void* data() const { return data_; }
  size_t size() const { return size_; }

 private:
  void* data_;
  size_t size_;
};

absl::StatusOr<std::shared_ptr<MappedFile>> MapFile(const std::string& path) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return absl::NotFoundError(absl::StrCat(path, ": ", std::strerror(errno)));
  struct stat info;
  if (fstat(fd, &info) != 0) {
    const int error = errno;
    close(fd);
    return absl::InternalError(absl::StrCat(path, ": ", std::strerror(error)));
  }
  const size_t size = static_cast<size_t>(info.st_size);
  void* data = size == 0 ? nullptr : mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  const int error = errno;
  close(fd);
  if (data == MAP_FAILED) {
    return absl::InternalError(absl::StrCat("mmap ", path, ": ", std::strerror(error)));
  }
  return std::make_shared<MappedFile>(data, size);
}

class ImmutableConstKernel : public Kernel {
 public:
  explicit ImmutableConstKernel(Tensor value) : value_(std::move(value)) {}
  absl::Status Compute(OpContext& context) const override {
    context.set_output(0, value_);
    return absl::OkStatus();
  }

 private:
  Tensor value_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildImmutableConst(const KernelBuildContext& context) {
  absl::StatusOr<DataType> dtype = context.attrs.GetType("dtype");
  if (!dtype.ok()) return dtype.status();
  absl::StatusOr<std::string> region = context.attrs.GetString("memory_region_name");
  if (!region.ok()) return region.status();
  auto shape_attr = context.node.attr().find("shape");
  if (shape_attr == context.node.attr().end() || shape_attr->second.shape().unknown_rank()) {
    return context.Error("missing the fully defined shape attr 'shape'");
  }
  Shape shape;
  for (const auto& dim : shape_attr->second.shape().dim()) {
    if (dim.size() < 0) return context.Error("the shape attr must be fully defined");
    shape.push_back(dim.size());
  }
  const int64_t element_size = DataTypeSize(*dtype);
  if (element_size == 0) {
    return context.Error(absl::StrCat("Type ", DataTypeName(*dtype),
                                      " is not supported, only fixed-size types are"));
  }
  absl::StatusOr<std::shared_ptr<MappedFile>> file = MapFile(*region);
  if (!file.ok()) return context.Error(file.status().message());
  const uint64_t needed = static_cast<uint64_t>(NumElements(shape) * element_size);
  if ((*file)->size() < needed) {
    return context.Error(absl::StrCat("memory region ", *region, " holds ", (*file)->size(),
                                      " bytes; a ", DataTypeName(*dtype), " tensor of shape ",
                                      ShapeString(shape), " needs ", needed));
  }
  const void* data = (*file)->data();
  Tensor value = Tensor::View(*dtype, std::move(shape), *std::move(file), data);
  return std::make_unique<ImmutableConstKernel>(std::move(value));
}

REGISTER_KERNEL_FACTORY("ImmutableConst", BuildImmutableConst);

}  // namespace
}  // namespace tfjs::runtime
