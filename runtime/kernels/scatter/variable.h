// Variables of a model loaded as a GraphDef: the state behind TF's resource variables
// (VarHandleOp, read and written through a DT_RESOURCE handle, copy-on-write) and reference
// variables (VariableV2, whose output the Assign and Scatter ops write through in place). Each
// lives as long as the kernel of the node that made it, that is for the model's lifetime.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_SCATTER_VARIABLE_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_SCATTER_VARIABLE_H_

#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "runtime/tensor.h"

namespace tfjs::runtime::scatter {

// A resource variable. Writers replace the value; tensors read earlier keep theirs.
class ResourceVariable : public Resource {
 public:
  ResourceVariable(std::string name, DataType dtype) : name_(std::move(name)), dtype_(dtype) {}

  const std::string& name() const { return name_; }
  DataType dtype() const { return dtype_; }
  // The value; FailedPrecondition (TF's words) while uninitialized or after DestroyResourceOp.
  absl::StatusOr<Tensor> Read() const;
  bool initialized() const;
  void Write(Tensor value);
  // Back to uninitialized (DestroyResourceOp).
  void Destroy();

 private:
  const std::string name_;
  const DataType dtype_;
  mutable absl::Mutex mutex_;
  Tensor value_ ABSL_GUARDED_BY(mutex_);
};

// A reference variable: its storage tensor flows through the graph as the variable node's
// output, and ops that TF gives the reference (Assign, AssignAdd, Scatter*, CountUpTo) find the
// variable from that tensor and write its storage in place, so readers ordered after the write
// see it, as with TF's references. A tensor that no variable stores (a frozen variable's Const)
// is no variable: those ops then compute their result into a new tensor.
class RefVariable : public std::enable_shared_from_this<RefVariable> {
 public:
  // Uninitialized, with zeros of `shape` as storage (a scalar when `shape` is not fully known)
  // so that writers can find it.
  static absl::StatusOr<std::shared_ptr<RefVariable>> Create(DataType dtype, Shape shape);
  ~RefVariable();
  RefVariable(const RefVariable&) = delete;
  RefVariable& operator=(const RefVariable&) = delete;

  // The variable whose current storage `ref` is; nullptr for any other tensor.
  static std::shared_ptr<RefVariable> Find(const Tensor& ref);

  DataType dtype() const { return dtype_; }
  bool initialized() const;
  Tensor storage() const;
  // Copies `value` into the storage, in place when the shapes match, else into new storage
  // (Assign with validate_shape=false, or the first assignment); marks the variable initialized.
  // Returns the storage.
  absl::StatusOr<Tensor> Assign(const Tensor& value);

 private:
  explicit RefVariable(DataType dtype) : dtype_(dtype) {}
  void SetStorage(Tensor storage) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);

  const DataType dtype_;
  mutable absl::Mutex mutex_;
  Tensor storage_ ABSL_GUARDED_BY(mutex_);
  bool initialized_ ABSL_GUARDED_BY(mutex_) = false;
};

}  // namespace tfjs::runtime::scatter

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_SCATTER_VARIABLE_H_
