// Op examples of the static hash table (hash_table.cc) as a small graph: HashTableV2 filled by
// LookupTableImportV2, then LookupTableFindV2 (with a default for a missing key) and
// LookupTableSizeV2, for every value dtype the table kernel declares.
#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

constexpr char kTableGraph[] = R"pb(
  node {
    name: "table"
    op: "HashTableV2"
    attr {
      key: "key_dtype"
      value { type: DT_INT64 }
    }
    attr {
      key: "value_dtype"
      value { type: $T }
    }
  }
  node {
    name: "input_0"
    op: "Placeholder"
    attr {
      key: "dtype"
      value { type: DT_INT64 }
    }
  }
  node {
    name: "input_1"
    op: "Placeholder"
    attr {
      key: "dtype"
      value { type: $T }
    }
  }
  node {
    name: "input_2"
    op: "Placeholder"
    attr {
      key: "dtype"
      value { type: DT_INT64 }
    }
  }
  node {
    name: "input_3"
    op: "Placeholder"
    attr {
      key: "dtype"
      value { type: $T }
    }
  }
  node {
    name: "import"
    op: "LookupTableImportV2"
    input: "table"
    input: "input_0"
    input: "input_1"
    attr {
      key: "Tin"
      value { type: DT_INT64 }
    }
    attr {
      key: "Tout"
      value { type: $T }
    }
  }
  node {
    name: "find"
    op: "LookupTableFindV2"
    input: "table"
    input: "input_2"
    input: "input_3"
    input: "^import"
    attr {
      key: "Tin"
      value { type: DT_INT64 }
    }
    attr {
      key: "Tout"
      value { type: $T }
    }
  }
  node { name: "size" op: "LookupTableSizeV2" input: "table" input: "^import" }
)pb";

// Keys 1, 5, 9 hold 0, 1, 0; key 2 is missing and takes the default 1.
REGISTER_OP_EXAMPLES(OpExample{
    .op = "HashTableV2",
    .inputs = {Fixed(tensorflow::DT_INT64, {3}, {1, 5, 9}), X({3}, {0, 1, 0}),
               Fixed(tensorflow::DT_INT64, {2, 2}, {1, 2, 5, 9}), X({}, {1})},
    .outputs = {X({2, 2}, {0, 1, 1, 0}), Fixed(tensorflow::DT_INT64, {}, {3})},
    .dtype_attr = "value_dtype",
    .graph = kTableGraph,
    .fetches = {"find:0", "size:0"},
    .other_ops = {"LookupTableImportV2", "LookupTableFindV2", "LookupTableSizeV2"}});

}  // namespace
}  // namespace tfjs::runtime::testing
